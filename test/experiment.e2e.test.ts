import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { launchChromium, testChromium } from "./support/chromium.ts";
import { haggle } from "./support/haggle-cli.ts";

const CHROMIUM = testChromium().path;
const root = mkdtempSync(join(tmpdir(), "haggle-experiment-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("haggle experiment run experiments/project-deal.yaml, small", () => {
  it("runs four arms, analyses them and writes a report that renders its plots in Chromium", async () => {
    const out = join(root, "project-deal");
    const result = await haggle([
      "experiment",
      "run",
      "experiments/project-deal.yaml",
      "--participants",
      "24",
      "--out",
      out,
      "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.arms.map((arm: { id: string }) => arm.id)).toEqual([
      "A-all-strong",
      "B-all-strong",
      "C-mixed",
      "D-mixed",
    ]);
    const experiment = JSON.parse(readFileSync(join(out, "experiment.json"), "utf8"));
    expect(experiment.participants).toHaveLength(24);
    // Every arm ran on the same people and items; the assignment is recorded with each run.
    for (const arm of experiment.arms) {
      const run = JSON.parse(readFileSync(join(out, arm.dir, "run.json"), "utf8"));
      expect(run.participants).toEqual(experiment.participants);
      expect(Object.keys(run.assignment)).toHaveLength(24);
    }
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.arms).toHaveLength(4);

    // The run and its analysis are tested on any machine; the rendering only where there is a Chromium.
    if (!CHROMIUM) return;
    const browser = await launchChromium(CHROMIUM);
    try {
      const page = await browser.newPage();
      const outside: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) outside.push(request.url());
      });
      await page.goto(pathToFileURL(join(out, "report.html")).href, { waitUntil: "load" });
      const plots = page.locator("figure[data-plot]");
      expect(await plots.count()).toBeGreaterThanOrEqual(5);
      for (let i = 0; i < (await plots.count()); i++) {
        const figure = plots.nth(i);
        const marks = await figure.locator("svg path, svg line, svg rect, svg text").count();
        expect(marks, `marks in plot ${await figure.getAttribute("data-plot")}`).toBeGreaterThan(0);
      }
      expect(await page.locator("ul.findings li").count()).toBeGreaterThan(3);
      // Two deals of the same item, read from the arms' logs, side by side.
      expect(await page.locator(".examples .example").count()).toBe(2);
      expect(await page.locator(".examples .transcript li").count()).toBeGreaterThan(2);
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
