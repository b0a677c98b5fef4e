import { describe, expect, it } from "vitest";
import { parseExperimentConfig } from "../runner/experiment-config.ts";
import { armRunConfig, planExperiment } from "./experiment.ts";

describe("armRunConfig", () => {
  it("gives every arm the experiment's turn window, in milliseconds as the market config reads it", async () => {
    const config = parseExperimentConfig({
      population: { generate: { participants: 4 } },
      arms: [
        { name: "a", agents: { all: "engine:strong" } },
        { name: "b", agents: { all: "engine:weak" } },
      ],
      turnWindow: "90m",
    });
    const record = await planExperiment(config, process.cwd());
    // A stored record read back (experiment.json, a worker's copy) gives the same.
    const stored = JSON.parse(JSON.stringify(record));
    for (const arm of record.arms) {
      expect(armRunConfig(record, arm).turnWindow).toBe(5_400_000);
      expect(armRunConfig(stored, arm).turnWindow).toBe(5_400_000);
    }
    const without = await planExperiment({ ...config, turnWindow: undefined }, process.cwd());
    expect(armRunConfig(without, without.arms[0]!).turnWindow).toBeUndefined();
  });
});
