/**
 * The stalling buyer (issue 14, finding 5) against the built-in tiers as sellers: a buyer who bids 30%
 * of the asking price and does not move until the seller says its offer is its last or stops coming
 * down. Reports the share of the zone of agreement the buyer takes (goal: at most half against the
 * strong tier), how often the seller offered its exact reserve, and how often it called that its last.
 *
 *   npx tsx bench/stall.ts [--items 16] [--seed 1] [--json]
 */
import { parseArgs } from "node:util";
import { createEngineAgent } from "../src/agents/builtin/engine-agent.ts";
import { measureStall, stallScenarios } from "../src/agents/builtin/stalling-buyer.ts";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "16" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const setups = stallScenarios(Number(values.items), Number(values.seed));
const rows = [];
for (const tier of ["strong", "weak"] as const) {
  const result = await measureStall(setups, (i) =>
    createEngineAgent(tier, { participantId: "seller", seed: 1000 + i }),
  );
  rows.push({
    tier,
    items: setups.length,
    deals: result.deals,
    meanShare: result.meanShare,
    meanBestShare: result.meanBestShare,
    offeredReserve: result.outcomes.filter((o) => o.offeredReserve).length,
    announcedReserve: result.outcomes.filter((o) => o.announcedReserve).length,
  });
}
const strong = rows.find((row) => row.tier === "strong")!;
const goals = {
  strongShareAtMostHalf: strong.meanShare <= 0.5,
  neverAnnouncesReserve: rows.every((r) => r.announcedReserve === 0),
};
if (values.json) {
  process.stdout.write(`${JSON.stringify({ rows, goals }, null, 2)}\n`);
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    "seller tier | items | deals | zone share taken | best share on offer | offered reserve | called reserve its last",
  );
  for (const r of rows) {
    console.log(
      `${r.tier.padEnd(11)} | ${String(r.items).padStart(5)} | ${String(r.deals).padStart(5)} | ${pct(r.meanShare).padStart(16)} | ${pct(r.meanBestShare).padStart(19)} | ${String(r.offeredReserve).padStart(15)} | ${String(r.announcedReserve).padStart(23)}`,
    );
  }
  console.log(`goals: ${JSON.stringify(goals)}`);
}
