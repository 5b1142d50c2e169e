// Fan-out benchmark: N real SignalR clients (npm @microsoft/signalr, WebSockets, loopback) on the
// national wall; events committed to PostgreSQL; latency from each event's COMMIT to its receipt
// on every client; server memory per connection; database statements per minute from
// pg_stat_statements, next to a polling baseline and a bare broadcasting hub in the same run.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import pg from "pg";

const base = process.env.BENCH_URL;
const sizes = (process.env.BENCH_SIZES ?? "50,500,1000").split(",").map(Number);
const events = Number(process.env.BENCH_EVENTS ?? 20);
const eventGapMs = Number(process.env.BENCH_EVENT_GAP_MS ?? 2000);
const pollSeconds = Number(process.env.BENCH_POLL_SECONDS ?? 30);
const db = npgsqlToPg(process.env.BENCH_DATABASE);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function npgsqlToPg(cs) {
  const kv = Object.fromEntries(cs.split(";").filter(Boolean).map((p) => { const i = p.indexOf("="); return [p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim()]; }));
  return { host: kv.host, port: Number(kv.port ?? 5432), database: kv.database, user: kv.username ?? kv["user id"], password: kv.password };
}

function pct(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function diagnostics() {
  const response = await fetch(`${base}/internal/diagnostics`);
  return response.json();
}

async function connectAll(n, path, setup) {
  const clients = [];
  for (let start = 0; start < n; start += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, n - start) }, async () => {
      const connection = new HubConnectionBuilder()
        .withUrl(`${base}${path}`, { transport: HttpTransportType.WebSockets, skipNegotiation: true })
        .configureLogging(LogLevel.None)
        .build();
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

async function statements(client) {
  const rows = (await client.query(
    `select query, calls from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`)).rows;
  const screen = rows.filter((r) => !/bench|pg_stat_statements|^\s*(insert|delete|update|truncate)|pg_advisory|nextval|refresh_dirty|analyze|commit|begin|listen/i.test(r.query));
  const sum = (list) => list.reduce((s, r) => s + Number(r.calls), 0);
  return { all: sum(rows.filter((r) => !/bench|pg_stat_statements/i.test(r.query))), screen: sum(screen) };
}

async function commitEvent(client, province) {
  // One completed case, committed with its dirty mark, as every writer does it.
  await client.query("begin");
  await client.query(`/* bench */ insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
      status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected)
    select y, $1, $1 || '-01', 4, 2, d, 1, d, 2, d, 5000000, 5000000, 0
    from (select (case when extract(month from d) >= 10 then extract(year from d) + 1 else extract(year from d) end)::smallint y, d
          from (select (now() at time zone 'Asia/Ho_Chi_Minh')::date d) t) x`, [province]);
  await client.query(`/* bench */ insert into refresh_dirty (stat_year, province_code, from_day)
    select (case when extract(month from d) >= 10 then extract(year from d) + 1 else extract(year from d) end)::smallint, $1, d
    from (select (now() at time zone 'Asia/Ho_Chi_Minh')::date d) t
    on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'),
      from_day = case when refresh_dirty.from_day is null or excluded.from_day is null then null else least(refresh_dirty.from_day, excluded.from_day) end`, [province]);
  const t0 = now();
  await client.query("commit");
  return t0;
}

const results = [];
const pgClient = new pg.Client(db);
await pgClient.connect();
const provinces = ["79", "01", "48", "31", "92"];

// Statements per minute over a window, from pg_stat_statements (the bench's own are excluded).
async function measure(window) {
  await pgClient.query("select pg_stat_statements_reset()");
  const started = Date.now();
  await window();
  const minutes = (Date.now() - started) / 60_000;
  return (await statements(pgClient)).all / minutes;
}

// What the database does anyway, with no screen at all: refreshes, alert evaluation, Quartz.
const backgroundIdle = await measure(() => sleep(pollSeconds * 1000));
const backgroundEvents = await measure(async () => {
  for (let k = 0; k < events; k++) {
    await commitEvent(pgClient, provinces[k % provinces.length]);
    await sleep(eventGapMs);
  }
});
console.error(`background: ${backgroundIdle.toFixed(0)} statements/min idle, ${backgroundEvents.toFixed(0)} with the events`);

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
    await fetch(`${base}/internal/bare/broadcast?sequence=${k}`, { method: "POST" });
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

  await pgClient.query("select pg_stat_statements_reset()");
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
  row.pushScreenPerMin = Math.max(0, row.pushAllPerMin - backgroundEvents);
  await Promise.all(wall.map((c) => c.connection.stop()));

  // Polling baseline: the same N screens, each loading the wall's queries every 5 s, no events.
  await pgClient.query("select pg_stat_statements_reset()");
  const pollStarted = Date.now();
  const pollEnd = pollStarted + pollSeconds * 1000;
  let polls = 0;
  let pollErrors = 0;
  await Promise.all(Array.from({ length: n }, async (_, i) => {
    await sleep((5000 * i) / n);
    while (Date.now() < pollEnd) {
      const t = Date.now();
      try {
        const r = await fetch(`${base}/wall`);
        await r.text();
        if (r.ok) polls++; else pollErrors++;
      } catch { pollErrors++; }
      await sleep(Math.max(0, 5000 - (Date.now() - t)));
    }
  }));
  const pollMinutes = (Date.now() - pollStarted) / 60_000;
  const pollStatements = await statements(pgClient);
  row.pollAllPerMin = pollStatements.all / pollMinutes;
  row.pollScreenPerMin = Math.max(0, row.pollAllPerMin - backgroundIdle);
  row.polls = polls;
  row.pollErrors = pollErrors;
  results.push(row);
  console.error(`n=${n} done`);
}
await pgClient.end();

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
console.log("");
console.log(`Fan-out to N screens on /wall (events: ${events}, one every ${eventGapMs} ms; polling baseline: every screen loads /wall every 5 s for ${pollSeconds} s)`);
console.log(`Database statements/min with no screen at all: ${backgroundIdle.toFixed(0)} idle, ${backgroundEvents.toFixed(0)} with the same events (refreshes, alert evaluation, Quartz).`);
console.log(`"by screens" = the run's statements/min minus that background (push: minus the with-events figure; polling: minus the idle one).`);
console.log("");
console.log("    N | wall p50 / p95 / p99 ms (commit -> every client) | bare hub p50 / p95 / p99 ms | heap KB/conn wall (bare) | working set KB/conn wall (bare) | statements/min push: all, by screens | polling: all, by screens | polling/push by screens");
for (const r of results) {
  console.log(`${String(r.n).padStart(5)} | ${f(r.wall.p50)} / ${f(r.wall.p95)} / ${f(r.wall.p99)}${r.wall.missed ? ` (missed ${r.wall.missed})` : ""}`.padEnd(60) +
    ` | ${f(r.bare.p50)} / ${f(r.bare.p95)} / ${f(r.bare.p99)}`.padEnd(30) +
    ` | ${f(r.wallHeapKb, 1)} (${f(r.bareHeapKb, 1)})`.padEnd(27) +
    ` | ${f(r.wallWsKb, 1)} (${f(r.bareWsKb, 1)})`.padEnd(34) +
    ` | ${f(r.pushAllPerMin)}, ${f(r.pushScreenPerMin)}`.padEnd(41) +
    ` | ${f(r.pollAllPerMin)}, ${f(r.pollScreenPerMin)}${r.pollErrors ? ` (${r.pollErrors} errors)` : ""}`.padEnd(26) +
    ` | ${f(r.pollScreenPerMin / Math.max(1, r.pushScreenPerMin), 1)}x`);
}
