import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

// Nonsense a new user can write, refused with a message that names the field and the fix (exit 2).
const root = mkdtempSync(join(tmpdir(), "haggle-validation-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

const ben = readFileSync(join(repoRoot, "examples/people/ben.yaml"), "utf8");

/** A market of Ann (as shipped) and Ben as `benText`, run from a config in `root`. */
async function runWithBen(tag: string, benText: string) {
  file(`ann-${tag}.yaml`, readFileSync(join(repoRoot, "examples/people/ann.yaml"), "utf8"));
  file(`ben-${tag}.yaml`, benText);
  const config = file(
    `market-${tag}.yaml`,
    `name: ${tag}\npopulation:\n  files: [ann-${tag}.yaml, ben-${tag}.yaml]\n`,
  );
  return haggle(["run", "--config", config, "--out", join(root, `run-${tag}`)]);
}

describe("input that must be refused", () => {
  it("a participant file with a $0 asking price or reserve, or a $0 budget with wants", async () => {
    const zeroAsk = await runWithBen("ask", ben.replace('askingPrice: "$18.00"', 'askingPrice: "$0"'));
    expect(zeroAsk.code).toBe(2);
    expect(zeroAsk.stderr).toContain("mandate.items[0].askingPrice: must be more than $0");

    const zeroReserve = await runWithBen("reserve", ben.replace('reserve: "$10.00"', "reserve: 0"));
    expect(zeroReserve.code).toBe(2);
    expect(zeroReserve.stderr).toContain("mandate.items[0].reserve: must be more than $0");

    const zeroBudget = await runWithBen("budget", ben.replace('budget: "$100"', 'budget: "$0"'));
    expect(zeroBudget.code).toBe(2);
    expect(zeroBudget.stderr).toContain("mandate.budget: must be more than $0 when there are wants");
    expect(existsSync(join(root, "run-budget"))).toBe(false);
  });

  it("an absurd price", async () => {
    const absurd = await runWithBen(
      "absurd",
      ben.replace('askingPrice: "$18.00"', 'askingPrice: "$99,999,999,999"'),
    );
    expect(absurd.code).toBe(2);
    expect(absurd.stderr).toContain(
      "mandate.items[0].askingPrice: $99,999,999,999 is more than $1,000,000, the most one amount may be",
    );
  });

  it("an id under agents.explicit that is nobody in the market, with no stray run folder", async () => {
    const config = file(
      "explicit.yaml",
      "name: explicit\npopulation:\n  generate:\n    participants: 4\nagents:\n  explicit:\n    p001: engine:weak\n    dave: engine:strong\n  default: engine:strong\n",
    );
    const result = await haggle(["run", "--config", config], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('agents.explicit names "dave", not a participant of this market');
    expect(result.stderr).toContain("p001, p002, p003, p004");
    expect(existsSync(join(root, "runs")) ? readdirSync(join(root, "runs")) : []).toEqual([]);
  });

  it("population with both generate and files", async () => {
    const config = file(
      "both.yaml",
      "name: both\npopulation:\n  generate:\n    participants: 4\n  files: [ann.yaml]\n",
    );
    const result = await haggle(["run", "--config", config, "--out", join(root, "run-both")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("population: has both generate and files");
    expect(result.stderr).not.toContain("Invalid input");
  });

  it("a market config given to experiment run, and an experiment config given to run", async () => {
    const market = await haggle(["experiment", "run", "examples/market.yaml", "--out", join(root, "exp")]);
    expect(market.code).toBe(2);
    expect(market.stderr).toContain("is a market config");
    expect(market.stderr).toContain("haggle run --config examples/market.yaml");

    const experiment = await haggle([
      "run",
      "--config",
      "experiments/project-deal.yaml",
      "--out",
      join(root, "r"),
    ]);
    expect(experiment.code).toBe(2);
    expect(experiment.stderr).toContain("haggle experiment run experiments/project-deal.yaml");
  });

  it("deals files: a JSONL price of 12.5 says money is integer cents; a price of 0 or an absurd one is refused", async () => {
    const row = { arm: "a", item: "i1", seller: "s", buyer: "b", sellerTier: "x", buyerTier: "y" };
    const jsonl = file("deals.jsonl", `${JSON.stringify({ ...row, price: 12.5 })}\n`);
    const fraction = await haggle(["analyze", jsonl, "--out", join(root, "report-jsonl")]);
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toContain(
      'field "price": 12.5 is not whole cents: a number here is money in integer cents',
    );
    expect(fraction.stderr).toContain('write 1250 or a string like "$12.50"');

    const csv = file(
      "deals.csv",
      'arm,item,seller,buyer,seller_tier,buyer_tier,price\na,i1,s,b,x,y,0\na,i2,s2,b2,x,y,"$99,999,999,999"\n',
    );
    const bad = await haggle(["analyze", csv, "--out", join(root, "report-csv")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 2, column "price": price must be more than $0');
    expect(bad.stderr).toContain('line 3, column "price": $99,999,999,999 is more than $1,000,000');
  });
});
