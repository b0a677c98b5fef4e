import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiatorChatReply } from "../src/agents/llm/testing/negotiator-chat.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { haggle } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-rate-limit-"));
let server: LoopbackServer;
/** Requests answered 429 (each asks for a 2 s wait): two early ones, while a window's calls are out. */
const LIMITED = new Set([2, 3]);

beforeAll(async () => {
  server = await startOpenAICompatibleServer({
    models: ["scripted"],
    respond: async (request, n) => {
      if (LIMITED.has(n)) {
        return {
          status: 429,
          headers: { "retry-after": "2" },
          body: { error: { message: "rate limit reached", type: "rate_limit_error" } },
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      return negotiatorChatReply(request);
    },
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a model market held up by a provider's rate limit, through haggle run", () => {
  it("waits out each 429's retry-after and shows the calls backing off and the rate limits in its progress", async () => {
    const config = join(root, "limited.yaml");
    writeFileSync(
      config,
      [
        "name: limited",
        "seed: 3",
        "days: 1",
        "turnWindow: 1h",
        "population:",
        "  generate:",
        "    participants: 6",
        "    itemsPerPerson: [1, 2]",
        "    wantsPerPerson: [1, 2]",
        "agents:",
        "  all: llm:openai-compatible:scripted",
        "llm: { concurrency: 4, maxCalls: 2000 }",
      ].join("\n"),
    );
    const started = performance.now();
    const result = await haggle(["run", "--config", config, "--out", join(root, "run"), "--progress-lines"], {
      env: { HAGGLE_OPENAI_COMPATIBLE_URL: server.url },
    });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, number>);
    // Told while the 2 s waits ran, though the market's clock stood still for them.
    expect(lines.some((line) => (line.callsBackingOff ?? 0) > 0)).toBe(true);
    expect(lines.at(-1)).toMatchObject({ fraction: 1, rateLimited: 2, callsBackingOff: 0, callsInFlight: 0 });
    // Both limited calls were asked again after their wait: the 429s cost time, not turns.
    expect(server.requests.length).toBeGreaterThan(LIMITED.size + 2);
    expect(performance.now() - started).toBeGreaterThan(2000);
  }, 60_000);
});
