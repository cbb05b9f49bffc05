// Preview-server benchmark: how long from saving a record to the rebuilt site, and to the open
// page showing the change, in a synthetic toolkit (bench/gen-toolkit).
//
//   node bench/serve/bench-serve.mjs SPROUT TOOLKIT [RUNS]
//
// TOOLKIT is a folder made by `bench/gen-toolkit N DIR` (its sprout/ part). Each run edits one
// intervention's description and measures
//   - save → rebuilt: until the page's file in the site holds the edit (polled every 2 ms),
//   - save → reloaded page: until Chromium (driven by playwright-core) shows the edit,
//   - the server's own figure ("rebuilt in N ms" on stderr).
// Prints medians as JSON on the last line.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const [sprout, toolkit, runsArg] = process.argv.slice(2);
if (!sprout || !toolkit) {
  console.error("usage: node bench/serve/bench-serve.mjs SPROUT TOOLKIT [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg || 5);
const id = "synthetic-intervention-000042";
const record = join(toolkit, "content/interventions", id + ".toml");
const site = join(toolkit, "site");
const pageFile = join(site, "interventions", id + ".html");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const server = spawn(sprout, ["serve", "--source", toolkit, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
let log = "";
server.stderr.on("data", (d) => { log += d; });
const stop = () => server.kill("SIGINT");

const original = readFileSync(record, "utf8");
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const result = { rebuilt_ms: [], reloaded_ms: [], server_ms: [] };
try {
  for (let i = 0; i < 9000 && !log.includes("serving"); i++) await sleep(100);  // a first build of a large toolkit
  if (!log.includes("serving")) throw new Error("server did not start:\n" + log);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/interventions/${id}.html`);
  for (let k = 1; k <= runs; k++) {
    const marker = `benchmark edit ${Date.now()}-${k}`;
    const before = log.length;
    const t0 = performance.now();
    writeFileSync(record, original.replace(/\*Synthetic record (\d+)[^*]*\*/, `*Synthetic record $1 (${marker})*`));
    // Rebuilt: the page's file holds the edit (the site folder is swapped in whole).
    for (;;) {
      if (existsSync(pageFile) && readFileSync(pageFile, "utf8").includes(marker)) break;
      if (performance.now() - t0 > 600000) throw new Error("site not rebuilt:\n" + log.slice(before));
      await sleep(2);
    }
    result.rebuilt_ms.push(performance.now() - t0);
    await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 600000, polling: 5 });
    result.reloaded_ms.push(performance.now() - t0);
    for (let i = 0; i < 100 && !/rebuilt in \d+ ms/.test(log.slice(before)); i++) await sleep(20);
    const m = /rebuilt in (\d+) ms/.exec(log.slice(before));
    if (m) result.server_ms.push(Number(m[1]));
    await sleep(300);  // let the watcher settle before the next save
  }
} finally {
  writeFileSync(record, original);
  await browser.close();
  stop();
}
const out = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.length ? Math.round(median(v)) : null]));
out.runs = runs;
console.log(JSON.stringify(out));
