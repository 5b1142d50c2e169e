// The wall screen's browser module. The server renders every figure (the page's first load and
// each pushed fragment come from the same Razor components); this module only swaps fragments
// by id, feeds chart series to ApexCharts (charts.ts, a chunk loaded after the first paint), and keeps
// the screen connected and honest about it.
import { HubConnection, HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import type { WallCharts, WallChartSet } from "./charts";

interface ViewUpdate {
  view: string;
  version: number;
  baseVersion: number;
  full: boolean;
  deploy: string;
  updatedAt: string;
  fragments: Record<string, string>;
  charts: WallCharts | null;
}
interface Heartbeat { version: number; deploy: string }

function start(root: HTMLElement, view: string): void {
  const deploy = root.dataset.deploy ?? "";
  const staleAfterMs = Number(root.dataset.staleAfter ?? "30") * 1000;
  let version = Number(root.dataset.version ?? "0");
  let lastContact = Date.now();
  const charts = new LazyCharts(readInitialCharts());

  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl("/hubs/wall", { transport: HttpTransportType.WebSockets, skipNegotiation: true })
    // The default policy gives up after four tries; a wall never does.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => backoff(ctx.previousRetryCount) })
    .configureLogging(LogLevel.Warning)
    .build();

  connection.on("ViewChanged", (update: ViewUpdate) => apply(update));
  connection.on("Heartbeat", (beat: Heartbeat) => {
    lastContact = Date.now();
    if (beat.deploy !== deploy) {
      reloadOnce(beat.deploy);
    } else if (beat.version > version) {
      void fetchSnapshot();
    }
  });
  connection.onreconnecting(() => {
    setState("connecting", "đang kết nối lại");
    void leaveIfSignedOut();
  });
  // A reconnect is a new connection: it has to join its view again, and takes the snapshot.
  connection.onreconnected(() => void join());
  connection.onclose(() => {
    setState("disconnected", "mất kết nối");
    window.setTimeout(() => void connect(0), backoff(0));
  });

  function apply(update: ViewUpdate): void {
    if (update.view !== view) {
      return;
    }
    if (!update.full) {
      if (update.version <= version) {
        return; // an older or repeated push: nothing on screen depends on message order
      }
      if (update.baseVersion !== version) {
        void fetchSnapshot(); // missed one: take the whole view instead
        return;
      }
    }
    for (const [id, html] of Object.entries(update.fragments)) {
      const element = document.getElementById(id);
      if (element) {
        element.outerHTML = html;
      }
    }
    if (update.charts) {
      charts.update(update.charts);
    }
    version = update.version;
    root.dataset.version = String(version);
    lastContact = Date.now();
    setText("last-update", update.updatedAt);
    checkStale();
  }

  async function fetchSnapshot(): Promise<void> {
    try {
      apply(await connection.invoke<ViewUpdate>("Snapshot", view));
    } catch {
      // The next heartbeat or reconnect tries again.
    }
  }

  async function join(): Promise<void> {
    const snapshot = await connection.invoke<ViewUpdate>("Join", view);
    setState("connected", "đã kết nối");
    if (snapshot.deploy !== deploy) {
      reloadOnce(snapshot.deploy);
    }
    apply(snapshot);
  }

  // Also retries a failed first start, forever, with backoff.
  async function connect(attempt: number): Promise<void> {
    try {
      await connection.start();
      await join();
    } catch {
      setState("disconnected", "mất kết nối");
      void leaveIfSignedOut();
      window.setTimeout(() => void connect(attempt + 1), backoff(attempt));
    }
  }

  // A hub that refuses us may mean the session ended (signed out everywhere, account disabled):
  // then the page itself redirects, and reloading it shows the sign-in page instead of retrying forever.
  async function leaveIfSignedOut(): Promise<void> {
    try {
      const probe = await fetch(window.location.href, { method: "HEAD", redirect: "manual", cache: "no-store" });
      if (probe.type === "opaqueredirect" || probe.status === 401) {
        window.location.reload();
      }
    } catch {
      // The server is unreachable: keep retrying the hub.
    }
  }

  function checkStale(): void {
    const banner = document.getElementById("stale-banner");
    if (banner) {
      banner.hidden = Date.now() - lastContact <= staleAfterMs;
    }
  }

  window.setInterval(() => {
    checkStale();
    tickClock();
  }, 1000);
  void connect(0);
}

function backoff(retry: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(retry, 5));
  return base / 2 + Math.random() * (base / 2);
}

// Reloads for a new deployment only when the server answers again, and at most once per deployment.
function reloadOnce(serverDeploy: string): void {
  const key = "mc-reloaded-for";
  if (sessionStorage.getItem(key) === serverDeploy) {
    return;
  }
  sessionStorage.setItem(key, serverDeploy);
  window.location.reload();
}

function setState(state: "connecting" | "connected" | "disconnected", text: string): void {
  const element = document.getElementById("connection-state");
  if (element) {
    element.className = `state ${state}`;
    element.textContent = text;
  }
}

function setText(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) {
    element.textContent = text;
  }
}

const clockFormat = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hour12: false });
function tickClock(): void {
  setText("clock", clockFormat.format(new Date()));
}

function readInitialCharts(): WallCharts | null {
  const element = document.getElementById("chart-data");
  return element?.textContent ? (JSON.parse(element.textContent) as WallCharts) : null;
}

// The charts' module is loaded once the page has painted, and only where there is a chart container;
// data pushed meanwhile is kept and the latest drawn when it arrives.
class LazyCharts {
  private set: WallChartSet | null = null;
  private latest: WallCharts | null;

  constructor(initial: WallCharts | null) {
    this.latest = initial;
    if (document.getElementById("chart-trend") || document.getElementById("chart-ranking")) {
      requestAnimationFrame(() => window.setTimeout(() => void this.load(), 0));
    }
  }

  private async load(): Promise<void> {
    const { WallChartSet: Charts } = await import("./charts");
    // ApexCharts measures its labels once: with the wall font, not the fallback it swaps out.
    await document.fonts.ready;
    this.set = new Charts(this.latest);
  }

  update(data: WallCharts): void {
    this.latest = data;
    this.set?.update(data);
  }
}

// Last, once every declaration above is initialised.
const wallRoot = document.getElementById("wall");
if (wallRoot?.dataset.view) {
  start(wallRoot, wallRoot.dataset.view);
}
