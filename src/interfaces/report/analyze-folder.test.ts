import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDealsFile } from "../../analysis/deals-file.ts";
import { AnalysisInputError } from "../../analysis/errors.ts";
import { parseSurveyCsv, writeSurvey } from "../../analysis/survey.ts";
import { analyzeFolder } from "./analyze-folder.ts";
import { writeSyntheticExperiment } from "./testing.ts";

describe("analyzeFolder", () => {
  it("writes report.html, results.json and the tables into the experiment folder", async () => {
    const dir = await writeSyntheticExperiment({ hostileTitles: true });
    const outcome = await analyzeFolder(dir, { bootstrap: 200, permutations: 200 });
    expect(outcome.outDir).toBe(dir);
    const html = await readFile(join(dir, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/<img|<link|src="http/);
    expect(html).toMatch(
      /Strong sellers got \d+\.\d% (more|less) for the same items than weak sellers \(95% CI/,
    );
    // The same people drawn into both tiers in different arms are compared with themselves too.
    expect(html).toMatch(/The same people, compared with themselves \(\d+ were strong/);
    const results = JSON.parse(await readFile(join(dir, "results.json"), "utf8"));
    expect(results.dealRates[0].withinPerson.people).toBeGreaterThan(5);
    expect(results.tierEffects.contrasts.length).toBe(2);
    expect(results.findings.length).toBeGreaterThan(5);
    for (const name of [
      "arms",
      "tier-effects",
      "price-matrix",
      "same-item",
      "efficiency",
      "surplus-shares",
      "deals",
    ]) {
      expect(existsSync(join(dir, "tables", `${name}.csv`))).toBe(true);
    }
    // deals.csv is in the deals-file format: it analyses again.
    const again = await readDealsFile(join(dir, "tables", "deals.csv"));
    expect(again.deals.length).toBe(outcome.results.meta.deals);
  });

  it("adds the perception gap when survey.json exists", async () => {
    const dir = await writeSyntheticExperiment();
    const first = await analyzeFolder(dir, { bootstrap: 50, permutations: 50 });
    const shares = first.results.surplusShares.shares.filter((s) => s.dealId).slice(0, 40);
    const csv = [
      "arm,deal_id,participant,fairness,satisfaction,would_pay",
      ...shares.map(
        (s, i) =>
          `${s.arm},${s.dealId},${s.participant},${1 + (i % 7)},${1 + ((i * 3) % 7)},${i % 2 ? "yes" : "no"}`,
      ),
    ].join("\n");
    const responses = parseSurveyCsv(csv, "survey.csv");
    await writeSurvey(dir, {
      version: 1,
      source: "survey.csv",
      importedAt: "2026-01-01T00:00:00Z",
      responses,
    });
    const outcome = await analyzeFolder(dir, { bootstrap: 50, permutations: 50 });
    expect(outcome.results.perception?.responses).toBe(40);
    expect(outcome.results.perception?.unmatched).toBe(0);
    const html = await readFile(outcome.report, "utf8");
    expect(html).toContain("Perception gap");
    expect(html).toContain('data-plot="perception"');
  });

  it("needs --out for a deals file, and analyses it without listings", async () => {
    const dir = await writeSyntheticExperiment();
    await analyzeFolder(dir, { bootstrap: 20, permutations: 20 });
    const file = join(dir, "tables", "deals.csv");
    await expect(analyzeFolder(file)).rejects.toBeInstanceOf(AnalysisInputError);
    const out = join(dir, "from-file");
    const outcome = await analyzeFolder(file, { out, bootstrap: 50, permutations: 50 });
    expect(outcome.results.efficiency).toEqual([]);
    expect(outcome.results.notes.join(" ")).toMatch(/no listings or wants/);
    expect(existsSync(join(out, "report.html"))).toBe(true);
    await writeFile(join(dir, "bad.csv"), "arm,item\nA,b\n");
    await expect(analyzeFolder(join(dir, "bad.csv"), { out })).rejects.toThrow(
      /missing the required column "seller"/,
    );
  });

  it("refuses repeated rows in a deals file; with dedupe drops them and says how many", async () => {
    const dir = await writeSyntheticExperiment();
    await analyzeFolder(dir, { bootstrap: 20, permutations: 20 });
    const lines = (await readFile(join(dir, "tables", "deals.csv"), "utf8")).trimEnd().split("\n");
    const file = join(dir, "repeated.csv");
    await writeFile(file, [...lines, lines[1], lines[2], lines[1]].join("\n"));
    const out = join(dir, "repeated");
    const n = lines.length;
    await expect(analyzeFolder(file, { out })).rejects.toThrow(
      `repeated.csv: line ${n + 1}: repeats line 2 exactly`,
    );
    const outcome = await analyzeFolder(file, { out, dedupe: true, bootstrap: 20, permutations: 20 });
    expect(outcome.results.meta.deals).toBe(n - 1);
    const results = JSON.parse(await readFile(outcome.resultsFile, "utf8"));
    expect(results.meta.duplicatesDropped.count).toBe(3);
    expect(results.meta.duplicatesDropped.rows[0]).toEqual({
      source: "repeated.csv",
      where: `line ${n + 1}`,
      repeats: "line 2",
    });
    const html = await readFile(outcome.report, "utf8");
    expect(html).toContain(`3 repeated rows were dropped (--dedupe): line ${n + 1} (repeats line 2)`);
  });
});
