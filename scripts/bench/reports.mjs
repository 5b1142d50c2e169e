// Report → screen latency (prints figures; not a test). Statistical year 2025 of the bench database
// has no case data, so every province counts from its reports. Phase 1: the 34 provinces' 12-month
// preliminary reports one at a time; phase 2: an official revision of each, all 34 at once; then, in
// the same run, single case events through /api/v1/events for the live year. Each figure runs from the
// API's reply to the moment every connected wall screen has the version that contains the change.
import pg from "pg";
import { hubConnection, npgsqlToPg, pct, signIn, sleep } from "./common.mjs";

const base = process.env.BENCH_URL;
const key = process.env.BENCH_KEY;
const screens = Number(process.env.BENCH_SCREENS ?? 20);
const events = Number(process.env.BENCH_EVENTS ?? 20);
const provinces = ["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40", "42", "44", "46", "48",
  "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"];
const now = () => performance.now();
const db = new pg.Client(npgsqlToPg(process.env.BENCH_DATABASE));
await db.connect();

// A clean 2025: no reports, no rows (a report province's first report builds its year).
await db.query("delete from statistical_report where stat_year = 2025");
await db.query("delete from kpi_daily where stat_year = 2025");
await db.query("delete from refresh_dirty where stat_year = 2025");

const cookie = await signIn(base);
async function connect(view) {
  const all = [];
  for (let i = 0; i < screens; i++) {
    const c = { connection: hubConnection(base, "/hubs/wall", undefined, cookie), version: 0, seen: new Map() };
    c.connection.on("ViewChanged", (u) => {
      if (!c.seen.has(u.version)) c.seen.set(u.version, now());
      c.version = Math.max(c.version, u.version);
    });
    await c.connection.start();
    const state = await c.connection.invoke("Join", view);
    c.version = Math.max(c.version, state.version);
    all.push(c);
  }
  return all;
}

const versionNow = async () => Number((await db.query("select last_value from kpi_version_seq")).rows[0].last_value);
const dirty = async (year) => Number((await db.query("select count(*) from refresh_dirty where stat_year = $1", [year])).rows[0].count);
const rowsSince = async (since) => Number((await db.query("select coalesce(sum(rows_written), 0) as n from refresh_run where started_at >= $1", [since])).rows[0].n);

// Waits until the refreshes for the year are done, then until every screen has that version:
// the time the last screen got it, or NaN after 30 s.
async function screensCaughtUp(all, year) {
  const deadline = now() + 30_000;
  while (await dirty(year) > 0) {
    if (now() > deadline) return NaN;
    await sleep(5);
  }
  const target = await versionNow();
  while (!all.every((c) => c.version >= target)) {
    if (now() > deadline) return NaN;
    await sleep(2);
  }
  // Each screen's first push at or past the target (a screen that had it from joining counts now).
  const at = now();
  return Math.max(...all.map((c) => Math.min(at, ...[...c.seen].filter(([v]) => v >= target).map(([, t]) => t))));
}

function report(province, version, completed) {
  return {
    province, statYear: 2025, months: 12, version,
    categories: [
      { category: "credit-banking", casesToEnforce: 400, casesWithConditions: 300, casesCompleted: 200, moneyToEnforce: 9_000_000_000_000, moneyWithConditions: 4_000_000_000_000, moneyCollected: 1_500_000_000_000 },
      { category: "other", casesToEnforce: 30_000, casesWithConditions: 20_000, casesCompleted: completed, moneyToEnforce: 20_000_000_000_000, moneyWithConditions: 8_000_000_000_000, moneyCollected: 4_000_000_000_000 },
    ],
  };
}

async function post(path, body) {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.json();
  return now();
}

const wall2025 = await connect("wall?year=2025&asOf=2025-09-30");
const rows = {};

// Phase 1: one report at a time.
let since = new Date();
const single = [];
for (const province of provinces) {
  const replied = await post("/api/v1/reports", report(province, "preliminary", 16_000));
  const seen = await screensCaughtUp(wall2025, 2025);
  single.push(seen - replied);
  await sleep(100);
}
rows.single = await rowsSince(since);

// Phase 2: the 34 official revisions at once.
since = new Date();
await sleep(300);
const burstReplies = await Promise.all(provinces.map((province) => post("/api/v1/reports", report(province, "official", 15_800))));
const burstSeen = await screensCaughtUp(wall2025, 2025);
const burst = burstSeen - Math.max(...burstReplies);
rows.burst = await rowsSince(since);
await Promise.all(wall2025.map((c) => c.connection.stop()));

// The case-event path, same run: one accepted case at a time in the live year.
const live = await connect("wall");
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const liveYear = Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 10 ? 1 : 0);
since = new Date();
const caseLatencies = [];
for (let k = 0; k < events; k++) {
  const province = provinces[k % provinces.length];
  const id = `bench-${Date.now()}-${k}`;
  const replied = await post("/api/v1/events", { events: [{ eventId: id, type: "accepted", caseId: id, province, office: `${province}-01`, occurredAt: today, category: "other", amount: 50_000_000 }] });
  const seen = await screensCaughtUp(live, liveYear);
  caseLatencies.push(seen - replied);
  await sleep(100);
}
rows.cases = await rowsSince(since);
await Promise.all(live.map((c) => c.connection.stop()));
await db.end();

const f = (x) => (Number.isFinite(x) ? x.toFixed(0) : "n/a");
console.log(`\nReports benchmark: ${screens} wall screens (SignalR, signed in), loopback; from the API's reply to the last screen having the version with the change`);
console.log("| path | count | p50 ms | p95 ms | max ms | bound | rows written | pass |");
console.log("|---|---:|---:|---:|---:|---|---:|:-:|");
const p95single = pct(single, 95);
console.log(`| one report at a time (34 provinces' 12-month preliminary reports, first of their year) | ${single.length} | ${f(pct(single, 50))} | ${f(p95single)} | ${f(Math.max(...single))} | p95 ≤ 1000 | ${rows.single} (${(rows.single / single.length).toFixed(0)}/report) | ${p95single <= 1000 ? "yes" : "NO"} |`);
console.log(`| 34 official revisions at once (from the last reply) | 1 burst | ${f(burst)} | ${f(burst)} | ${f(burst)} | ≤ 2000 | ${rows.burst} (${(rows.burst / 34).toFixed(0)}/report) | ${burst <= 2000 ? "yes" : "NO"} |`);
console.log(`| case events, one at a time (live year; a push can beat the HTTP reply: negative) | ${caseLatencies.length} | ${f(pct(caseLatencies, 50))} | ${f(pct(caseLatencies, 95))} | ${f(Math.max(...caseLatencies))} | — | ${rows.cases} (${(rows.cases / Math.max(1, caseLatencies.length)).toFixed(0)}/event) | — |`);
process.exit(0);
