// Soak benchmark: N real SignalR clients (npm @microsoft/signalr, WebSockets, loopback) on the
// national wall for BENCH_MINUTES while the app's demo simulator writes events at a high rate.
// Every minute: the server's managed heap after a full collection and its working set (from
// /internal/diagnostics, which collects first), the pushes the screens received, and the errors they
// saw. At the end: the growth after the warm-up (medians of three-minute windows, and a least-squares trend), against the target.
import { diagnostics as serverDiagnostics, hubConnection, signIn, sleep } from "./common.mjs";

const base = process.env.BENCH_URL;
const screens = Number(process.env.BENCH_SCREENS ?? 200);
const minutes = Number(process.env.BENCH_MINUTES ?? 30);
const warmup = Number(process.env.BENCH_WARMUP_MINUTES ?? 5);
const rate = process.env.BENCH_EVENTS_PER_SECOND ?? "?";
const targetPercent = 5;
if (!(minutes > warmup)) {
  throw new Error(`BENCH_MINUTES (${minutes}) must be more than BENCH_WARMUP_MINUTES (${warmup})`);
}

const mb = (bytes) => bytes / (1024 * 1024);

// One Admin session, signed in once, for every screen and the diagnostics.
const cookie = await signIn(base);

const diagnostics = () => serverDiagnostics(base, cookie);

// Counters over all screens, read and reset once a minute.
const counts = { pushes: 0, snapshots: 0, errors: 0, reconnects: 0 };

// A screen as wall.ts keeps one: joins its view, applies pushes in version order, takes the full
// snapshot when it missed one, reconnects forever and joins again.
async function openScreen() {
  const connection = hubConnection(base, "/hubs/wall", 2000, cookie);
  const screen = { connection, version: 0 };
  const apply = (update) => {
    if (update.full || update.version > screen.version) {
      screen.version = Math.max(screen.version, update.version);
    }
  };
  const snapshot = async () => {
    try {
      counts.snapshots++;
      apply(await connection.invoke("Snapshot", "wall"));
    } catch {
      counts.errors++;
    }
  };
  connection.on("ViewChanged", (update) => {
    counts.pushes++;
    if (!update.full && update.version > screen.version && update.baseVersion !== screen.version) {
      void snapshot();
      return;
    }
    apply(update);
  });
  connection.onreconnecting(() => counts.reconnects++);
  connection.onreconnected(async () => {
    try {
      apply(await connection.invoke("Join", "wall"));
    } catch {
      counts.errors++;
    }
  });
  connection.onclose(() => counts.errors++);
  await connection.start();
  apply(await connection.invoke("Join", "wall"));
  return screen;
}

const all = [];
for (let start = 0; start < screens; start += 50) {
  all.push(...(await Promise.all(Array.from({ length: Math.min(50, screens - start) }, openScreen))));
}
console.error(`${all.length} screens joined the national wall`);

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
console.log("");
console.log(`Soak: ${screens} screens on /wall, demo simulator at ${rate} event batches/s, ${minutes} min, warm-up ${warmup} min (heap after a full collection); one signed-in Admin session shared by every screen`);
console.log("minute | managed heap MB | working set MB | pushes/min per screen (all screens) | versions/min | snapshots taken | screen errors, reconnects | connections");
const rows = [];
let previous = await diagnostics();
const started = Date.now();
rows.push({ minute: 0, ...previous });
console.log(`${"0".padStart(6)} | ${f(mb(previous.managedBytes)).padStart(15)} | ${f(mb(previous.workingSetBytes)).padStart(14)} |`);
for (let minute = 1; minute <= minutes; minute++) {
  await sleep(Math.max(0, started + minute * 60_000 - Date.now()));
  const { pushes, snapshots, errors, reconnects } = counts;
  Object.assign(counts, { pushes: 0, snapshots: 0, errors: 0, reconnects: 0 });
  const d = await diagnostics();
  rows.push({ minute, ...d });
  console.log(`${String(minute).padStart(6)} | ${f(mb(d.managedBytes)).padStart(15)} | ${f(mb(d.workingSetBytes)).padStart(14)} | ${`${f(pushes / screens)} (${pushes})`.padEnd(35)} | ${String(d.version - previous.version).padStart(12)} | ${String(snapshots).padStart(15)} | ${`${errors}, ${reconnects}`.padEnd(25)} | ${d.connections}`);
  previous = d;
}
await Promise.all(all.map((s) => s.connection.stop()));

// One sample after a full collection still holds whatever a push had in flight at that moment
// (a few MB up or down): a leak is a trend, so the target compares medians of three-minute windows
// (just after the warm-up, and the last three minutes) and the slope of a least-squares line.
const after = rows.filter((r) => r.minute >= warmup);
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const window = (list, key) => median(list.map((r) => r[key]));
const first = after.slice(0, 3);
const last = after.slice(-3);
const growth = (key) => ((window(last, key) - window(first, key)) / window(first, key)) * 100;
const slope = (key) => {
  const n = after.length;
  const mx = after.reduce((t, r) => t + r.minute, 0) / n;
  const my = after.reduce((t, r) => t + r[key], 0) / n;
  const sxy = after.reduce((t, r) => t + (r.minute - mx) * (r[key] - my), 0);
  const sxx = after.reduce((t, r) => t + (r.minute - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60; // bytes per hour
};
const from = after[0];
const to = after[after.length - 1];
const versions = to.version - from.version;
const span = (list) => `${list[0].minute}-${list[list.length - 1].minute}`;
console.log("");
console.log(`single samples, minute ${from.minute} -> ${to.minute}: managed heap ${f(mb(from.managedBytes))} -> ${f(mb(to.managedBytes))} MB, ` +
  `working set ${f(mb(from.workingSetBytes))} -> ${f(mb(to.workingSetBytes))} MB; ${versions} versions pushed meanwhile`);
console.log(`growth after warm-up (median of minutes ${span(first)} -> median of minutes ${span(last)}): ` +
  `managed heap ${f(mb(window(first, "managedBytes")))} -> ${f(mb(window(last, "managedBytes")))} MB (${f(growth("managedBytes"))}%), ` +
  `working set ${f(mb(window(first, "workingSetBytes")))} -> ${f(mb(window(last, "workingSetBytes")))} MB (${f(growth("workingSetBytes"))}%)`);
console.log(`trend after warm-up (least squares): managed heap ${f(mb(slope("managedBytes")))} MB/hour, working set ${f(mb(slope("workingSetBytes")))} MB/hour; ` +
  `${f(slope("managedBytes") / 1024 / Math.max(1, versions / ((to.minute - from.minute) / 60)))} KB of heap per version`);
console.log(`target: managed heap growth <= ${targetPercent}% after warm-up: ${growth("managedBytes") <= targetPercent ? "met" : "NOT met"}`);
