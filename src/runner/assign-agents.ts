import { createRng } from "../domain/random.ts";
import { ValidationError } from "../domain/validation.ts";
import type { AssignmentRule } from "./run-config.ts";

/**
 * The agent spec for each participant under a rule. A random draw is seeded and made in participant
 * order, so the same seed gives the same assignment.
 */
export function assignAgents(
  rule: AssignmentRule,
  participantIds: readonly string[],
  seed: number,
): Record<string, string> {
  if ("all" in rule) return Object.fromEntries(participantIds.map((id) => [id, rule.all]));
  if ("explicit" in rule) {
    const known = new Set(participantIds);
    const unknown = Object.keys(rule.explicit).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const listed = participantIds.length <= 12 ? `: the participants are ${participantIds.join(", ")}` : "";
      throw new ValidationError(
        `agents.explicit names ${unknown.map((id) => `"${id}"`).join(", ")}, not ${unknown.length === 1 ? "a participant" : "participants"} of this market${listed}; check the spelling or remove ${unknown.length === 1 ? "it" : "them"}`,
        unknown.map((id) => ({
          path: `agents.explicit.${id}`,
          message: "not a participant: check the spelling or remove it",
        })),
      );
    }
    return Object.fromEntries(
      participantIds.map((id) => {
        const spec = rule.explicit[id] ?? rule.default;
        if (!spec) {
          throw new ValidationError(
            `agents.explicit has no agent for participant "${id}": add it or set agents.default`,
            [{ path: `agents.explicit.${id}`, message: "missing: add it or set agents.default" }],
          );
        }
        return [id, spec];
      }),
    );
  }
  const rng = createRng(seed).fork("assignment");
  const entries = Object.entries(rule.random).sort(([a], [b]) => (a < b ? -1 : 1));
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return Object.fromEntries(
    participantIds.map((id) => {
      let draw = rng.next() * total;
      for (const [spec, weight] of entries) {
        draw -= weight;
        if (draw < 0) return [id, spec];
      }
      return [id, entries[entries.length - 1]![0]];
    }),
  );
}
