// The wall screen's browser module. The server renders every figure (the page's first load and
// each pushed fragment come from the same Razor components); this module only swaps fragments
// by id, feeds chart series to ApexCharts, and keeps the screen connected and honest about it.
import { HubConnection, HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";
import ApexCharts from "apexcharts";

interface TrendChart {
  labels: string[];
  caseRate: (number | null)[];
  moneyRate: (number | null)[];
  caseTarget: (number | null)[];
  moneyTarget: (number | null)[];
  caseLastYear: (number | null)[];
  moneyLastYear: (number | null)[];
}
interface RankingChart { codes: string[]; names: string[]; caseRate: (number | null)[]; status: string[]; colors: string[] }
interface WallCharts { trend: TrendChart; ranking: RankingChart }
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
  const charts = new WallChartSet(readInitialCharts());

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
  connection.onreconnecting(() => setState("connecting", "đang kết nối lại"));
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
      window.setTimeout(() => void connect(attempt + 1), backoff(attempt));
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

// Axis ticks are the one number ApexCharts formats itself; keep the Vietnamese decimal comma.
const percentTick = (value: number): string => `${value.toFixed(0)}%`;
const percentLabel = (value: number | null): string => (value === null ? "—" : `${value.toFixed(2).replace(".", ",")}%`);

class WallChartSet {
  private trend: ApexCharts | null = null;
  private ranking: ApexCharts | null = null;
  private rankingCodes: string[] = [];

  constructor(initial: WallCharts | null) {
    if (initial) {
      this.create(initial);
    }
  }

  private create(data: WallCharts): void {
    const common = {
      chart: { background: "transparent", foreColor: "#c9d5ea", fontFamily: "DejaVu Sans, Segoe UI, sans-serif", toolbar: { show: false },
        // Gentle on a TV: no zooming, short transitions, nothing that grows.
        animations: { enabled: true, speed: 400, animateGradually: { enabled: false }, dynamicAnimation: { enabled: true, speed: 400 } },
        zoom: { enabled: false } },
      theme: { mode: "dark" as const },
      grid: { borderColor: "#22314d" },
    };
    const trendElement = document.getElementById("chart-trend");
    if (trendElement) {
      this.trend = new ApexCharts(trendElement, {
        ...common,
        chart: { ...common.chart, type: "line", height: "100%" },
        series: trendSeries(data.trend),
        colors: ["#5cc8ff", "#5cc8ff", "#8d99ae", "#ffd166", "#ffd166", "#8d99ae"],
        stroke: { width: [4, 2, 2, 4, 2, 2], dashArray: [0, 8, 3, 0, 8, 3], curve: "straight" },
        xaxis: { categories: data.trend.labels, tickAmount: 12, labels: { rotate: 0, style: { fontSize: "14px" } } },
        yaxis: { min: 0, forceNiceScale: true, tickAmount: 5, labels: { formatter: percentTick, style: { fontSize: "14px" } } },
        legend: { fontSize: "15px", position: "bottom" },
        tooltip: { y: { formatter: percentLabel } },
        markers: { size: 0 },
      });
      void this.trend.render();
    }
    const rankingElement = document.getElementById("chart-ranking");
    if (rankingElement) {
      this.rankingCodes = data.ranking.codes;
      this.ranking = new ApexCharts(rankingElement, {
        ...common,
        chart: { ...common.chart, type: "bar", height: "100%",
          events: { dataPointSelection: (_e: unknown, _c: unknown, options: { dataPointIndex: number }) => {
            const code = this.rankingCodes[options.dataPointIndex];
            if (code) {
              window.location.href = `/wall/provinces/${encodeURIComponent(code)}`;
            }
          } } },
        series: [{ name: "Tỷ lệ việc", data: data.ranking.caseRate }],
        plotOptions: { bar: { horizontal: true, distributed: true, barHeight: "78%" } },
        colors: data.ranking.colors,
        legend: { show: false },
        dataLabels: { enabled: true, formatter: (v: number) => percentLabel(v), style: { fontSize: "11px" }, offsetX: 0 },
        xaxis: { categories: data.ranking.names, min: 0, labels: { formatter: (v: string) => percentTick(Number(v)) } },
        yaxis: { labels: { style: { fontSize: "11px" }, maxWidth: 190 } },
        tooltip: { y: { formatter: percentLabel } },
      });
      void this.ranking.render();
    }
  }

  update(data: WallCharts): void {
    if (!this.trend && !this.ranking) {
      this.create(data);
      return;
    }
    if (this.trend) {
      void this.trend.updateOptions({ xaxis: { categories: data.trend.labels } }, false, false);
      void this.trend.updateSeries(trendSeries(data.trend), true);
    }
    if (this.ranking) {
      this.rankingCodes = data.ranking.codes;
      void this.ranking.updateOptions({ colors: data.ranking.colors, xaxis: { categories: data.ranking.names } }, false, false);
      void this.ranking.updateSeries([{ name: "Tỷ lệ việc", data: data.ranking.caseRate }], true);
    }
  }
}

function trendSeries(t: TrendChart) {
  return [
    { name: "Tỷ lệ việc", data: t.caseRate },
    { name: "Lộ trình chỉ tiêu việc", data: t.caseTarget },
    { name: "Việc cùng kỳ năm trước", data: t.caseLastYear },
    { name: "Tỷ lệ tiền", data: t.moneyRate },
    { name: "Lộ trình chỉ tiêu tiền", data: t.moneyTarget },
    { name: "Tiền cùng kỳ năm trước", data: t.moneyLastYear },
  ];
}

// Last, once every declaration above is initialised.
const wallRoot = document.getElementById("wall");
if (wallRoot?.dataset.view) {
  start(wallRoot, wallRoot.dataset.view);
}
