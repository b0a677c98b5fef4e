import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngineAgent } from "./builtin/engine-agent.ts";
import { runNegotiation } from "./builtin/run-negotiation.ts";
import { loadModuleAgent, ModuleAgentError } from "./module-agent.ts";
import { createAgent } from "./registry.ts";

const dir = mkdtempSync(join(tmpdir(), "haggle-module-agent-"));
function moduleFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

const setup = {
  item: {
    id: "lamp",
    title: "Brass desk lamp",
    description: "",
    condition: "good" as const,
    category: "home",
    flaws: [],
    askingPrice: 4_000,
    reserve: 2_500,
  },
  buyer: { maxPrice: 3_600 },
};

describe("module agents", () => {
  it("loads the example agent, which negotiates to a deal with a built-in agent", async () => {
    const mine = await createAgent("module:./examples/my-agent.js", { participantId: "seller", seed: 1 });
    expect(mine.spec).toBe("module:./examples/my-agent.js");
    const result = await runNegotiation({
      setup,
      seller: mine,
      buyer: createEngineAgent("strong", { participantId: "buyer", seed: 2 }),
    });
    expect(result.agreed).toBe(true);
    expect(result.price!).toBeGreaterThanOrEqual(2_500);
    expect(result.price!).toBeLessThanOrEqual(3_600);
  });

  it("accepts a named createAgent export and an async factory", async () => {
    const path = moduleFile(
      "named.mjs",
      "export async function createAgent({ participantId }) { return { decide: () => [], who: participantId }; }",
    );
    const agent = await loadModuleAgent(path, { participantId: "ann", seed: 1 });
    expect(await agent.decide({} as never)).toEqual([]);
  });

  it("passes a live market's restore on to the module, and offers none when the module has none", async () => {
    const path = moduleFile(
      "restoring.mjs",
      "export default () => { const seen = []; return { seen, decide: () => [], restore(view) { seen.push(view.now); } }; };",
    );
    const agent = await loadModuleAgent(path, { participantId: "ann", seed: 1 });
    agent.restore!({ now: 42 } as never);
    const plain = await loadModuleAgent(
      moduleFile("plain.mjs", "export default () => ({ decide: () => [] });"),
      {
        participantId: "ann",
        seed: 1,
      },
    );
    expect(plain.restore).toBeUndefined();
    expect(agent.restore).toBeTypeOf("function");
  });

  it("explains what to fix when the module is missing or breaks the interface", async () => {
    const context = { participantId: "ann", seed: 1 };
    await expect(loadModuleAgent(join(dir, "nope.js"), context)).rejects.toThrow(/no file at/);
    const noFactory = moduleFile("empty.mjs", "export const x = 1;");
    await expect(loadModuleAgent(noFactory, context)).rejects.toThrow(/must export an agent factory/);
    const noDecide = moduleFile("nodecide.mjs", "export default () => ({});");
    await expect(loadModuleAgent(noDecide, context)).rejects.toThrow(ModuleAgentError);
    const badReturn = moduleFile("bad.mjs", "export default () => ({ decide: () => 'sell!' });");
    const agent = await loadModuleAgent(badReturn, context);
    await expect(Promise.resolve(agent.decide({} as never))).rejects.toThrow(/must return an array/);
    const syntax = moduleFile("syntax.mjs", "export default () => {");
    await expect(loadModuleAgent(syntax, context)).rejects.toThrow(/failed to load/);
  });

  it("runs a TypeScript module written as an ES module, and refuses a CommonJS one (its require would reach fs)", async () => {
    const context = { participantId: "ann", seed: 1 };
    moduleFile("helper.mts", "export const double = (n: number): number => n * 2;");
    const typed = moduleFile(
      "typed.mts",
      'import { double } from "./helper.mts";\nexport default () => ({ decide: (view: { now: number }) => [{ type: "x", n: double(view.now) }] });',
    );
    const agent = await loadModuleAgent(typed, context);
    expect(await agent.decide({ now: 21 } as never)).toEqual([{ type: "x", n: 42 }]);
    await agent.close();
    const common = moduleFile(
      "common.cjs",
      "const fs = require('fs'); module.exports = () => ({ decide: () => [{ type: 'x', text: fs.readFileSync('/etc/hostname', 'utf8') }] });",
    );
    await expect(loadModuleAgent(common, context)).rejects.toThrow(/may not import/);
  });
});
