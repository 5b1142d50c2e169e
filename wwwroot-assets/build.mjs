// Bundles src/wall.ts into the web project's wwwroot/js: wall.js (the page's module: fragments,
// connection, clock) and, split off by its dynamic import(), the charts' chunk (ApexCharts), which
// only a page with a chart container loads. Minified; the folder is emptied first so that no stale
// chunk is served (it holds nothing else: it is build output, not in git).
// Also copies the wall font (Be Vietnam Pro, the latin and vietnamese subsets of the weights app.css
// uses) from its npm package into wwwroot/fonts, so that the app serves it itself: no outside CDN.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

const fontdir = "../src/MonitoringCenter.Web/wwwroot/fonts";
rmSync(fontdir, { recursive: true, force: true });
mkdirSync(fontdir, { recursive: true });
for (const subset of ["latin", "vietnamese"]) {
  for (const weight of [400, 600, 700, 800]) {
    const file = `be-vietnam-pro-${subset}-${weight}-normal.woff2`;
    copyFileSync(`node_modules/@fontsource/be-vietnam-pro/files/${file}`, `${fontdir}/${file}`);
  }
}
// The SIL Open Font License asks that the license travel with the font.
copyFileSync("node_modules/@fontsource/be-vietnam-pro/LICENSE", `${fontdir}/LICENSE.txt`);

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
