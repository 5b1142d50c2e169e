// Fault suite: started by ./faults (which builds the app and starts a PostgreSQL cluster of the
// suite's own, FAULT_PG_*), runs the scenarios of FAULTS (1..6), each against app nodes it starts
// itself and within a time bound, and prints one table: scenario, figure, bound, pass/fail.
// Screens are real SignalR clients (npm @microsoft/signalr) on /hubs/wall, as the soak bench keeps
// them (join, apply pushes in order, snapshot on a gap, reconnect forever and join again); events go
// through POST /api/v1/events with an API key, retried with the same event ids as a source system does.
import { spawn, execFile } from "node:child_process";
import { appendFileSync, openSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { promisify } from "node:util";
import pg from "pg";
import { diagnostics, hubConnection, npgsqlToPg, signIn, sleep } from "./common.mjs";

const run = promisify(execFile);
const env = process.env;
const work = env.FAULT_WORK;
const appDll = env.FAULT_APP_DLL;
const contentRoot = env.FAULT_CONTENT_ROOT;
// Each scenario gets a database of its own on the suite's cluster (faults_s<N>), so that what one leaves behind
// (a lock, a schedule) cannot pass or fail the next.
const serverDatabase = env.FAULT_DATABASE;
let database = serverDatabase;
const pgBin = env.FAULT_PG_BIN;
const pgData = env.FAULT_PG_DATA;
const selected = (env.FAULTS ?? "1,2,3,4,5,6").split(",").map((s) => Number(s.trim())).filter(Boolean);
const outageSeconds = Number(env.FAULT_OUTAGE_S ?? 30);
const screensS1 = Number(env.FAULT_SCREENS ?? 100);
const jobOccurrences = Number(env.FAULT_JOB_OCCURRENCES ?? 100);
const duplicateEvents = Number(env.FAULT_EVENTS ?? 10_000);
const crashBatches = Number(env.FAULT_BATCHES ?? 1000);
const recoverBoundMs = 10_000;

const rows = [];
const t = () => performance.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (message) => console.error(`   ${new Date().toISOString().slice(11, 19)} ${message}`);

// ---------------------------------------------------------------- processes

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
});

// Every process started here goes into FAULT_WORK/pids, so that ./faults ends it even if this client dies.
function track(child) {
  appendFileSync(`${work}/pids`, `${child.pid}\n`);
  return child;
}

const nodeEnv = (extra) => ({
  ...env,
  Database__ConnectionString: database,
  Logging__LogLevel__Default: "Warning",
  Demo__Simulator__Enabled: "false",
  Live__DiagnosticsEndpoint: "true",
  Ingestion__RequestsPerSecond: "1000000",
  Ingestion__Burst: "1000000",
  ...extra,
});

// An app node on a free loopback port; resolves once /health/ready answers 200.
async function startNode(name, extra = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = `${work}/${name}.log`;
  const out = openSync(logFile, "a");
  const child = track(spawn("dotnet", [appDll, "--urls", url, "--contentRoot", contentRoot], { env: nodeEnv(extra), stdio: ["ignore", out, out] }));
  const node = { name, url, port, child, logFile, exited: false };
  child.on("exit", () => { node.exited = true; });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (node.exited) throw new Error(`node ${name} exited before it was ready (log ${logFile})`);
    try {
      const r = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3000) });
      if (r.status === 200) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`node ${name} not ready within 120 s (log ${logFile})`);
    await sleep(500);
  }
  return node;
}

async function stopNode(node, signal = "SIGTERM") {
  if (!node || node.exited) return;
  const gone = new Promise((resolve) => node.child.once("exit", resolve));
  node.child.kill(signal);
  await Promise.race([gone, sleep(15_000)]);
  if (!node.exited) { node.child.kill("SIGKILL"); await gone; }
}

// nginx in front of the nodes, configured as ./scripts/cluster does (WebSocket upgrade for /hubs,
// no sticky sessions, passive health check, next upstream on errors for idempotent requests).
async function startNginx(nodes) {
  const port = await freePort();
  const dir = `${work}/nginx-${port}`;
  await run("mkdir", ["-p", `${dir}/temp`]);
  await run("chmod", ["1777", `${dir}/temp`]);
  const proxy = `proxy_http_version 1.1; proxy_set_header Host $http_host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme; proxy_connect_timeout 2s; proxy_next_upstream error timeout http_502 http_503; proxy_next_upstream_tries 2;`;
  writeFileSync(`${dir}/nginx.conf`, `worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off; client_body_temp_path ${dir}/temp/body; proxy_temp_path ${dir}/temp/proxy; fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi; scgi_temp_path ${dir}/temp/scgi; client_max_body_size 2m;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream monitoring_center { ${nodes.map((n) => `server 127.0.0.1:${n.port} max_fails=2 fail_timeout=10s;`).join(" ")} keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location / { ${proxy} proxy_set_header Connection ""; proxy_pass http://monitoring_center; }
    location ~ ^/(hubs|_blazor) { ${proxy} proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h; proxy_send_timeout 1h; proxy_buffering off; proxy_pass http://monitoring_center; }
  }
}
`);
  const child = track(spawn(env.FAULT_NGINX, ["-p", dir, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] }));
  const proxyNode = { name: "nginx", url: `http://127.0.0.1:${port}`, child, exited: false };
  child.on("exit", () => { proxyNode.exited = true; });
  for (let i = 0; i < 50; i++) {
    try { await fetch(`${proxyNode.url}/health/live`); return proxyNode; } catch { await sleep(100); }
  }
  throw new Error("nginx did not answer");
}

// ---------------------------------------------------------------- PostgreSQL (the suite's own cluster only)

const pgCtl = (...args) => run("runuser", ["-u", "postgres", "--", `${pgBin}/pg_ctl`, "-D", pgData, ...args]);
const pgStop = () => pgCtl("-m", "fast", "-w", "stop");
const pgStart = () => pgCtl("-l", `${pgData}/server.log`, "-w", "-t", "120", "start");

// kill -9 of the server: the postmaster and every backend at once (a postmaster killed alone leaves
// backends holding its shared memory, and the next start would refuse).
async function pgKill9() {
  const { stdout: pidFile } = await run("cat", [`${pgData}/postmaster.pid`]);
  const postmaster = Number(pidFile.split("\n")[0]);
  const { stdout: children } = await run("ps", ["-o", "pid=", "--ppid", String(postmaster)]).catch(() => ({ stdout: "" }));
  const pids = [postmaster, ...children.split(/\s+/).filter(Boolean).map(Number)];
  for (const pid of pids) { try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ } }
  for (let i = 0; i < 100 && pids.some((p) => { try { process.kill(p, 0); return true; } catch { return false; } }); i++) await sleep(50);
  return pids.length;
}

async function query(sql, params = [], connectionString = database) {
  const client = new pg.Client(npgsqlToPg(connectionString));
  await client.connect();
  try { return (await client.query(sql, params)).rows; } finally { await client.end(); }
}

// ---------------------------------------------------------------- accounts, keys, screens, events

async function appCommand(...args) {
  const { stdout } = await run("dotnet", [appDll, ...args], { env: nodeEnv({}) });
  return stdout;
}

let admin;
async function account() {
  if (!admin) {
    const email = `faults-${Date.now()}@bench.local`;
    const password = (await appCommand("user", "demo-admin", "--email", email)).trim();
    admin = { email, password };
  }
  return admin;
}

// One key per scenario, so that each counts its own stored events (case_event.api_key_id).
async function apiKey(name) {
  const out = await appCommand("apikey", "create", "--name", name, "--all");
  const key = out.split("\n").map((l) => l.trim()).find((l) => l.startsWith("mck_"));
  const [{ id }] = await query("select id from api_key where name = $1 order by id desc limit 1", [name]);
  return { key, id: Number(id) };
}

const cookies = new Map();
async function cookieFor(base) {
  if (!cookies.has(base)) {
    const { email, password } = await account();
    cookies.set(base, await signIn(base, email, password));
  }
  return cookies.get(base);
}

// A screen as wall.ts (and soak.mjs) keeps one; records every contact (push or heartbeat) and every error.
async function openScreen(base, cookie, id) {
  const connection = hubConnection(base, "/hubs/wall", 1000, cookie);
  const screen = { id, connection, version: 0, contacts: [], errors: [], drops: [], rejoins: [] };
  const contact = () => screen.contacts.push(t());
  const apply = (update) => {
    contact();
    if (update.full || update.version > screen.version) screen.version = Math.max(screen.version, update.version);
  };
  const snapshot = async () => {
    try { apply(await connection.invoke("Snapshot", "wall")); } catch (e) { screen.errors.push(`snapshot: ${e.message}`); }
  };
  connection.on("ViewChanged", (update) => {
    if (!update.full && update.version > screen.version && update.baseVersion !== screen.version) { void snapshot(); return; }
    apply(update);
  });
  connection.on("Heartbeat", (beat) => {
    contact();
    if (beat.version > screen.version) void snapshot();
  });
  connection.onreconnecting(() => screen.drops.push(t()));
  connection.onreconnected(async () => {
    try { apply(await connection.invoke("Join", "wall")); screen.rejoins.push(t()); } catch (e) { screen.errors.push(`join: ${e.message}`); }
  });
  connection.onclose((e) => screen.errors.push(`closed: ${e?.message ?? "no reason"}`));
  await connection.start();
  apply(await connection.invoke("Join", "wall"));
  return screen;
}

async function openScreens(base, n) {
  const cookie = await cookieFor(base);
  const all = [];
  for (let start = 0; start < n; start += 25) {
    all.push(...(await Promise.all(Array.from({ length: Math.min(25, n - start) }, (_, i) => openScreen(base, cookie, start + i)))));
  }
  return all;
}

const closeScreens = (screens) => Promise.all(screens.map((s) => s.connection.stop().catch(() => {})));

const provinces = ["01", "79", "48", "31", "92", "46", "22", "75", "56", "66"];
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
let caseCounter = 0;

// n events: new cases, each accepted then (when room) classified and paid twice. Event ids are unique per run.
function makeEvents(n, tag) {
  const events = [];
  while (events.length < n) {
    const province = provinces[caseCounter % provinces.length];
    const office = `${province}-0${1 + (caseCounter % 3)}`;
    const caseId = `${tag}-case-${caseCounter++}`;
    const base = { caseId, province, office, occurredAt: today };
    events.push({ ...base, eventId: `${caseId}-a`, type: "accepted", category: "other", amount: 50_000_000 });
    if (events.length < n) events.push({ ...base, eventId: `${caseId}-c`, type: "classified", withConditions: true });
    if (events.length < n) events.push({ ...base, eventId: `${caseId}-p1`, type: "payment", amount: 10_000 });
    if (events.length < n) events.push({ ...base, eventId: `${caseId}-p2`, type: "payment", amount: 20_000 });
  }
  return events;
}

// POST one batch until a reply is read: 5xx, 429 and connection errors are retried with the same
// event ids (every second try after a pause); anything else is an error of the suite.
async function postUntilAcked(base, key, events, stats) {
  const body = JSON.stringify({ events });
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(`${base}/api/v1/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await r.text();
      if (r.status === 200) return JSON.parse(text);
      if (r.status < 500 && r.status !== 429) throw new Error(`POST /api/v1/events: HTTP ${r.status}: ${text.slice(0, 300)}`);
      stats.retries5xx++;
    } catch (e) {
      if (e.message.startsWith("POST /api")) throw e;
      stats.retriesConnection++;
    }
    await sleep(Math.min(1000, 100 * (attempt + 1)));
  }
}

async function storedEvents(keyId) {
  const [{ n }] = await query("select count(*)::int n from case_event where api_key_id = $1", [keyId]);
  return n;
}

const row = (scenario, figure, bound, pass) => rows.push({ scenario, figure, bound, pass });

// ---------------------------------------------------------------- scenarios

// 1. PostgreSQL stopped for FAULT_OUTAGE_S while screens are connected and a sender keeps posting.
async function scenario1(cleanup) {
  const staleAfter = Number(env.FAULT_STALE_AFTER_S ?? 15);
  const heartbeat = Number(env.FAULT_HEARTBEAT_S ?? 5);
  const node = await startNode("s1-node", {
    Live__StaleAfter: `00:00:${String(staleAfter).padStart(2, "0")}`,
    Live__HeartbeatInterval: `00:00:${String(heartbeat).padStart(2, "0")}`,
  });
  cleanup.push(() => stopNode(node));
  const { key, id } = await apiKey("faults-s1");
  const screens = await openScreens(node.url, screensS1);
  cleanup.push(() => closeScreens(screens));
  log(`${screens.length} screens joined; sender starts`);

  // The sender: one batch of 10 new events every 200 ms, each batch retried until acknowledged.
  const stats = { retries5xx: 0, retriesConnection: 0 };
  const sent = new Set();
  let acknowledged = 0;
  let sending = true;
  const pending = [];
  const sender = (async () => {
    while (sending) {
      const events = makeEvents(10, "s1");
      events.forEach((e) => sent.add(e.eventId));
      pending.push(postUntilAcked(node.url, key, events, stats).then((reply) => { acknowledged += reply.accepted + reply.duplicates; }));
      await sleep(200);
    }
  })();
  await sleep(5000);
  const stoppedAt = t();
  await pgStop();
  log(`PostgreSQL stopped; ${outageSeconds} s outage`);
  await sleep(outageSeconds * 1000);
  await pgStart();
  const backAt = t();
  const backAtClock = new Date();
  log("PostgreSQL started again");
  await sleep(Math.max(15_000, recoverBoundMs + heartbeat * 1000));
  sending = false;
  await sender;
  await Promise.race([Promise.all(pending), sleep(60_000)]);

  // Stale: the screen's banner shows once no contact came for staleAfter (wall.ts checkStale); so it
  // shows at (last contact before PostgreSQL's return) + staleAfter, if that is before the next contact.
  let staleShown = 0;
  let worstStaleMs = 0;
  let worstRecoverMs = 0;
  let recovered = 0;
  for (const s of screens) {
    const before = s.contacts.filter((c) => c < backAt);
    const last = before.length ? before[before.length - 1] : 0;
    const next = s.contacts.find((c) => c >= backAt);
    const bannerAt = last + staleAfter * 1000;
    if (next !== undefined && bannerAt < next && bannerAt <= backAt + recoverBoundMs) {
      staleShown++;
      worstStaleMs = Math.max(worstStaleMs, bannerAt - stoppedAt);
    }
    if (next !== undefined) {
      recovered++;
      worstRecoverMs = Math.max(worstRecoverMs, next - backAt);
    }
  }
  const errors = screens.reduce((n, s) => n + s.errors.length + s.drops.length, 0);
  const stored = await storedEvents(id);
  // The scheduled refresh (a Hangfire recurring job, every Refresh:Interval, 30 s) runs again after the return.
  const jobBoundS = 30 + 5 + 10;
  let jobAfterS = null;
  while (t() - backAt < jobBoundS * 1000 + 5000 && jobAfterS === null) {
    const [first] = await query(`select extract(epoch from min(s.createdat) - $1::timestamptz)::float8 as after
      from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id and p.name = 'RecurringJobId' and p.value = '"refresh-incremental"'
      join hangfire.state s on s.jobid = j.id and s.name = 'Succeeded' where s.createdat > $1`, [backAtClock]);
    if (first.after !== null) jobAfterS = first.after;
    else await sleep(1000);
  }
  const [locks] = await query(`select count(*)::int n, coalesce(string_agg(resource || ' since ' || to_char(acquired, 'HH24:MI:SS'), ', '), '') held
    from hangfire.lock where acquired < $1`, [backAtClock]);
  row("1 PostgreSQL stopped: recurring jobs", jobAfterS === null
    ? `no refresh-incremental job succeeded within ${jobBoundS} s of the return; locks taken before it still held: ${locks.n}${locks.n ? ` (${locks.held})` : ""}`
    : `refresh-incremental succeeded ${jobAfterS.toFixed(1)} s after the return`,
  `<= ${jobBoundS} s (Refresh:Interval 30 s + polling 5 s + 10 s)`, jobAfterS !== null && jobAfterS <= jobBoundS);
  row("1 PostgreSQL stopped: screen errors", `${errors} errors, ${screens.reduce((n, s) => n + s.drops.length, 0)} drops on ${screens.length} screens`, "0", errors === 0);
  row("1 PostgreSQL stopped: stale banner", `${staleShown}/${screens.length} screens stale, latest ${secs(worstStaleMs)} after the stop`,
    `all, <= Live:StaleAfter ${staleAfter} s`, staleShown === screens.length && worstStaleMs <= staleAfter * 1000);
  row("1 PostgreSQL stopped: recovery", `${recovered}/${screens.length} screens got a push/heartbeat, latest ${secs(worstRecoverMs)} after the return`,
    `all, <= ${recoverBoundMs / 1000} s`, recovered === screens.length && worstRecoverMs <= recoverBoundMs);
  row("1 PostgreSQL stopped: events", `${sent.size} sent, ${acknowledged} acknowledged, ${stored} stored (${stats.retries5xx} 5xx, ${stats.retriesConnection} connection retries)`,
    "stored = acknowledged = sent", stored === acknowledged && acknowledged === sent.size);
}

// 2. kill -9 of one of two nodes behind nginx with screens on it.
async function scenario2(cleanup) {
  const a = await startNode("s2-node-a");
  cleanup.push(() => stopNode(a));
  const b = await startNode("s2-node-b");
  cleanup.push(() => stopNode(b));
  const proxy = await startNginx([a, b]);
  cleanup.push(() => stopNode(proxy));
  const { key } = await apiKey("faults-s2");
  const screens = await openScreens(proxy.url, Number(env.FAULT_SCREENS_S2 ?? 40));
  cleanup.push(() => closeScreens(screens));
  const before = (await diagnostics(a.url, await cookieFor(a.url))).connections;
  log(`${screens.length} screens through nginx, ${before} on node a; kill -9 of node a`);
  const killedAt = t();
  a.child.kill("SIGKILL");
  // A change after the kill: the current version moves on, and the screens have to show it.
  await postUntilAcked(proxy.url, key, makeEvents(4, "s2"), { retries5xx: 0, retriesConnection: 0 });
  const cookieB = await cookieFor(b.url);
  let current = 0;
  const affected = () => screens.filter((s) => s.drops.some((d) => d >= killedAt));
  const upToDate = new Map();
  const deadline = killedAt + 30_000;
  while (t() < deadline) {
    current = (await diagnostics(b.url, cookieB)).version;
    for (const s of affected()) if (!upToDate.has(s.id) && s.version >= current && s.rejoins.length) upToDate.set(s.id, t() - killedAt);
    if (affected().length >= before && upToDate.size === affected().length && current > 0) break;
    await sleep(250);
  }
  const worst = Math.max(0, ...upToDate.values());
  const n = affected().length;
  const errors = screens.reduce((k, s) => k + s.errors.length, 0);
  row("2 kill -9 of a node: reconnect", `${upToDate.size}/${n} screens of the killed node back via nginx at version ${current}, latest ${secs(worst)} after the kill; ${errors} errors`,
    `all, <= ${recoverBoundMs / 1000} s`, n > 0 && n >= before && upToDate.size === n && worst <= recoverBoundMs && errors === 0);
}

// 3. Recurring jobs on two nodes: the incremental refresh every second until FAULT_JOB_OCCURRENCES ran.
async function scenario3(cleanup) {
  const fast = { Refresh__Interval: "00:00:01", Jobs__SchedulePollingInterval: "00:00:01" };
  const since = (await query("select now() as now"))[0].now;
  const a = await startNode("s3-node-a", fast);
  cleanup.push(() => stopNode(a));
  const b = await startNode("s3-node-b", fast);
  cleanup.push(() => stopNode(b));
  const jobs = `from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id and p.name = 'RecurringJobId' and p.value = '"refresh-incremental"'
    where j.createdat >= $1`;
  const deadline = Date.now() + Math.max(120_000, jobOccurrences * 3000);
  let n = 0;
  while (Date.now() < deadline) {
    [{ n }] = await query(`select count(*)::int n ${jobs} and j.statename in ('Succeeded', 'Failed', 'Deleted')`, [since]);
    if (n >= jobOccurrences) break;
    await sleep(1000);
  }
  await stopNode(a);
  await stopNode(b);
  const [stats] = await query(`
    with occurrences as (
      select j.id, j.statename, (select value from hangfire.jobparameter t where t.jobid = j.id and t.name = 'Time') as scheduled,
             (select count(*) from hangfire.state s where s.jobid = j.id and s.name = 'Processing') as runs,
             (select string_agg(distinct s.data::json ->> 'ServerId', ',') from hangfire.state s where s.jobid = j.id and s.name = 'Processing') as servers
      ${jobs})
    select count(*)::int as jobs, count(distinct scheduled)::int as times,
           count(*) filter (where runs = 1)::int as once, count(*) filter (where runs > 1)::int as more,
           count(*) filter (where statename = 'Succeeded')::int as succeeded,
           count(distinct split_part(servers, ':', 1))::int as hosts, count(distinct servers)::int as servers
    from occurrences`, [since]);
  row("3 recurring jobs on 2 nodes", `${stats.jobs} occurrences (${stats.times} distinct times), ${stats.once} ran once, ${stats.more} more than once, ` +
    `${stats.succeeded} succeeded, on ${stats.servers} job servers`,
    `${jobOccurrences} each ran once`, stats.jobs >= jobOccurrences && stats.times === stats.jobs && stats.once === stats.jobs && stats.more === 0);
}

// 4. FAULT_EVENTS events sent three times each, concurrently, connections reset mid-request.
// A full recount of the read models, as the nightly job does it: a node that registers that job every
// 2 s, until one run succeeded (Hangfire's state); then it stops, and the next node registers the usual schedule.
async function fullRecount(name, cleanup) {
  const since = (await query("select now() as now"))[0].now;
  const node = await startNode(name, { Refresh__NightlyFullCron: "*/2 * * * * *" });
  cleanup.push(() => stopNode(node));
  let full = 0;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !full) {
    [{ full }] = await query(`select count(*)::int as full from hangfire.job j
      join hangfire.jobparameter p on p.jobid = j.id and p.name = 'RecurringJobId' and p.value = '"refresh-nightly-full"'
      join hangfire.state s on s.jobid = j.id and s.name = 'Succeeded' where s.createdat >= $1`, [since]);
    if (!full) await sleep(500);
  }
  await stopNode(node);
  return full > 0;
}

async function scenario4(cleanup) {
  // The read models as the seed leaves them: cases since the statistical year's first day, built in
  // full, before the events come in (as in CaseEventsApiTests' recount test).
  const node0 = await startNode("s4-first");
  cleanup.push(() => stopNode(node0));
  const { key, id } = await apiKey("faults-s4");
  const [y, m] = today.split("-").map(Number);
  const yearStart = `${m >= 10 ? y : y - 1}-10-01`;
  const first = makeEvents(40, "s4-start").map((e) => ({ ...e, occurredAt: yearStart }));
  await postUntilAcked(node0.url, key, first, { retries5xx: 0, retriesConnection: 0 });
  await stopNode(node0);
  if (!(await fullRecount("s4-first-recount", cleanup))) throw new Error("no full refresh ran within 60 s");
  const node = await startNode("s4-node");
  cleanup.push(() => stopNode(node));
  const events = makeEvents(duplicateEvents, "s4");
  const batches = [];
  for (let i = 0; i < events.length; i += 100) batches.push(events.slice(i, i + 100));
  const sends = batches.flatMap((b) => [b, b, b]).map((b) => ({ b, r: Math.random() })).sort((x, y) => x.r - y.r).map((x) => x.b);
  const stats = { resetsHalfBody: 0, resetsAfterBody: 0, replies: 0, accepted: 0, duplicates: 0, rejected: 0, errors: 0 };
  const { port } = new URL(node.url);
  // One POST over a raw connection; reset: "half" writes half the body then destroys the socket,
  // "after" writes it all and destroys the socket 0-40 ms later (the commit may or may not have happened).
  const attempt = (body, reset) => new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/api/v1/events", method: "POST", agent: false,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.on("data", (c) => { text += c; });
      res.on("end", () => resolve({ status: res.statusCode, text }));
      res.on("error", () => resolve(null));
    });
    req.on("error", () => resolve(null));
    if (reset === "half") {
      req.write(body.slice(0, body.length >> 1), () => setTimeout(() => { req.destroy(); resolve(null); }, 5));
    } else {
      req.end(body);
      if (reset === "after") setTimeout(() => { req.destroy(); resolve(null); }, Math.random() * 40);
    }
  });
  let next = 0;
  const started = t();
  await Promise.all(Array.from({ length: 12 }, async () => {
    while (next < sends.length) {
      const body = JSON.stringify({ events: sends[next++] });
      for (let k = 0; ; k++) {
        const roll = Math.random();
        const reset = k >= 3 ? null : roll < 0.15 ? "half" : roll < 0.35 ? "after" : null;
        if (reset === "half") stats.resetsHalfBody++;
        if (reset === "after") stats.resetsAfterBody++;
        const reply = await attempt(body, reset);
        if (reply?.status === 200) {
          const r = JSON.parse(reply.text);
          stats.replies++; stats.accepted += r.accepted; stats.duplicates += r.duplicates; stats.rejected += r.rejected;
          break;
        }
        if (reply && reply.status < 500 && reply.status !== 429) { stats.errors++; log(`HTTP ${reply.status}: ${reply.text.slice(0, 200)}`); break; }
        await sleep(20);
      }
    }
  }));
  const sendMs = t() - started;
  const stored = (await storedEvents(id)) - first.length;
  row("4 events x3 with resets: stored", `${stored} stored of ${events.length} (${sends.length} sends in ${secs(sendMs)}, ${stats.resetsHalfBody} reset mid-body, ` +
    `${stats.resetsAfterBody} reset after the body; replies: ${stats.accepted} accepted, ${stats.duplicates} duplicate, ${stats.rejected} rejected)`,
    `exactly ${events.length}`, stored === events.length && stats.errors === 0 && stats.rejected === 0);

  // The live read model (change feed, incremental refresh) once settled, against a full recount:
  // a second node registers the nightly full refresh every 2 s, the next one run is the recount.
  const settle = Date.now() + 60_000;
  while (Date.now() < settle) {
    const [{ n }] = await query("select (select count(*) from refresh_dirty) + (select count(*) from kpi_delta) as n");
    if (Number(n) === 0) break;
    await sleep(500);
  }
  const readModel = `select count(*)::int n, md5(coalesce(string_agg(concat_ws('|', stat_year, unit_kind, unit_code, category, day, cases_to_enforce,
    cases_with_conditions, cases_completed, money_to_enforce, money_with_conditions, money_collected), ';' order by stat_year, unit_kind, unit_code, category, day), '')) h
    from kpi_daily`;
  const [live] = await query(readModel);
  await stopNode(node);
  const full = await fullRecount("s4-recount", cleanup);
  const [after] = await query(readModel);
  row("4 events x3 with resets: read model", `${live.n} kpi_daily rows (md5 ${live.h.slice(0, 8)}) live, ${after.n} (md5 ${after.h.slice(0, 8)}) after a full recount${full ? "" : " (no full refresh ran!)"}`,
    "equal", full > 0 && live.n === after.n && live.h === after.h && live.n > 0);
}

// 5. kill -9 of PostgreSQL right after FAULT_BATCHES acknowledged batches.
async function scenario5(cleanup) {
  const node = await startNode("s5-node");
  cleanup.push(() => stopNode(node));
  const { key, id } = await apiKey("faults-s5");
  const stats = { retries5xx: 0, retriesConnection: 0 };
  let acknowledgedBatches = 0;
  let acknowledgedEvents = 0;
  let next = 0;
  const started = t();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < crashBatches) {
      next++;
      const reply = await postUntilAcked(node.url, key, makeEvents(5, "s5"), stats);
      acknowledgedBatches++;
      acknowledgedEvents += reply.accepted;
    }
  }));
  const processes = await pgKill9();
  log(`${acknowledgedBatches} batches acknowledged in ${secs(t() - started)}; kill -9 of ${processes} PostgreSQL processes`);
  await stopNode(node);
  await pgStart();
  const stored = await storedEvents(id);
  row("5 kill -9 of PostgreSQL after acknowledged batches", `${acknowledgedBatches} batches (${acknowledgedEvents} events) acknowledged, ${stored} events present after restart`,
    `all ${crashBatches} batches (${crashBatches * 5} events)`, acknowledgedBatches === crashBatches && stored === acknowledgedEvents && acknowledgedEvents === crashBatches * 5);
}

const scenarios = {
  1: { name: `PostgreSQL stopped ${outageSeconds} s under ${screensS1} screens and a sender`, fn: scenario1, boundS: outageSeconds + 180 },
  2: { name: "kill -9 of one node behind nginx", fn: scenario2, boundS: 180 },
  3: { name: `recurring jobs on 2 nodes, ${jobOccurrences} occurrences`, fn: scenario3, boundS: 180 + jobOccurrences * 3 },
  4: { name: `${duplicateEvents} events x3 with connection resets`, fn: scenario4, boundS: 600 },
  5: { name: `kill -9 of PostgreSQL after ${crashBatches} acknowledged batches`, fn: scenario5, boundS: 300 },
};

// ---------------------------------------------------------------- main

const suiteStarted = t();
for (const number of selected) {
  if (number === 6) {
    row("6 soak", "not run here: see ./scripts/bench/soak (200 screens, 30 min, demo simulator at 10x)", "heap growth <= 5%", null);
    continue;
  }
  const scenario = scenarios[number];
  if (!scenario) { console.error(`unknown scenario ${number}`); continue; }
  console.error(`==> scenario ${number}: ${scenario.name} (bound ${scenario.boundS} s)`);
  const cleanup = [];
  const began = t();
  database = serverDatabase.replace(/Database=[^;]*/i, `Database=faults_s${number}`);
  admin = undefined;
  cookies.clear();
  const before = rows.length;
  let timer;
  try {
    await query(`create database faults_s${number}`, [], serverDatabase);
    await Promise.race([
      scenario.fn(cleanup),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${scenario.boundS} s`)), scenario.boundS * 1000); }),
    ]);
  } catch (e) {
    row(`${number} ${scenario.name}`, `failed: ${e.message}`, "-", false);
  } finally {
    clearTimeout(timer);
    for (const step of cleanup.reverse()) await step().catch(() => {});
    // The cluster is up again for the next scenario whatever happened.
    await pgStart().catch(() => {});
  }
  for (const r of rows.slice(before)) r.seconds = (t() - began) / 1000;
  log(`scenario ${number} took ${secs(t() - began)}`);
}

const width = (k, max) => Math.min(max, Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const w = { scenario: width("scenario", 50), figure: width("figure", 150), bound: width("bound", 40) };
console.log("");
console.log(`Fault suite (${new Date().toISOString().slice(0, 16)}Z, ${(await import("node:os")).cpus().length} cores): FAULTS=${selected.join(",")}`);
console.log(`${"scenario".padEnd(w.scenario)} | ${"figure".padEnd(w.figure)} | ${"bound".padEnd(w.bound)} | result`);
console.log(`${"-".repeat(w.scenario)}-|-${"-".repeat(w.figure)}-|-${"-".repeat(w.bound)}-|-------`);
for (const r of rows) {
  console.log(`${r.scenario.padEnd(w.scenario)} | ${r.figure.padEnd(w.figure)} | ${r.bound.padEnd(w.bound)} | ${r.pass === null ? "not run" : r.pass ? "pass" : "FAIL"}`);
}
const ran = rows.filter((r) => r.pass !== null);
const failed = ran.filter((r) => !r.pass).length;
console.log(`summary: ${ran.length - failed}/${ran.length} checks passed, ${failed} failed, ${rows.length - ran.length} not run; ${secs(t() - suiteStarted)} in all`);
process.exit(failed ? 1 : 0);
