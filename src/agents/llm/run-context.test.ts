import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Agent } from "../agent.ts";
import { type NegotiationSetup, runNegotiation } from "../builtin/run-negotiation.ts";
import { createAgent } from "../registry.ts";
import { LLM_RECORDING_FILE, openLlmRun, usageOf } from "./run-context.ts";
import { scriptedModel } from "./testing/scripted-model.ts";
import { negotiatorScript } from "./testing/scripted-negotiator.ts";
import { addUsage } from "./usage.ts";

const setup: NegotiationSetup = {
  item: {
    id: "lamp",
    title: "Brass desk lamp",
    description: "",
    condition: "good",
    category: "home",
    flaws: [],
    askingPrice: 4_000,
    reserve: 3_000,
  },
  buyer: { maxPrice: 3_800, keywords: ["lamp"] },
};

describe("openLlmRun", () => {
  it("shares a budget and the run folder's recording between agents, and sums their usage", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haggle-llm-run-"));
    const lines: string[] = [];
    const run = openLlmRun({ dir, limits: { maxCalls: 100 }, log: (line) => lines.push(line) });
    const agents = new Map<string, Agent>();
    for (const id of ["seller", "buyer"]) {
      agents.set(
        id,
        await createAgent(
          "llm:anthropic:claude-haiku-4-5",
          { participantId: id, seed: 1 },
          {
            llm: { ...run.llm, model: scriptedModel(negotiatorScript(), { modelId: "claude-haiku-4-5" }) },
          },
        ),
      );
    }
    const result = await runNegotiation({
      setup,
      seller: agents.get("seller")!,
      buyer: agents.get("buyer")!,
    });
    expect(result.agreed).toBe(true);
    const usage = usageOf(agents);
    expect(Object.keys(usage)).toEqual(["seller", "buyer"]);
    const total = addUsage(Object.values(usage));
    expect(total.calls).toBe(run.budget.used.calls);
    expect(total.inputTokens).toBe(run.budget.used.inputTokens);
    expect(total.costCents).toBeCloseTo(run.budget.used.costCents, 3);
    expect(total.byThread.T1!.calls).toBeCloseTo(total.calls - 2, 5); // all but the two first-turn posting calls
    const file = join(dir, LLM_RECORDING_FILE);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(total.calls);
    expect(lines).toEqual([]);
  });
});
