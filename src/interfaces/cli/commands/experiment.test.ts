import { describe, expect, it } from "vitest";
import type { MarketSummary } from "../../../analysis/market-summary.ts";
import { armTable } from "./experiment.ts";

describe("haggle experiment's arm table", () => {
  it("writes every amount with cents, so a column never holds '$20' beside '$16.50'", () => {
    const row = (id: string, volume: number, medianPrice: number) => ({
      id,
      arm: id,
      repetition: 1,
      dir: id,
      summary: { listings: 10, deals: 4, volume, medianPrice, dealsPerPerson: 1 } as unknown as MarketSummary,
    });
    const table = armTable([row("A", 8_000, 2_000), row("B", 6_600, 1_650)]);
    expect(table).toContain("$20.00");
    expect(table).toContain("$16.50");
    expect(table).toContain("$80.00");
    expect(table).not.toMatch(/\$20(?!\.)/);
  });
});
