// End-to-end accessibility: axe-core in headless Chromium on one page of every page type of a
// built site and on the HTML twins of two briefs, at desktop and phone widths, opened from disk
// (file://) as a reader of a downloaded site would. Fails on any WCAG 2.0/2.1/2.2 A or AA violation.
// Usage: node tests/e2e/a11y.mjs SITE_DIR
//        node tests/e2e/a11y.mjs --build /path/to/sprout [TOOLKIT_DIR]   (builds the toolkit first;
//        TOOLKIT_DIR defaults to this repository)
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
let site, scratch;
if (args[0] === "--build") {
  scratch = mkdtempSync(join(tmpdir(), "sprout-a11y-"));
  site = join(scratch, "site");
  execFileSync(args[1], ["build", "--quiet", "--source", args[2] ?? repo, "--out", site], { stdio: "inherit" });
} else if (args[0]) {
  site = resolve(args[0]);
} else {
  console.error("usage: a11y.mjs SITE_DIR | --build SPROUT [TOOLKIT_DIR]");
  process.exit(2);
}

// The first record page (by name) of a section, so each record page type is covered; the
// section's other list pages ("by-actor.html", "crosswalk.html") are named in the list below.
const firstIn = (dir) => {
  const full = join(site, dir);
  if (!existsSync(full)) return null;
  const lists = new Set(["index.html", "crosswalk.html"]);
  const page = readdirSync(full).filter((f) => f.endsWith(".html") && !lists.has(f) && !f.startsWith("by-")).sort()[0];
  return page ? `${dir}/${page}` : null;
};
// A statistic with a chart, if there is one, as charts are their own kind of content.
const chartPage = () => {
  const dir = join(site, "statistics");
  const withChart = readdirSync(dir).sort().find((f) => f.endsWith(".html") && f !== "index.html" &&
    readFileSync(join(dir, f), "utf8").includes("chart__svg"));
  return withChart ? `statistics/${withChart}` : null;
};

// A free page with a task list (checkboxes), when there is one.
const checklistPage = () => {
  const dir = join(site, "pages");
  if (!existsSync(dir)) return null;
  const found = readdirSync(dir).sort().find((f) => f.endsWith(".html") && f !== "index.html" &&
    readFileSync(join(dir, f), "utf8").includes('type="checkbox"'));
  return found ? `pages/${found}` : null;
};

// The HTML twins of briefs: the first nation × audience brief and the first area brief (by
// name), told apart by the area line on their cover.
const briefs = () => {
  const dir = join(site, "briefs");
  if (!existsSync(dir)) return [];
  const twins = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
  const isArea = (f) => readFileSync(join(dir, f), "utf8").includes("<dt>Area</dt>");
  return [twins.find((f) => !isArea(f)), twins.find(isArea)].filter(Boolean).map((f) => `briefs/${f}`);
};

const interventions = readdirSync(join(site, "interventions")).filter((f) => f !== "index.html").sort().slice(0, 2).map((f) => f.replace(/\.html$/, ""));
const pages = [
  "index.html", "404.html", "about.html", "search.html", "search.html?q=parent", "compare.html",
  `compare.html?i=${interventions.join("&i=")}`, "interventions/index.html", firstIn("interventions"),
  "evidence/index.html", firstIn("evidence"), "evidence/crosswalk.html", "recommendations/index.html", "recommendations/by-actor.html",
  "recommendations/by-nation.html", firstIn("recommendations"), "examples/index.html", "examples/by-area.html",
  firstIn("examples"), "nations/index.html", firstIn("nations"), "audiences/index.html", firstIn("audiences"),
  firstIn("areas"), "services/index.html", "statistics/index.html", "statistics/by-nation.html", firstIn("statistics"),
  chartPage(), "sources/index.html", firstIn("sources"), "pages/index.html", firstIn("pages"), checklistPage(), "glossary/index.html",
  "data/index.html", existsSync(join(site, "changes", "index.html")) ? "changes/index.html" : null, ...briefs(),
].filter(Boolean);

// axe-core itself, run in the page: @axe-core/playwright's AxeBuilder runs each frame apart and
// merges the results in a second, blank page, which took 2 s on the smallest page and 11 s on
// the compare table here (0.8 and 3.6 s this way). The pages have no frames (checked below), so
// nothing is lost.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const axeOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
  // axe would fetch the stylesheets again by XHR, which file:// pages may not do.
  preload: false,
  resultTypes: ["violations"],
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
// Both widths at once, each in its own browser context: axe takes seconds on the long list
// pages, and one page at a time left a core idle for most of CI's ten minutes on this test.
const checkAt = async (width) => {
  const lines = [];
  let ok = 0, bad = 0;
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  // One tab going from page to page, as a reader would: a new tab for each page cost a second
  // to open and another to compile axe again, more than axe's own run on most pages.
  const page = await context.newPage();
  let errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  for (const path of pages) {
    const started = Date.now();
    errors = [];
    const [file, query] = path.split("?");
    await page.goto(pathToFileURL(join(site, file)).href + (query ? `?${query}` : ""));
    await page.waitForLoadState("load");
    await page.evaluate(axeSource);
    const frames = await page.evaluate(() => document.querySelectorAll("iframe, frame, object, embed").length);
    const results = await page.evaluate((options) => window.axe.run(document, options), axeOptions);
    const problems = results.violations.map((v) =>
      `  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 3).map((n) => `      ${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1, 2).join(" ")}`).join("\n"));
    if (errors.length) problems.push(...errors.map((e) => `  script error: ${e}`));
    if (frames) problems.push(`  ${frames} frame(s) or embedded object(s): this test checks only the top document`);
    const took = `(${((Date.now() - started) / 1000).toFixed(1)} s)`;
    if (problems.length) {
      bad++;
      lines.push(`FAIL ${path} at ${width}px ${took}\n${problems.join("\n")}`);
    } else {
      ok++;
      lines.push(`ok   ${path} at ${width}px ${took}`);
    }
  }
  await context.close();
  return { lines, ok, bad };
};
let passed = 0, failed = 0;
// Reported width by width, in page order, whichever finished first.
for (const r of await Promise.all([1280, 390].map(checkAt))) {
  for (const line of r.lines) console.log(line);
  passed += r.ok;
  failed += r.bad;
}
await browser.close();
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
