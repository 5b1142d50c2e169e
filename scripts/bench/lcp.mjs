// Cold Largest Contentful Paint of the wall screens in Chromium at 1920x1080: every sample in a
// fresh browser context (empty HTTP cache, no service worker, no storage), LCP from a
// PerformanceObserver ('largest-contentful-paint', buffered) registered before the page's own
// scripts. One unmeasured load per page first, so the server's first-request costs (JIT, pools) are
// not counted: "cold" is the browser's side. Every context carries the same Admin session cookie
// (signed in once, before the browser starts): a signed-in person's cold load, without the sign-in.
import { chromium } from "playwright-core";
import { browserCookie, signIn } from "./common.mjs";

const base = process.env.BENCH_URL;
const samples = Number(process.env.BENCH_SAMPLES ?? 5);
const pages = (process.env.BENCH_PAGES ?? "/wall,/wall/provinces,/wall/provinces/79").split(",");
const targetMs = 1000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const cookie = browserCookie(base, await signIn(base));

const browser = await chromium.launch({ executablePath: process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium", headless: true });

// LCP is final once the page stops painting larger content; the wall never takes input, so wait
// until no new entry came for a while after load.
async function sample(path) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  await context.addCookies([cookie]);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__lcp = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const el = e.element;
          window.__lcp.push({ t: e.startTime, size: e.size, what: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList?.length ? `.${[...el.classList].join(".")}` : ""}` : e.url || "?" });
        }
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const response = await page.goto(`${base}${path}`, { waitUntil: "load", timeout: 60_000 });
    if (!response || !response.ok() || new URL(page.url()).pathname !== path) {
      throw new Error(`${path}: HTTP ${response?.status()} at ${page.url()} (the session refused?)`);
    }
    let count = -1;
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(250);
      const now = await page.evaluate(() => window.__lcp.length);
      if (now === count && i >= 4) break;
      count = now;
    }
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const scripts = performance.getEntriesByType("resource").filter((r) => r.initiatorType === "script" || r.name.endsWith(".js"));
      const last = window.__lcp[window.__lcp.length - 1];
      return {
        lcp: last?.t ?? NaN,
        element: last?.what ?? "none",
        fcp: fcp?.startTime ?? NaN,
        ttfb: nav.responseStart,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        htmlKb: nav.encodedBodySize / 1024,
        jsKb: scripts.reduce((s, r) => s + r.encodedBodySize, 0) / 1024,
        jsFiles: scripts.length,
      };
    });
  } finally {
    await context.close();
  }
}

const rows = [];
for (const path of pages) {
  await sample(path); // warm the server, not the browser
  const runs = [];
  for (let i = 0; i < samples; i++) {
    runs.push(await sample(path));
  }
  const lcps = runs.map((r) => r.lcp);
  rows.push({ path, runs, median: median(lcps), min: Math.min(...lcps), max: Math.max(...lcps) });
  console.error(`${path}: ${lcps.map((v) => v.toFixed(0)).join(", ")} ms`);
}
const version = browser.version();
await browser.close();

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
console.log("");
console.log(`Cold LCP in Chromium ${version} (headless, 1920x1080, fresh context per sample with the signed-in Admin's session cookie, loopback), ${samples} samples per page after one unmeasured load`);
console.log("page                 | LCP median (min-max) ms | FCP ms | TTFB ms | DOMContentLoaded ms | load ms | HTML KB | JS KB as sent (files)             | LCP element");
for (const r of rows) {
  const m = (key) => median(r.runs.map((x) => x[key]));
  const elements = [...new Set(r.runs.map((x) => x.element))].join(" / ");
  console.log(`${r.path.padEnd(20)} | ${`${f(r.median)} (${f(r.min)}-${f(r.max)})`.padEnd(23)} | ${f(m("fcp")).padStart(6)} | ${f(m("ttfb")).padStart(7)} | ${f(m("domContentLoaded")).padStart(19)} | ${f(m("load")).padStart(7)} | ${f(m("htmlKb"), 1).padStart(7)} | ${`${f(m("jsKb"), 1)} (${f(m("jsFiles"))})`.padEnd(33)} | ${elements}`);
}
const worst = Math.max(...rows.map((r) => r.median));
console.log(`target: median cold LCP <= ${targetMs} ms on every page; worst median ${f(worst)} ms: ${worst <= targetMs ? "met" : "NOT met"}`);
