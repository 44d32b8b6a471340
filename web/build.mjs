// Bundles the app into dist/: app.js (esbuild, with the SDK inlined), app.css, index.html and
// config.json. Usage: node build.mjs [--watch]
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "src");
const dist = join(here, "dist");
const watch = process.argv.includes("--watch");

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
for (const file of ["index.html", "config.json"]) await copyFile(join(src, file), join(dist, file));

const options = {
  // Both entries are named "app": esbuild writes app.js and app.css.
  entryPoints: [
    { in: join(src, "main.ts"), out: "app" },
    { in: join(src, "style.css"), out: "app" },
  ],
  outdir: dist,
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: !watch,
  sourcemap: true,
  legalComments: "none",
  logLevel: "info",
};
if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
