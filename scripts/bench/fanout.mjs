// Fan-out benchmark: N real SignalR clients (npm @microsoft/signalr, WebSockets, loopback) on the
// national wall; events committed to PostgreSQL; latency from each event's COMMIT to its receipt
// on every client; server memory per connection; database statements per minute from
// pg_stat_statements, next to a polling baseline and a bare broadcasting hub in the same run.
// "By screens" counts the statements of the wall's view loads by their query text (see
// viewLoadStatements below), so a background that varies with the machine's load does not enter it.
// Every client (hub connection, poll, /internal request) carries one Admin session, signed in once.
import { commitEvent, diagnostics as serverDiagnostics, hubConnection, npgsqlToPg, pct, signIn, sleep } from "./common.mjs";
import pg from "pg";

const base = process.env.BENCH_URL;
const sizes = (process.env.BENCH_SIZES ?? "50,500,1000").split(",").map(Number);
const events = Number(process.env.BENCH_EVENTS ?? 20);
const eventGapMs = Number(process.env.BENCH_EVENT_GAP_MS ?? 2000);
const pollSeconds = Number(process.env.BENCH_POLL_SECONDS ?? 30);
const db = npgsqlToPg(process.env.BENCH_DATABASE);

const now = () => performance.now();

const cookie = await signIn(base);

const diagnostics = () => serverDiagnostics(base, cookie);

async function connectAll(n, path, setup) {
  const clients = [];
  for (let start = 0; start < n; start += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, n - start) }, async () => {
      const connection = hubConnection(base, path, undefined, cookie);
      const client = { connection, received: new Map(), version: 0 };
      setup(client);
      await connection.start();
      return client;
    }));
    clients.push(...batch);
  }
  return clients;
}

async function waitFor(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await sleep(2);
  }
  return true;
}

// The statements a load of the wall's view runs (the page on every poll; the publisher once per
// version for all its screens): WallQueries.CurrentVersionAsync and NationalAsync, ChartQueries.WallAsync,
// AlertQueries.TickerAsync, matched by stable fragments of their text as pg_stat_statements normalises
// it (constants become $n). A marker comment in those statements would be sturdier: it is matched
// first when present (e.g. "/* view-load:wall */").
const viewLoadStatements = [
  /\/\*\s*view-load:wall\b/i,
  /from kpi_version_seq/i,
  /as provinces_from_reports/i,
  /last_day as \(select max\(day\) as day from cur\)/i,
  /from alert a left join province p on p\.code = a\.subject[\s\S]*a\.snoozed_until is null or a\.snoozed_until <=/i,
];

async function statements(client) {
  const rows = (await client.query(
    `select query, calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`)).rows;
  const own = (r) => /bench|pg_stat_statements/i.test(r.query);
  const sum = (list) => list.reduce((s, r) => s + Number(r.calls), 0);
  const loads = rows.filter((r) => !own(r) && viewLoadStatements.some((re) => re.test(r.query)));
  return { all: sum(rows.filter((r) => !own(r))), screen: sum(loads), kinds: loads.length };
}

// Only this database's counters: other people's statistics on a shared server are left alone.
async function resetStatements(client) {
  await client.query("select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)");
}

const results = [];
const pgClient = new pg.Client(db);
await pgClient.connect();
const provinces = ["79", "01", "48", "31", "92"];

for (const n of sizes) {
  const row = { n };

  // The floor: a bare hub broadcasting 2 KB to the same number of clients.
  let before = await diagnostics();
  const bare = await connectAll(n, "/hubs/bare", (c) => c.connection.on("Message", (m) => c.received.set(m.sequence, now())));
  let after = await diagnostics();
  row.bareHeapKb = (after.managedBytes - before.managedBytes) / n / 1024;
  row.bareWsKb = (after.workingSetBytes - before.workingSetBytes) / n / 1024;
  const bareLatencies = [];
  for (let k = 1; k <= events; k++) {
    const t0 = now();
    const sent = await fetch(`${base}/internal/bare/broadcast?sequence=${k}`, { method: "POST", headers: { Cookie: cookie }, redirect: "manual" });
    if (!sent.ok) {
      throw new Error(`/internal/bare/broadcast: HTTP ${sent.status}`);
    }
    await waitFor(() => bare.every((c) => c.received.has(k)), 10_000);
    for (const c of bare) if (c.received.has(k)) bareLatencies.push(c.received.get(k) - t0);
    await sleep(200);
  }
  row.bare = { p50: pct(bareLatencies, 50), p95: pct(bareLatencies, 95), p99: pct(bareLatencies, 99) };
  await Promise.all(bare.map((c) => c.connection.stop()));
  await sleep(1000);

  // The wall: N screens joined to the live national view.
  before = await diagnostics();
  const wall = await connectAll(n, "/hubs/wall", (c) => c.connection.on("ViewChanged", (u) => {
    if (!u.full) c.received.set(u.version, now());
    c.version = Math.max(c.version, u.version);
  }));
  await Promise.all(wall.map(async (c) => { const s = await c.connection.invoke("Join", "wall"); c.version = Math.max(c.version, s.version); }));
  after = await diagnostics();
  row.wallHeapKb = (after.managedBytes - before.managedBytes) / n / 1024;
  row.wallWsKb = (after.workingSetBytes - before.workingSetBytes) / n / 1024;

  await resetStatements(pgClient);
  const started = Date.now();
  const latencies = [];
  let missed = 0;
  for (let k = 0; k < events; k++) {
    const floor = Math.max(...wall.map((c) => c.version));
    const t0 = await commitEvent(pgClient, provinces[k % provinces.length]);
    const ok = await waitFor(() => wall.every((c) => c.version > floor), 10_000);
    if (!ok) missed++;
    for (const c of wall) {
      const versions = [...c.received.keys()].filter((v) => v > floor);
      if (versions.length > 0) latencies.push(Math.min(...versions.map((v) => c.received.get(v))) - t0);
    }
    await sleep(eventGapMs);
  }
  const minutes = (Date.now() - started) / 60_000;
  const pushStatements = await statements(pgClient);
  row.wall = { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), missed };
  row.pushAllPerMin = pushStatements.all / minutes;
  row.pushScreenPerMin = pushStatements.screen / minutes;
  row.pushKinds = pushStatements.kinds;
  await Promise.all(wall.map((c) => c.connection.stop()));

  // Polling baseline: the same N screens, each loading the wall's queries every 5 s, no events.
  await resetStatements(pgClient);
  const pollStarted = Date.now();
  const pollEnd = pollStarted + pollSeconds * 1000;
  let polls = 0;
  let pollErrors = 0;
  await Promise.all(Array.from({ length: n }, async (_, i) => {
    await sleep((5000 * i) / n);
    while (Date.now() < pollEnd) {
      const t = Date.now();
      try {
        const r = await fetch(`${base}/wall`, { headers: { Cookie: cookie }, redirect: "manual" });
        await r.text();
        if (r.ok) polls++; else pollErrors++;
      } catch { pollErrors++; }
      await sleep(Math.max(0, 5000 - (Date.now() - t)));
    }
  }));
  const pollMinutes = (Date.now() - pollStarted) / 60_000;
  const pollStatements = await statements(pgClient);
  row.pollAllPerMin = pollStatements.all / pollMinutes;
  row.pollScreenPerMin = pollStatements.screen / pollMinutes;
  row.pollKinds = pollStatements.kinds;
  row.polls = polls;
  row.pollErrors = pollErrors;
  results.push(row);
  console.error(`n=${n} done`);
}
await pgClient.end();

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
console.log("");
console.log(`Fan-out to N screens on /wall (events: ${events}, one every ${eventGapMs} ms; polling baseline: every screen loads /wall every 5 s for ${pollSeconds} s)`);
console.log(`"by screens" = the statements of the wall's view loads (version, national figures, charts, alert ticker), counted by their query text in pg_stat_statements;`);
console.log(`"all" = every statement of the app in the window (push: with the events' refreshes and alert evaluation; polling: no events, but one session check per request). Ratios: by screens (all).`);
console.log(`Every screen (hub connection, poll) carries the same signed-in Admin session (one account, many connections; its session is checked once per connection and per request).`);
console.log("");
console.log("    N | wall p50 / p95 / p99 ms (commit -> every client) | bare hub p50 / p95 / p99 ms | heap KB/conn wall (bare) | working set KB/conn wall (bare) | statements/min push: all, by screens | polling: all, by screens | polling/push by screens (all)");
for (const r of results) {
  console.log(`${String(r.n).padStart(5)} | ${f(r.wall.p50)} / ${f(r.wall.p95)} / ${f(r.wall.p99)}${r.wall.missed ? ` (missed ${r.wall.missed})` : ""}`.padEnd(60) +
    ` | ${f(r.bare.p50)} / ${f(r.bare.p95)} / ${f(r.bare.p99)}`.padEnd(30) +
    ` | ${f(r.wallHeapKb, 1)} (${f(r.bareHeapKb, 1)})`.padEnd(27) +
    ` | ${f(r.wallWsKb, 1)} (${f(r.bareWsKb, 1)})`.padEnd(34) +
    ` | ${f(r.pushAllPerMin)}, ${f(r.pushScreenPerMin)}`.padEnd(41) +
    ` | ${f(r.pollAllPerMin)}, ${f(r.pollScreenPerMin)}${r.pollErrors ? ` (${r.pollErrors} errors)` : ""}`.padEnd(26) +
    ` | ${f(r.pollScreenPerMin / r.pushScreenPerMin, 1)}x (${f(r.pollAllPerMin / r.pushAllPerMin, 1)}x)`);
}
const last = results.find((r) => r.n === 500);
if (last) {
  const ratio = last.pollScreenPerMin / last.pushScreenPerMin;
  console.log(`target at 500 screens: >= 100x fewer statements than 5 s polling; by screens ${f(ratio, 1)}x: ${ratio >= 100 ? "met" : "NOT met"}`);
}
if (results.some((r) => r.pushKinds === 0 || r.pollKinds === 0)) {
  console.log("warning: no view-load statement matched in a window: the queries' text changed; update viewLoadStatements in fanout.mjs");
}
