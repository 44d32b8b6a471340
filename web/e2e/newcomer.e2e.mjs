// The newcomer's first look: the browser app as `easychat serve` itself serves it (the bridge
// port's `/`, from web/dist) loads in headless Chromium and shows the log-in form. Run by
// scripts/check-docs.py against the server it started the way `make run` does; a screenshot goes
// to e2e/output/newcomer.png. Exits non-zero when the form is not there.
//
// Environment: EASYCHAT_WEB_URL (the bridge port, e.g. http://127.0.0.1:10090, required),
// EASYCHAT_URL (the gRPC port, passed to the app as ?server= when the ports are not the defaults),
// CHROMIUM (default /usr/bin/chromium).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, "output");
const webUrl = process.env.EASYCHAT_WEB_URL;
const serverUrl = process.env.EASYCHAT_URL;
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!webUrl) {
  console.error("EASYCHAT_WEB_URL is not set: point it at the server's WebSocket/web port");
  process.exit(2);
}
const pageUrl = serverUrl ? `${webUrl}/?server=${encodeURIComponent(serverUrl)}` : `${webUrl}/`;

// The same launch as chat.e2e.mjs: the system Chromium over CDP (playwright-core downloads nothing).
const profile = await mkdtemp(join(tmpdir(), "easychat-newcomer-"));
const child = spawn(
  chromiumPath,
  ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"],
  { stdio: ["ignore", "ignore", "pipe"], detached: true },
);
let failed = false;
try {
  const endpoint = await new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${log}`)), 30_000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const match = log.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`Chromium exited (${code}):\n${log}`)));
  });
  child.stderr.resume();
  const browser = await chromium.connectOverCDP(endpoint);
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const response = await page.goto(pageUrl);
  if (!response?.ok()) throw new Error(`GET ${pageUrl} answered ${response?.status()}: is web/dist built?`);
  // The log-in form: phone, password and the submit button, visible.
  for (const selector of ["#auth-form", "#auth-phone", "#auth-password", "#auth-submit"]) {
    await page.locator(selector).waitFor({ state: "visible", timeout: 15_000 });
  }
  const label = (await page.locator("#auth-submit").textContent())?.trim();
  if (label !== "Log in") throw new Error(`the submit button says ${JSON.stringify(label)}, not "Log in"`);
  await mkdir(output, { recursive: true });
  await page.screenshot({ path: join(output, "newcomer.png") });
  console.log(`newcomer: ${pageUrl} shows the log-in form (screenshot: ${join(output, "newcomer.png")})`);
  await browser.close();
} catch (err) {
  failed = true;
  console.error(`newcomer: FAILED: ${err?.stack ?? err}`);
} finally {
  // Its process group (the browser and helpers); the profile is removed once they are gone,
  // or they would still be writing into it.
  const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
}
process.exit(failed ? 1 : 0);
