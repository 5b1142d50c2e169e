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

export class WallChartSet {
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
