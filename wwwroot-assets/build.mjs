// Bundles src/*.ts into the web project's wwwroot/js (one file per screen module).
import { build } from "esbuild";

await build({
  entryPoints: ["src/wall.ts"],
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  sourcemap: false,
  outdir: "../src/MonitoringCenter.Web/wwwroot/js",
  logLevel: "info",
});
