import { describe, expect, it } from "vitest";
import { createAgent, parseAgentSpec } from "../agents/registry.ts";
import { RemoteTurns } from "../agents/remote-agent.ts";
import { assignAgents } from "../runner/assign-agents.ts";
import { parseRunConfig } from "../runner/load-run-config.ts";

describe("a remote agent", () => {
  it("is a spec of its own, in explicit and random assignments", () => {
    expect(parseAgentSpec("remote")).toEqual({ kind: "remote" });
    const config = parseRunConfig({
      population: { generate: { participants: 40 } },
      agents: { random: { remote: 1, "engine:strong": 1 } },
      remote: { turnDeadline: "2h" },
    });
    expect(config.remote?.turnDeadline).toBe(2 * 3_600_000);
    const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const specs = Object.values(assignAgents(config.agents, ids, 1));
    expect(specs).toContain("remote");
    expect(specs).toContain("engine:strong");
    expect(() =>
      parseRunConfig({ population: { generate: { participants: 2 } }, remote: { turnDeadline: "soon" } }),
    ).toThrow(/30s/);
  });

  it("notes each turn with its deadline and never acts", async () => {
    const turns = new RemoteTurns(90 * 60_000);
    const told: number[] = [];
    turns.onTurn((turn) => told.push(turn.number));
    const agent = await createAgent("remote", { participantId: "ann", seed: 1 }, { remote: turns });
    const view = { now: 1_000 } as Parameters<typeof agent.decide>[0];
    expect(await agent.decide(view)).toEqual([]);
    expect(await agent.decide({ ...view, now: 5_000 })).toEqual([]);
    expect(turns.latest("ann")).toEqual({
      participant: "ann",
      number: 2,
      at: 5_000,
      deadline: 5_000 + 90 * 60_000,
    });
    expect(turns.latest("ben")).toBeUndefined();
    expect(told).toEqual([1, 2]);
  });
});
