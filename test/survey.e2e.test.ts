import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haggle } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-survey-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const run = join(root, "market");
const HEADER = "arm,deal_id,participant,fairness,satisfaction,would_pay";
let deals: { arm: string; dealId: string; seller: string; buyer: string }[] = [];

function csv(name: string, rows: string[]): string {
  const path = join(root, name);
  writeFileSync(path, `${[HEADER, ...rows].join("\n")}\n`);
  return path;
}

const stored = () =>
  JSON.parse(readFileSync(join(run, "survey.json"), "utf8")) as {
    responses: {
      dealId: string;
      participant: string;
      fairness?: number;
      satisfaction?: number;
      wouldPay?: boolean;
    }[];
  };

beforeAll(async () => {
  const made = await haggle(["demo", "--participants", "12", "--out", run, "--json"]);
  expect(made.code, made.stderr).toBe(0);
  deals = JSON.parse(readFileSync(join(run, "records.json"), "utf8")).deals;
  expect(deals.length).toBeGreaterThan(2);
});

describe("haggle survey import", () => {
  it("merges a second file into the first, refuses a different answer unless --replace, and counts people", async () => {
    const [a, b] = deals as [(typeof deals)[0], (typeof deals)[0]];
    // Partly answered rows are fine; a row that answers nothing is skipped and said so.
    const first = await haggle([
      "survey",
      "import",
      csv("first.csv", [
        `${a.arm},${a.dealId},${a.seller},5,6,yes`,
        `${a.arm},${a.dealId},${a.buyer},4,,`,
        `${b.arm},${b.dealId},${b.seller},,,`,
        `${b.arm},${b.dealId},${b.buyer},3,3,no`,
      ]),
      "--into",
      run,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Read 3 ratings from 3 people: 3 added, 0 changed, 0 kept from before.");
    expect(first.stdout).toContain("Skipped 1 row that answered nothing (line 4).");

    // A second file with one row completes an answer and keeps the rest.
    const second = await haggle([
      "survey",
      "import",
      csv("second.csv", [`${a.arm},${a.dealId},${a.buyer},4,5,no`]),
      "--into",
      run,
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Read 1 rating from 1 person: 0 added, 1 changed, 2 kept from before.");
    expect(second.stdout).toContain("now holds 3 ratings");
    expect(stored().responses).toHaveLength(3);
    expect(stored().responses.find((r) => r.participant === a.buyer)).toMatchObject({
      fairness: 4,
      satisfaction: 5,
      wouldPay: false,
    });

    // A different answer to the same question is a conflict: nothing changes without --replace.
    const other = csv("other.csv", [`${a.arm},${a.dealId},${a.seller},2,6,yes`]);
    const refused = await haggle(["survey", "import", other, "--into", run]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${a.seller} on deal ${a.dealId} in arm ${a.arm}: fairness was 5, this file says 2`,
    );
    expect(refused.stderr).toContain("--replace");
    expect(stored().responses.find((r) => r.participant === a.seller)?.fairness).toBe(5);

    const replaced = await haggle(["survey", "import", other, "--into", run, "--replace"]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain("0 added, 1 changed, 2 kept from before.");
    expect(stored().responses.find((r) => r.participant === a.seller)?.fairness).toBe(2);

    // The analysis reads partly answered ratings.
    const analysed = await haggle(["analyze", run, "--out", join(root, "report")]);
    expect(analysed.code, analysed.stderr).toBe(0);
    expect(analysed.stdout).toContain("rated their deals' fairness");
  });
});
