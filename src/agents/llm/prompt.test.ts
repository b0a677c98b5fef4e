import { describe, expect, it } from "vitest";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import { viewFor } from "../../engine/view.ts";
import { buildUpdate, emptySeen } from "./prompt.ts";

const options = { revealLimits: false, offerCap: 6, currency: "USD" };

/** A buyer of a bike (max $40) and sellers of bikes at different asking prices. */
function bikeMarket(askings: number[], budget = 10_000) {
  const sellers = askings.map((asking, i) =>
    person(`s${i}`, { items: [{ id: `bike${i}`, title: `Road bike ${i}`, asking, reserve: asking / 2 }] }),
  );
  const buyer = person("ann", {
    wants: [{ id: "bike", description: "a road bike", max: 4_000, keywords: ["bike"] }],
    budget,
  });
  const market = recordedMarket([...sellers, buyer]);
  for (const [i] of askings.entries()) {
    const outcome = market.act({ type: "post-listing", actor: `s${i}`, itemId: `bike${i}` }, 1_000);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  }
  return market;
}

const listingsSection = (text: string) =>
  text
    .split("\n\n")
    .find((section) => section.startsWith("New listings that match your wants:"))
    ?.split("\n")
    .filter((line) => line.startsWith("- "));

/** The buyer's first update: a full snapshot of what it may see. */
const firstUpdate = (market: ReturnType<typeof bikeMarket>) =>
  buildUpdate(emptySeen(), {
    view: viewFor(market.state, "ann", { now: 2_000 }),
    options,
    notes: [],
    autoConfirmed: [],
    quiet: new Set(),
  });

describe("buildUpdate: new listings", () => {
  it("shows only listings within reach of the owner's limit, cheapest first", () => {
    const market = bikeMarket([7_000, 3_000, 8_100, 5_000]);
    const update = firstUpdate(market);
    const lines = listingsSection(update.text) ?? [];
    // $81 is more than twice the $40 max: no deal is likely there, so the model is not asked about it.
    expect(lines.map((line) => /"Road bike (\d)"/.exec(line)?.[1])).toEqual(["1", "3", "0"]);
    expect(update.text).not.toContain("Road bike 2");
  });

  it("reaches only as far as the budget left allows", () => {
    const market = bikeMarket([3_000, 5_000], 2_000);
    const update = firstUpdate(market);
    const lines = listingsSection(update.text) ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Road bike 0");
  });

  it("leaves the section out when nothing is within reach", () => {
    const market = bikeMarket([9_000]);
    const update = firstUpdate(market);
    expect(listingsSection(update.text)).toBeUndefined();
  });
});
