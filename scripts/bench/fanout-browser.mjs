// Fan-out to browser pages: the push design (/wall: static page, wall.js over /hubs/wall, fragments
// swapped by id) next to an interactive Server circuit per screen (/bench/wall-circuit: the same
// fragments, every circuit re-rendering from one load per version), at the same N, in one app
// process, one row after the other. A circuit's only real client is a browser page, so both rows
// use headless Chromium pages. For each change (a case committed with its dirty mark): the delay
// from the COMMIT (node's Date.now() just before it is sent) to the moment #kpi-tiles changed in
// each page (a MutationObserver installed before the page's scripts, page's Date.now(): the same
// machine clock). Server memory per page from /internal/diagnostics (with N pages minus with none,
// over N) and server CPU seconds per change from /proc/<app pid>/stat; Chromium's own memory and CPU
// are not the server's and are not counted.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import pg from "pg";
import { browserCookie, commitEvent, diagnostics as serverDiagnostics, npgsqlToPg, pct, signIn, sleep } from "./common.mjs";

const base = process.env.BENCH_URL;
const sizes = (process.env.BENCH_BROWSER_SIZES ?? "20,50").split(",").map(Number).filter((n) => n > 0);
const changes = Number(process.env.BENCH_BROWSER_CHANGES ?? 10);
const gapMs = Number(process.env.BENCH_BROWSER_GAP_MS ?? 2000);
const idleSeconds = Number(process.env.BENCH_BROWSER_IDLE_SECONDS ?? 10);
const pagesPerContext = Number(process.env.BENCH_BROWSER_PAGES_PER_CONTEXT ?? 10);
const openConcurrency = Number(process.env.BENCH_BROWSER_OPEN_CONCURRENCY ?? 4);
const withCharts = process.env.BENCH_BROWSER_CHARTS === "1";
const limitMinutes = Number(process.env.BENCH_BROWSER_MINUTES ?? 40);
const appPid = Number(process.env.BENCH_APP_PID);
const deliveryTimeoutMs = 15_000;
const openTimeoutMs = 120_000;
const provinces = ["79", "01", "48", "31", "92"];

const designs = {
  push: { path: "/wall", ready: "#connection-state.connected" },
  circuit: { path: "/bench/wall-circuit", ready: '#wall[data-interactive="true"]' },
};

if (sizes.length === 0) {
  console.log("Browser rows skipped (BENCH_BROWSER_SIZES=0).");
  process.exit(0);
}

// Bounded in time whatever happens in the browser: Playwright closes Chromium when node exits.
const watchdog = setTimeout(() => {
  console.error(`fanout-browser: stopped after ${limitMinutes} min (BENCH_BROWSER_MINUTES)`);
  process.exit(1);
}, limitMinutes * 60_000);

// One Admin session, signed in once: every page (each context holds its cookie) and every request here.
const cookie = await signIn(base);

const diagnostics = () => serverDiagnostics(base, cookie);

// Memory moves by a megabyte or two between readings: the median of three (each after a full collection).
async function memory() {
  const samples = [];
  for (let i = 0; i < 3; i++) {
    samples.push(await diagnostics());
  }
  const median = (key) => samples.map((d) => d[key]).sort((a, b) => a - b)[1];
  return { managedBytes: median("managedBytes"), workingSetBytes: median("workingSetBytes"), connections: samples[2].connections };
}
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

// utime + stime of the app process (fields 14 and 15 of /proc/<pid>/stat, after the command name).
function appCpuSeconds() {
  if (!Number.isFinite(appPid) || appPid <= 0) return NaN;
  const stat = readFileSync(`/proc/${appPid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ")[0];

// The circuits open on the feed: a plain GET prerenders the page, which counts itself.
async function openCircuits() {
  const html = await (await fetch(`${base}${designs.circuit.path}`, { headers: { Cookie: cookie }, redirect: "manual" })).text();
  const match = /data-circuits="(\d+)"/.exec(html);
  return match ? Number(match[1]) - 1 : NaN;
}

// Runs in every page before its own scripts: the times at which #kpi-tiles changed (its text or
// classes inside, or the element replaced, as the push does with outerHTML).
function observeKpiTiles() {
  window.__kpi = [];
  let tiles = null;
  const touches = (record) => {
    if (tiles && tiles.isConnected && tiles.contains(record.target)) return true;
    for (const node of record.addedNodes) {
      if (node.nodeType === 1 && (node.id === "kpi-tiles" || node.querySelector("#kpi-tiles"))) return true;
    }
    return false;
  };
  new MutationObserver((records) => {
    const t = Date.now();
    if (records.some(touches)) window.__kpi.push(t);
    tiles = document.getElementById("kpi-tiles");
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["class"] });
}

const browser = await chromium.launch({
  executablePath: process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
  ],
});

async function openPage(context, design) {
  const page = await context.newPage();
  await page.addInitScript(observeKpiTiles);
  if (design === "push" && !withCharts) {
    // The circuit page draws no chart: the push pages skip the charts' chunk too, so both rows hold
    // the same fragments (the server still sends the charts' data with every push).
    await page.route("**/js/charts-*.js", (route) => route.abort());
  }
  const response = await page.goto(`${base}${designs[design].path}`, { waitUntil: "load", timeout: openTimeoutMs });
  if (!response || !response.ok() || new URL(page.url()).pathname !== designs[design].path) {
    throw new Error(`${designs[design].path}: HTTP ${response?.status()} at ${page.url()} (the session refused?)`);
  }
  await page.waitForSelector(designs[design].ready, { state: "attached", timeout: openTimeoutMs });
  return page;
}

// N pages in contexts of pagesPerContext, a few at a time; a page that fails to open is tried again once.
async function openPages(n, design) {
  const contexts = [];
  for (let i = 0; i < Math.ceil(n / pagesPerContext); i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    await context.addCookies([browserCookie(base, cookie)]);
    contexts.push(context);
  }
  const pages = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(openConcurrency, n) }, async () => {
    while (next < n) {
      const i = next++;
      const context = contexts[Math.floor(i / pagesPerContext)];
      try {
        pages[i] = await openPage(context, design);
      } catch (error) {
        console.error(`${design} page ${i + 1}: ${error.message.split("\n")[0]}; trying again`);
        pages[i] = await openPage(context, design);
      }
    }
  }));
  return { contexts, pages };
}

// A circuit ends at once when its page leaves (blazor.web.js sends a disconnect beacon on pagehide);
// a page closed outright would leave it retained for minutes, rendering every change.
async function closePages({ contexts, pages }, design) {
  if (design === "circuit") {
    let next = 0;
    await Promise.all(Array.from({ length: openConcurrency }, async () => {
      while (next < pages.length) {
        const page = pages[next++];
        await page?.goto("about:blank", { timeout: 15_000 }).catch(() => {});
      }
    }));
  }
  await Promise.all(contexts.map((c) => c.close()));
}

async function waitUntil(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await sleep(1000);
  }
  return false;
}

// For each page, the first change of #kpi-tiles at or after t0 (null: none yet).
async function deliveries(pages, t0) {
  return Promise.all(pages.map((p) => p.evaluate((since) => window.__kpi.find((t) => t >= since) ?? null, t0).catch(() => null)));
}

// One change: each page's delay (null: missed), and the app's CPU seconds from just before the
// COMMIT until every page had it, or at least a second (the refresh's time with no page open).
async function change(pgClient, pages, k) {
  const cpuStart = appCpuSeconds();
  const t0 = await commitEvent(pgClient, provinces[k % provinces.length], Date.now);
  const deadline = Date.now() + deliveryTimeoutMs;
  let seen = await deliveries(pages, t0);
  while (seen.some((t) => t === null) && Date.now() < deadline) {
    await sleep(250);
    seen = await deliveries(pages, t0);
  }
  await sleep(t0 + 1000 - Date.now());
  return { delays: seen.map((t) => (t === null ? null : t - t0)), cpu: appCpuSeconds() - cpuStart };
}

async function settle(design, baseline) {
  const settled = design === "circuit"
    ? await waitUntil(async () => (await openCircuits()) === 0, 200_000)
    : await waitUntil(async () => (await diagnostics()).connections <= baseline, 60_000);
  if (!settled) {
    console.error(`warning: the ${design} pages' server side was not gone after they closed`);
  }
}

// Until the app's CPU rate over 5 s falls under 0.05 s/s (tiered JIT and the warm-up's leftovers), at most a minute.
async function quiet() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const start = appCpuSeconds();
    await sleep(5000);
    if (!((appCpuSeconds() - start) / 5 >= 0.05)) return;
  }
}

// design "none": no page open, the floor (the refresh and the background) of the CPU per change.
async function row(pgClient, n, design) {
  const before = await memory();
  const circuitsBefore = await openCircuits();
  const openStarted = Date.now();
  const opened = design === "none" ? { contexts: [], pages: [] } : await openPages(n, design);
  const openSeconds = (Date.now() - openStarted) / 1000;
  await sleep(3000);
  const after = await memory();
  const servedBy = design === "push" ? after.connections - before.connections
    : design === "circuit" ? (await openCircuits()) - circuitsBefore : 0;

  const idleStart = appCpuSeconds();
  const idleStarted = Date.now();
  await sleep(idleSeconds * 1000);
  const idleRate = (appCpuSeconds() - idleStart) / ((Date.now() - idleStarted) / 1000);

  const cpuStart = appCpuSeconds();
  const latencies = [];
  const missedBy = new Array(n).fill(0);
  let windowsCpu = 0;
  for (let k = 0; k < changes; k++) {
    const { delays, cpu } = await change(pgClient, opened.pages, k);
    delays.forEach((d, i) => (d === null ? missedBy[i]++ : latencies.push(d)));
    windowsCpu += cpu;
    await sleep(gapMs);
  }
  const cpu = appCpuSeconds() - cpuStart;
  const load = loadAverage();

  if (design !== "none") {
    await closePages(opened, design);
    await settle(design, before.connections);
  }
  console.error(`n=${n} ${design} done (${openSeconds.toFixed(0)} s to open, load ${load})`);
  return {
    n, design, servedBy, openSeconds, load,
    p50: pct(latencies, 50), p95: pct(latencies, 95), max: Math.max(...latencies),
    missedPages: missedBy.filter((m) => m > 0).length, missed: missedBy.reduce((s, m) => s + m, 0),
    heapKb: (after.managedBytes - before.managedBytes) / n / 1024,
    wsKb: (after.workingSetBytes - before.workingSetBytes) / n / 1024,
    cpuPerChange: cpu / changes, windowCpuPerChange: windowsCpu / changes, idleRate,
  };
}

const pgClient = new pg.Client(npgsqlToPg(process.env.BENCH_DATABASE));
await pgClient.connect();

// One page of each design and one change first: the server's first circuit and first page cost
// (JIT, pools) is not a row's, and a design that does not deliver at all stops the run here.
for (const design of Object.keys(designs)) {
  const warm = await openPages(1, design);
  const { delays: [delay] } = await change(pgClient, warm.pages, 0);
  await closePages(warm, design);
  if (delay === null) {
    throw new Error(`warm-up: ${designs[design].path} did not show a change within ${deliveryTimeoutMs / 1000} s`);
  }
  await settle(design, 0);
}

await quiet();
const startLoad = loadAverage();
const results = [await row(pgClient, 0, "none")];
// The order flips from one N to the next, so a load that drifts over the run favours neither design.
for (const [i, n] of sizes.entries()) {
  const order = i % 2 === 0 ? ["push", "circuit"] : ["circuit", "push"];
  const pair = {};
  for (const design of order) {
    pair[design] = await row(pgClient, n, design);
  }
  results.push(pair.push, pair.circuit);
}
await pgClient.end();
const version = browser.version();
await browser.close();
clearTimeout(watchdog);

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
console.log("");
console.log(`Fan-out to Chromium pages (${version}, headless, 1920x1080): push (/wall: static page + wall.js over /hubs/wall) vs an interactive`);
console.log(`Server circuit per page (/bench/wall-circuit: every circuit re-renders from one load per version). One app process for every row,`);
console.log(`rows one after the other (push first at the 1st, 3rd... N, circuit first at the others), each row's pages closed (and their
connections/circuits gone) before the next opens.`);
console.log(`${changes} changes per row (a case committed with its dirty mark), the next ${gapMs} ms after every page had the last or ${deliveryTimeoutMs / 1000} s passed.`);
console.log(`delivery: COMMIT (node Date.now() before it is sent) -> #kpi-tiles changed in the page's DOM (MutationObserver, page Date.now(); same clock).`);
console.log(`memory per page: /internal/diagnostics with the N pages minus just before they opened, / N (managed heap after a full collection; working set).`);
console.log(`CPU per change: app process utime+stime (/proc) over the whole change series / changes, and (in brackets) summed over each change's`);
console.log(`window only, from just before its COMMIT until every page had it or 1 s passed, / changes. Idle: the rate over ${idleSeconds} s with the pages open, no change.`);
console.log(`The circuit page holds the same fragments (#kpi-tiles, #data-as-of, #alert-ticker) but no ApexCharts charts; ${withCharts
  ? "the push pages draw their charts (BENCH_BROWSER_CHARTS=1)"
  : "the push pages do not load the charts' chunk either (BENCH_BROWSER_CHARTS=1 loads it), though the server still pushes the charts' data"}.`);
console.log(`Every page carries the same signed-in Admin session (one account, many pages; checked once per request and per hub connection or circuit).`);
console.log(`Chromium's own memory and CPU are not counted. Load average (1 min) at the start: ${startLoad} (${readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm).length} cores).`);
console.log("");
console.log("    N | design  | served | delivery p50 / p95 / max ms | missed: pages (changes) | heap KB/page | working set KB/page | CPU s/change: series (windows) | idle CPU s/s | open s | load");
for (const r of results) {
  console.log(`${String(r.n).padStart(5)} | ${r.design.padEnd(7)} | ${String(r.servedBy).padStart(6)} | ` +
    `${`${f(r.p50)} / ${f(r.p95)} / ${f(r.max)}`.padEnd(27)} | ${`${r.missedPages} (${r.missed})`.padEnd(23)} | ` +
    `${f(r.heapKb, 1).padStart(12)} | ${f(r.wsKb, 1).padStart(19)} | ${`${f(r.cpuPerChange, 3)} (${f(r.windowCpuPerChange, 3)})`.padEnd(30)} | ` +
    `${f(r.idleRate, 3).padStart(12)} | ${f(r.openSeconds).padStart(6)} | ${r.load}`);
}
console.log(`"served": hub connections (push) or circuits (circuit) the server counted with the pages open; it should equal N.`);
console.log(`"none": the same changes with no page open, the CPU floor per change (the read models' refresh and the background).`);
