import { Command } from "commander";
import { afterEach, describe, expect, test, vi } from "vitest";
import { describeUnderstanding, register } from "../../../interfaces/cli/commands/parse.ts";
import { parseUtterance } from "./parse-utterance.ts";

async function run(...args: string[]): Promise<string> {
  const program = new Command("haggle").exitOverride();
  register(program);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "haggle", "parse", ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe("haggle parse", () => {
  afterEach(() => vi.restoreAllMocks());

  test("prints what was understood, one fact a line", async () => {
    const out = await run("I paid $200 new for this 2019 one, I can do 60 if you pick it up today");
    expect(out).toContain("intent:      offer");
    expect(out).toContain("price:       $60");
    expect(out).toContain("conditions:  pickup, today");
    expect(out).toContain("reference:   $200 (paid)");
    expect(out).toContain('ignored:     "2019" (year)');
    expect(out).toContain("question:    no");
  });

  test("--json gives the understanding", async () => {
    const out = await run("between 40 and 50", "--json");
    expect(JSON.parse(out)).toMatchObject({ intent: "offer", range: { low: 4000, high: 5000 } });
  });

  test("--last and --their-last set the context", async () => {
    const out = await run("meet in the middle?", "--last", "$60", "--their-last", "40", "--json");
    expect(JSON.parse(out)).toMatchObject({ intent: "counter", price: 5000 });
  });

  test("a bad price is refused", async () => {
    await expect(run("deal", "--last", "abc")).rejects.toThrow(/not an amount of money/);
  });

  test("bounds and ranges are shown in money", () => {
    const text = describeUnderstanding(parseUtterance("no more than 50"), "EUR");
    expect(text).toContain("bound:       ceiling €50");
    expect(describeUnderstanding(parseUtterance("40-50"))).toContain("range:       $40 to $50");
  });
});
