import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, testChromium } from "../../../test/support/chromium.ts";
import { analyzeFolder } from "./analyze-folder.ts";
import { writeSyntheticExperiment } from "./testing.ts";

const CHROMIUM = testChromium().path;
const PLOTS = ["price-by-tier", "pairing-matrix", "same-item", "efficiency", "surplus-shares"];

describe.skipIf(!CHROMIUM)("report.html in headless Chromium", () => {
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    const dir = await writeSyntheticExperiment({ hostileTitles: true });
    report = (
      await analyzeFolder(dir, {
        bootstrap: 100,
        permutations: 100,
        // The example deals' words, as hostile as any agent's: they must show as text.
        loadTranscript: async (_dir, arm, dealId) => ({
          seller: "Sam <img src=x onerror=alert(1)>",
          buyer: "Bea",
          messages: [
            {
              side: "buyer",
              name: "Bea",
              text: `Hi! ${arm} ${dealId}: would you take less? <script>alert(2)</script>`,
            },
            { side: "seller", name: "Sam <img src=x onerror=alert(1)>", text: "No \u202eless\u202c, sorry." },
            ...Array.from({ length: 20 }, (_, i) => ({
              side: (i % 2 ? "seller" : "buyer") as "seller" | "buyer",
              name: i % 2 ? "Sam" : "Bea",
              text: `round ${i + 1}`,
            })),
          ],
        }),
      })
    ).report;
    browser = await launchChromium(CHROMIUM!);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every plot with marks, loads nothing from outside and runs no script", async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const failed: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("requestfailed", (request) => failed.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    // A blocked load (the report's Content-Security-Policy refuses outside hosts) shows as a console error.
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
    expect(await page.title()).toContain("synthetic experiment");
    for (const id of PLOTS) {
      const figure = page.locator(`figure[data-plot="${id}"]`);
      expect(await figure.count(), `plot ${id}`).toBe(1);
      const svg = figure.locator("svg").first();
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, `plot ${id} width`).toBeGreaterThan(50);
      expect(box?.height ?? 0, `plot ${id} height`).toBeGreaterThan(50);
      const marks = await figure
        .locator("svg .mark-rect path, svg .mark-symbol path, svg .mark-rule line, svg .mark-text text")
        .count();
      expect(marks, `marks in plot ${id}`).toBeGreaterThan(0);
    }
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    const text = (await page.locator("ul.findings").textContent()) ?? "";
    expect(text).toMatch(/Strong sellers got/);
    expect(text).toMatch(/95% CI/);
    await page.close();
  });

  it("lists the headline findings in a line each, each linking to its section, where the full text is", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
    const items = page.locator("ul.findings li");
    expect(await items.count()).toBeGreaterThan(3);
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      const target = (await item.locator("a").getAttribute("href"))!;
      expect(target).toMatch(/^#[a-z-]+$/);
      expect(await page.locator(target).count(), target).toBe(1);
      expect(((await item.textContent()) ?? "").length).toBeLessThan(220);
    }
    // The method and the full sentences are in the sections, not repeated in the box.
    const box = (await page.locator("ul.findings").textContent()) ?? "";
    expect(box).not.toContain("Estimated with item fixed effects");
    expect(box).not.toContain("permutation p");
    expect(await page.locator("#tiers ~ p").first().textContent()).toMatch(/permutation p/);
    await page.close();
  });

  it("sets Project Deal's figures beside ours in a table, and two deals of the same item side by side", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
    const header = await page.locator("table.project-deal th").allTextContents();
    expect(header).toEqual(["effect", "Project Deal (published)", "here", "95% CI", "agrees?"]);
    const rows = page.locator("table.project-deal tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await rows.first().textContent()).toContain("$2.68 more per item");

    const columns = page.locator(".examples .example");
    expect(await columns.count()).toBe(2);
    const [left, right] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
    // Side by side: the same row, the weak seller's to the right of the strong seller's.
    expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(await columns.nth(0).locator("h3").textContent()).toMatch(/^Strong seller: sold for \$/);
    expect(await columns.nth(1).locator("h3").textContent()).toMatch(/^Weak seller: sold for \$/);
    // A long negotiation shows its opening and its close; agent words are text, never markup.
    expect(await columns.nth(0).locator("li.skipped").textContent()).toMatch(/more messages/);
    expect(await page.locator(".examples img, .examples script").count()).toBe(0);
    expect(await columns.nth(0).textContent()).toContain("<script>alert(2)</script>");
    expect(await columns.nth(0).textContent()).toContain("\\u202e");
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("references nothing outside the file", async () => {
    const html = await readFile(report, "utf8");
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|<script|<link/i);
  });
});
