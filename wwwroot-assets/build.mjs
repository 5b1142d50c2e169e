// Bundles src/wall.ts into the web project's wwwroot/js: wall.js (the page's module: fragments,
// connection, clock) and, split off by its dynamic import(), the charts' chunk (ApexCharts), which
// only a page with a chart container loads. Minified; the folder is emptied first so that no stale
// chunk is served (it holds nothing else: it is build output, not in git).
import { rmSync } from "node:fs";
import { build } from "esbuild";

const outdir = "../src/MonitoringCenter.Web/wwwroot/js";
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ["src/wall.ts"],
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2020",
  minify: true,
  // No helper shared by wall.js and the charts, which esbuild would put in a third chunk that
  // wall.js must fetch before it runs: @microsoft/signalr reaches for require() only under Node (in a
  // browser it is undefined anyway), and class fields are kept as written (every browser since 2020).
  define: { require: "undefined" },
  supported: { "class-field": true },
  sourcemap: false,
  chunkNames: "[name]-[hash]",
  outdir,
  logLevel: "info",
});
