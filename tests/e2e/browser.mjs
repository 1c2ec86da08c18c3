// The editors' page in headless Chromium: paste a corpus article, check it,
// and compare the highlights and the list with the server's findings; then
// explain one, apply the safe fixes, and keep a screenshot.
//
// node browser.mjs BASE_URL ARTICLE SCREENSHOT
import { readFileSync, mkdirSync, rmSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";

const [base, articlePath, screenshot] = process.argv.slice(2);
const article = readFileSync(articlePath, "utf8");
let passed = 0;
let failed = 0;

function expect(what, ok, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok: ${what}`);
  } else {
    failed++;
    console.log(`FAILED: ${what} ${detail}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), "mtlint-chromium-"));
// A fresh profile each run: nothing left over from another run or user.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1400, height: 1000 },
});
try {
  const page = await context.newPage();
  const elsewhere = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) elsewhere.push(r.url());
  });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));

  await page.goto(base);
  // What the server finds in the article, to compare the page with.
  const expected = await (await fetch(`${base}/api/check`, {
    method: "POST",
    body: JSON.stringify({ text: article }),
  })).json();
  expect("the server finds defects in the article", expected.findings.length > 0);

  await page.fill("#text", article);
  await page.click("#check");
  await page.waitForSelector("#findings li");
  const items = await page.locator("#findings li").allTextContents();
  expect("the list shows every finding", items.length === expected.findings.length,
    `${items.length} listed, ${expected.findings.length} expected`);
  for (const f of expected.findings) {
    expect(`listed: ${f.rule} on line ${f.line}`, items.some((t) => t.includes(f.message) && t.includes(f.rule)));
  }
  const marked = await page.$$eval("mark", (ms) => [...new Set(ms.map((m) => Number(m.dataset.finding)))]);
  const spanned = expected.findings.filter((f) => f.end > f.start).length;
  expect("a highlight for every finding with a span", marked.length >= spanned,
    `${marked.length} highlighted, ${spanned} expected`);
  const highlighted = await page.$$eval("mark", (ms) => ms.map((m) => m.textContent));
  for (const f of expected.findings.filter((f) => f.rule === "doubled-word")) {
    const words = article.slice(f.start_utf16, f.end_utf16);
    expect(`the doubled words “${words}” are highlighted`, highlighted.includes(words));
  }

  await page.locator("#findings li", { hasText: "doubled word" }).first().click();
  const explanation = await page.textContent("#detail-explanation");
  expect("clicking a finding shows its explanation", explanation.includes("Bad:") && explanation.includes("doubled-word"));
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });

  await page.click("#fix-all");
  await page.waitForFunction((n) => document.querySelectorAll("#findings li").length < n, expected.findings.length);
  const fixed = await page.inputValue("#text");
  const fixable = expected.findings.filter((f) => f.fixable && f.rule === "doubled-word");
  for (const f of fixable) {
    const words = article.slice(f.start_utf16, f.end_utf16);
    expect(`the safe fixes removed “${words}”`, !fixed.includes(words));
  }
  expect("no request left the server", elsewhere.length === 0, elsewhere.join(" "));
  expect("no script error", problems.length === 0, problems.join(" | "));
} catch (error) {
  expect("the page test ran to its end", false, error.stack);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
