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
    report = (await analyzeFolder(dir, { bootstrap: 100, permutations: 100 })).report;
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

  it("references nothing outside the file", async () => {
    const html = await readFile(report, "utf8");
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|<script|<link/i);
  });
});
