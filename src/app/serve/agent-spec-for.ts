import { createRng } from "../../domain/random.ts";
import type { AssignmentRule } from "../../runner/run-config.ts";

/**
 * The agent a person who joins a running market gets, by the config's rule: the same spec for all,
 * their own line (or the default) in an explicit list, or a draw by weight seeded by the market's
 * seed and their id, so a resumed server draws the same and nobody can choose their tier.
 */
export function agentSpecFor(rule: AssignmentRule, id: string, seed: number): string {
  if ("all" in rule) return rule.all;
  if ("explicit" in rule) return rule.explicit[id] ?? rule.default ?? "engine:strong";
  const entries = Object.entries(rule.random).sort(([a], [b]) => (a < b ? -1 : 1));
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = createRng(seed).fork(`join:${id}`).next() * total;
  for (const [spec, weight] of entries) {
    draw -= weight;
    if (draw < 0) return spec;
  }
  return entries[entries.length - 1]![0];
}
