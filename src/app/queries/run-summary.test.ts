import { describe, expect, it } from "vitest";
import { summariseMarket } from "../../analysis/market-summary.ts";
import { runSummary } from "./run-summary.ts";
import { smallMarket } from "./testing/small-market.ts";

describe("runSummary", () => {
  const state = smallMarket();

  it("gives the operator the market's summary", () => {
    const summary = runSummary(state, "operator", { samples: 2 });
    expect(summary).toEqual(summariseMarket(state, { samples: 2 }));
    expect(summary).toMatchObject({ participants: 4, listings: 4, threads: 4, deals: 1, volume: 6000 });
  });

  it("refuses participants: its samples quote private negotiations", () => {
    expect(() => runSummary(state, { participant: "sam" })).toThrow(
      expect.objectContaining({ kind: "forbidden", code: "summary/forbidden" }),
    );
  });
});
