// End-to-end: `sprout serve` reloads an open page after a save, shows an error overlay for a
// broken record, and clears it when the record is fixed.
// Usage: node tests/e2e/serve.mjs /path/to/sprout
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const sprout = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), "sprout-serve-e2e-"));
execFileSync(sprout, ["init", join(dir, "tk")]);
const tk = join(dir, "tk");
const siteToml = join(tk, "content/site.toml");

const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});

const server = spawn(sprout, ["serve", "--port", String(port)], { cwd: tk, stdio: ["ignore", "ignore", "pipe"] });
let log = "";
server.stderr.on("data", (d) => { log += d; });
const fail = (msg) => { console.error("FAIL:", msg, "\n--- server log ---\n" + log); cleanup(); process.exit(1); };
const cleanup = () => { server.kill("SIGINT"); rmSync(dir, { recursive: true, force: true }); };

for (let i = 0; i < 100 && !log.includes("serving"); i++) await new Promise((r) => setTimeout(r, 100));
if (!log.includes("serving")) fail("server did not start");

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.title.length > 0);
  const original = readFileSync(siteToml, "utf8");

  // 1. An edit reloads the page by itself.
  const t0 = Date.now();
  writeFileSync(siteToml, original.replace(/^title = ".*"$/m, 'title = "Edited live title"'));
  await page.waitForFunction(() => document.body.innerText.includes("Edited live title"), null, { timeout: 10000 })
    .catch(() => fail("page did not reload after an edit"));
  console.log(`edit → reloaded page: ${Date.now() - t0} ms`);

  // 2. A broken record shows the overlay naming file, line and field; the last good page stays.
  writeFileSync(join(tk, "content/actors/libraries.toml"), 'name = "Libraries"\nsumary = "typo"\n');
  await page.waitForSelector("#sprout-error-overlay", { timeout: 10000 }).catch(() => fail("no error overlay"));
  const text = await page.textContent("#sprout-error-text");
  if (!text.includes("content/actors/libraries.toml:2:1") || !text.includes("sumary") || !text.includes("did you mean 'summary'"))
    fail("overlay does not name file, line and field: " + text);
  if (!(await page.evaluate(() => document.body.innerText.includes("Edited live title")))) fail("last good page was replaced");

  // 3. Fixing it clears the overlay.
  writeFileSync(join(tk, "content/actors/libraries.toml"), 'name = "Libraries"\nsummary = "Fixed"\n');
  await page.waitForFunction(() => !document.getElementById("sprout-error-overlay"), null, { timeout: 10000 })
    .catch(() => fail("overlay did not clear after the fix"));
  // A change the briefs show: the site reloads first, then brief pages once their briefs are
  // written again (build::write_pending); other pages reload only once.
  const record = join(tk, "content/interventions/shared-reading.toml");
  const briefPage = await browser.newPage();
  await briefPage.goto(`http://127.0.0.1:${port}/briefs/example-nation-library-leaders.html`);
  await page.goto(`http://127.0.0.1:${port}/interventions/shared-reading.html`);
  let loads = 0;
  page.on("load", () => { loads++; });
  writeFileSync(record, readFileSync(record, "utf8").replace(/^name = ".*"$/m, 'name = "Shared reading, renamed live"'));
  await page.waitForFunction(() => document.body.innerText.includes("renamed live"), null, { timeout: 10000 })
    .catch(() => fail("the intervention's page did not reload after an edit"));
  await briefPage.waitForFunction(() => document.body.innerText.includes("renamed live"), null, { timeout: 20000 })
    .catch(() => fail("the brief page did not reload with the brief written again"));
  await new Promise((r) => setTimeout(r, 500));
  if (loads !== 1) fail(`the intervention's page reloaded ${loads} times for one save`);
  console.log("serve e2e: reload, error overlay and recovery all work; briefs follow the site");
} finally {
  await browser.close();
  cleanup();
}
