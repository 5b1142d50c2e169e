// The wall's two charts (ApexCharts). A chunk of its own, loaded by wall.ts only on a page that has a
// chart container, after the first paint: the province pages never download it, and the wall's
// server-rendered figures do not wait for it. Only the chart types and features the wall uses are
// imported (apexcharts/core + line + bar + legend), not the whole library.
import ApexCharts from "apexcharts/core";
import "apexcharts/line";
import "apexcharts/bar";
import "apexcharts/features/legend";

export interface TrendChart {
  labels: string[];
  caseRate: (number | null)[];
  moneyRate: (number | null)[];
  caseTarget: (number | null)[];
  moneyTarget: (number | null)[];
  caseLastYear: (number | null)[];
  moneyLastYear: (number | null)[];
}
export interface RankingChart { codes: string[]; names: string[]; caseRate: (number | null)[]; status: string[]; colors: string[] }
export interface WallCharts { trend: TrendChart; ranking: RankingChart }

// Axis ticks are the one number ApexCharts formats itself; keep the Vietnamese decimal comma.
const percentTick = (value: number): string => `${value.toFixed(0)}%`;
const percentLabel = (value: number | null): string => (value === null ? "—" : `${value.toFixed(2).replace(".", ",")}%`);

// Read from the back of the room: like the wall's CSS (1rem is 1/60 of the window's height), labels,
// data labels and legends are 1/60 of the height, axis ticks 1/72 (the floor for ticks is 1/80).
interface TypeSizes { label: number; tick: number }
function typeSizes(): TypeSizes {
  const height = window.innerHeight;
  return { label: Math.max(12, Math.ceil(height / 60)), tick: Math.max(10, Math.ceil(height / 72)) };
}
const px = (size: number): string => `${size}px`;

// The long city names read as they are written on the wall's other screens, shortened.
const shortName = (name: string): string => name.replace(/^Thành phố /, "TP. ");

// The 34 provinces in two columns of 17 (one column of 34 readable rows is taller than the panel).
interface RankingHalf { codes: string[]; names: string[]; caseRate: (number | null)[]; colors: string[] }
function halves(r: RankingChart): [RankingHalf, RankingHalf] {
  const middle = Math.ceil(r.codes.length / 2);
  const half = (from: number, to: number): RankingHalf => ({
    codes: r.codes.slice(from, to), names: r.names.slice(from, to).map(shortName),
    caseRate: r.caseRate.slice(from, to), colors: r.colors.slice(from, to),
  });
  return [half(0, middle), half(middle, r.codes.length)];
}
// Both columns on one scale, so that bars of the two compare.
function rankingMax(r: RankingChart): number {
  const top = Math.max(0, ...r.caseRate.filter((v): v is number => v !== null));
  return Math.max(100, Math.ceil(top / 20) * 20);
}

// A rate's label sits inside its bar's end, dark on the colour; early in the year every bar is shorter than its
// label, so the column's labels go after the bars, light on the panel, until the longest bar has room for one.
function rankingLabels(half: RankingHalf, max: number, sizes: TypeSizes): object {
  const longest = Math.max(0, ...half.caseRate.filter((v): v is number => v !== null));
  const outside = longest < max * 0.4;
  return {
    enabled: true, formatter: (v: number) => percentLabel(v), textAnchor: outside ? "start" : "end",
    offsetX: outside ? sizes.label / 3 : -sizes.label / 3,
    style: { fontSize: px(sizes.label), fontWeight: 700, colors: [outside ? "#e8eef8" : "#0b1220"] },
  };
}

class RankingColumn {
  readonly chart: ApexCharts;
  private codes: string[];
  private half: RankingHalf;
  private max: number;

  constructor(readonly element: HTMLElement, half: RankingHalf, max: number, common: object, private sizes: TypeSizes) {
    this.codes = half.codes;
    this.half = half;
    this.max = max;
    this.chart = new ApexCharts(element, {
      ...common,
      chart: { ...(common as { chart: object }).chart, type: "bar", height: element.clientHeight,
        events: { dataPointSelection: (_e: unknown, _c: unknown, options: { dataPointIndex: number }) => {
          const code = this.codes[options.dataPointIndex];
          if (code) {
            window.location.href = `/wall/provinces/${encodeURIComponent(code)}`;
          }
        } } },
      series: [{ name: "Tỷ lệ việc", data: half.caseRate }],
      plotOptions: { bar: { horizontal: true, distributed: true, barHeight: "74%", dataLabels: { position: "top" } } },
      colors: half.colors,
      legend: { show: false },
      grid: { borderColor: "#22314d", padding: { top: 0, right: sizes.tick, bottom: 0, left: 0 } },
      dataLabels: rankingLabels(half, max, sizes),
      // Two ticks (0, 50, 100 %): the column is narrow beside the province map, and five would run into each other.
      xaxis: { categories: half.names, min: 0, max, tickAmount: 2,
        labels: { formatter: (v: string) => percentTick(Number(v)), style: { fontSize: px(sizes.tick) } } },
      yaxis: { labels: { style: { fontSize: px(sizes.label) }, maxWidth: sizes.label * 9 } },
      tooltip: { y: { formatter: percentLabel } },
    });
    void this.chart.render();
  }

  update(half: RankingHalf, max: number): void {
    this.codes = half.codes;
    this.half = half;
    this.max = max;
    void this.chart.updateOptions({ colors: half.colors, xaxis: { categories: half.names, max },
      dataLabels: rankingLabels(half, max, this.sizes) }, false, false);
    void this.chart.updateSeries([{ name: "Tỷ lệ việc", data: half.caseRate }], true);
  }

  resize(sizes: TypeSizes): void {
    this.sizes = sizes;
    void this.chart.updateOptions({
      chart: { height: this.element.clientHeight },
      grid: { padding: { top: 0, right: sizes.tick, bottom: 0, left: 0 } },
      dataLabels: rankingLabels(this.half, this.max, sizes),
      xaxis: { labels: { style: { fontSize: px(sizes.tick) } } },
      yaxis: { labels: { style: { fontSize: px(sizes.label) }, maxWidth: sizes.label * 9 } },
    }, true, false);
  }
}

export class WallChartSet {
  private trend: ApexCharts | null = null;
  private trendElement: HTMLElement | null = null;
  private ranking: RankingColumn[] = [];
  private resizeTimer = 0;
  private drawnAt = "";
  private trendLabels: string[] = [];

  constructor(initial: WallCharts | null) {
    if (initial) {
      this.create(initial);
    }
    // A screen's window changes size (a browser restored, a TV's resolution switched) or the panels
    // around a chart do (a longer ticker): the chart takes its box's height and the type follows the window.
    const observer = new ResizeObserver(() => {
      window.clearTimeout(this.resizeTimer);
      this.resizeTimer = window.setTimeout(() => this.resize(), 200);
    });
    for (const id of ["chart-trend", "chart-ranking-top", "chart-ranking-bottom"]) {
      const element = document.getElementById(id);
      if (element) {
        observer.observe(element);
      }
    }
  }

  // What the charts were drawn for: the window's height and their boxes' heights.
  private static layout(): string {
    return [window.innerHeight, ...["chart-trend", "chart-ranking-top", "chart-ranking-bottom"]
      .map(id => document.getElementById(id)?.clientHeight ?? 0)].join(",");
  }

  private create(data: WallCharts): void {
    this.drawnAt = WallChartSet.layout();
    const sizes = typeSizes();
    const common = {
      chart: { background: "transparent", foreColor: "#c9d5ea", fontFamily: "Be Vietnam Pro, DejaVu Sans, Segoe UI, sans-serif", toolbar: { show: false },
        // Gentle on a TV: no zooming, short transitions, nothing that grows.
        animations: { enabled: true, speed: 400, animateGradually: { enabled: false }, dynamicAnimation: { enabled: true, speed: 400 } },
        zoom: { enabled: false }, redrawOnWindowResize: false, redrawOnParentResize: false },
      theme: { mode: "dark" as const },
      grid: { borderColor: "#22314d" },
    };
    this.trendElement = document.getElementById("chart-trend");
    this.trendLabels = data.trend.labels;
    if (this.trendElement) {
      this.trend = new ApexCharts(this.trendElement, {
        ...common,
        chart: { ...common.chart, type: "line", height: this.trendElement.clientHeight },
        series: trendSeries(data.trend),
        colors: ["#5cc8ff", "#5cc8ff", "#8d99ae", "#ffd166", "#ffd166", "#8d99ae"],
        stroke: { width: [4, 2, 2, 4, 2, 2], dashArray: [0, 8, 3, 0, 8, 3], curve: "straight" },
        xaxis: trendXAxis(data.trend.labels, sizes),
        yaxis: { min: 0, forceNiceScale: true, tickAmount: 5, labels: { formatter: percentTick, style: { fontSize: px(sizes.tick) } } },
        legend: trendLegend(sizes),
        tooltip: { y: { formatter: percentLabel } },
        markers: { size: 0 },
      });
      void this.trend.render();
    }
    const top = document.getElementById("chart-ranking-top");
    const bottom = document.getElementById("chart-ranking-bottom");
    if (top && bottom) {
      const [first, second] = halves(data.ranking);
      const max = rankingMax(data.ranking);
      this.ranking = [new RankingColumn(top, first, max, common, sizes), new RankingColumn(bottom, second, max, common, sizes)];
    }
  }

  update(data: WallCharts): void {
    if (!this.trend && this.ranking.length === 0) {
      this.create(data);
      return;
    }
    if (this.trend) {
      this.trendLabels = data.trend.labels;
      void this.trend.updateOptions({ xaxis: trendXAxis(data.trend.labels, typeSizes()) }, false, false);
      void this.trend.updateSeries(trendSeries(data.trend), true);
    }
    const parts = halves(data.ranking);
    const max = rankingMax(data.ranking);
    this.ranking.forEach((column, i) => column.update(parts[i], max));
  }

  private resize(): void {
    const layout = WallChartSet.layout();
    if (layout === this.drawnAt) {
      return;
    }
    this.drawnAt = layout;
    const sizes = typeSizes();
    if (this.trend && this.trendElement) {
      void this.trend.updateOptions({
        chart: { height: this.trendElement.clientHeight },
        // The whole axis each time: a partial one loses the month formatter in ApexCharts' merge.
        xaxis: trendXAxis(this.trendLabels, sizes),
        yaxis: { min: 0, forceNiceScale: true, tickAmount: 5, labels: { formatter: percentTick, style: { fontSize: px(sizes.tick) } } },
        legend: trendLegend(sizes),
      }, true, false);
    }
    this.ranking.forEach(column => column.resize(sizes));
  }
}

// One tick label every other month (T10, T12, T2, ...): the days' labels are "dd/MM".
function trendXAxis(labels: string[], sizes: TypeSizes) {
  return { categories: labels, tickAmount: undefined, axisTicks: { show: false },
    labels: { rotate: 0, hideOverlappingLabels: false, formatter: monthTick, style: { fontSize: px(sizes.tick) } } };
}

function monthTick(label: string): string {
  const [day, month] = (label ?? "").split("/");
  return day === "01" && Number(month) % 2 === 0 ? `T${Number(month)}` : "";
}

function trendLegend(sizes: TypeSizes) {
  return { position: "bottom" as const, fontSize: px(sizes.label), markers: { size: Math.round(sizes.label / 3) },
    itemMargin: { horizontal: Math.round(sizes.label / 2), vertical: 0 } };
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
