import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiatorChatReply } from "../src/agents/llm/testing/negotiator-chat.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { canonicalJson } from "../src/engine/fingerprint.ts";
import { openPgliteStore } from "../src/store/index.ts";
import { haggle } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-llm-market-"));
let server: LoopbackServer;

/** A scripted model behind a real OpenAI-compatible HTTP endpoint: it plays the negotiation. */

beforeAll(async () => {
  server = await startOpenAICompatibleServer({ models: ["scripted"], respond: negotiatorChatReply });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const config = join(root, "mixed.yaml");
writeFileSync(
  config,
  [
    "name: mixed",
    "seed: 5",
    "days: 2",
    "population:",
    "  generate:",
    "    participants: 10",
    "    itemsPerPerson: [2, 3]",
    "    wantsPerPerson: [2, 2]",
    "agents:",
    "  random: { llm:openai-compatible:scripted: 1, engine:strong: 1 }",
    "llm:",
    "  maxCalls: 3000",
  ].join("\n"),
);

async function logOf(dir: string): Promise<string[]> {
  const marketId = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).marketId as string;
  const store = await openPgliteStore(join(dir, "db"));
  try {
    return (await store.read(marketId)).map((event) =>
      canonicalJson({ ...event }).replaceAll(marketId, "<run>"),
    );
  } finally {
    await store.close();
  }
}

describe("a market of model agents and built-in agents, through haggle run", () => {
  it("trades, records usage and every model exchange, and replays them on a second run", async () => {
    const env = { HAGGLE_OPENAI_COMPATIBLE_URL: server.url };
    const first = join(root, "first");
    const result = await haggle(["run", "--config", config, "--out", first, "--json"], { env });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout).summary;
    expect(summary.models.total.calls).toBeGreaterThan(5);
    expect(existsSync(join(first, "llm-cache.jsonl"))).toBe(true);
    const records = JSON.parse(readFileSync(join(first, "records.json"), "utf8"));
    const modelDeals = records.deals.filter(
      (deal: { sellerTier: string; buyerTier: string }) =>
        deal.sellerTier.startsWith("llm:") || deal.buyerTier.startsWith("llm:"),
    );
    expect(modelDeals.length).toBeGreaterThan(0);
    expect(records.usage.length).toBeGreaterThan(0);
    // The engine enforced every mandate: no model deal outside its limits.
    for (const deal of records.deals) {
      expect(deal.price).toBeGreaterThanOrEqual(deal.reserve);
      expect(deal.price).toBeLessThanOrEqual(deal.maxPrice);
    }

    // The same run again, from the first run's recording: not one request reaches the model.
    const second = join(root, "second");
    const requestsBefore = server.requests.length;
    mkdirSync(second, { recursive: true });
    copyFileSync(join(first, "llm-cache.jsonl"), join(second, "llm-cache.jsonl"));
    const again = await haggle(["run", "--config", config, "--out", second, "--json"], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests.length).toBe(requestsBefore);
    expect(await logOf(second)).toEqual(await logOf(first));
  });

  it("stops before the market starts when a model's API key is missing", async () => {
    const keyless = join(root, "keyless.yaml");
    writeFileSync(
      keyless,
      [
        "name: keyless",
        "population:",
        "  generate:",
        "    participants: 4",
        "agents:",
        "  all: llm:anthropic:claude-haiku-4-5",
      ].join("\n"),
    );
    const out = join(root, "keyless-run");
    const result = await haggle(["run", "--config", keyless, "--out", out], {
      env: { ANTHROPIC_API_KEY: "" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ANTHROPIC_API_KEY/);
    expect(existsSync(join(out, "run.json"))).toBe(false);
  });
});
