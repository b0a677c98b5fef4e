import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiatorChatReply } from "../src/agents/llm/testing/negotiator-chat.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { haggle } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-redteam-"));
let server: LoopbackServer;
const env = { HAGGLE_NO_BUNDLE: "1" };

/** A scripted model behind a real OpenAI-compatible endpoint: the model agent under attack. */

beforeAll(async () => {
  server = await startOpenAICompatibleServer({ models: ["scripted"], respond: negotiatorChatReply });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("haggle redteam", () => {
  it("attacks a built-in tier and writes the verdict, the JSON and the HTML page", async () => {
    const out = join(root, "weak");
    const result = await haggle(
      [
        "redteam",
        "--target",
        "engine:weak",
        "--attacks",
        "protocol,lock",
        "--trials",
        "2",
        "--out",
        out,
        "--json",
      ],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const verdict = JSON.parse(result.stdout);
    expect(verdict.verdict.pass).toBe(true);
    expect(verdict.results.map((r: { attack: string }) => r.attack)).toEqual(["protocol", "lock"]);
    expect(verdict.results[0].breaches).toMatchObject({ count: 0, n: 2 });
    expect(readFileSync(join(out, "redteam.html"), "utf8")).toContain("Red team: engine:weak");
    expect(JSON.parse(readFileSync(join(out, "redteam.json"), "utf8")).results[0].scores).toHaveLength(2);
  }, 120_000);

  it("attacks a model agent through its OpenAI-compatible server, offline", async () => {
    const out = join(root, "model");
    const before = server.requests.length;
    const result = await haggle(
      [
        "redteam",
        "--target",
        "llm:openai-compatible:scripted",
        "--attacks",
        "injection,leak-campaign",
        "--trials",
        "2",
        "--out",
        out,
      ],
      { env: { ...env, HAGGLE_OPENAI_COMPATIBLE_URL: server.url } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^injection .* 0\/2 \(0%-66%\)/m);
    expect(result.stdout).toContain("Verdict: PASS");
    expect(server.requests.length).toBeGreaterThan(before);
    expect(existsSync(join(out, "redteam.html"))).toBe(true);
  }, 120_000);

  it("says what is wrong with its input (exit 2)", async () => {
    const unknown = await haggle(["redteam", "--target", "engine:weak", "--attacks", "stall,nope"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown attack "nope"/);
    const remote = await haggle(["redteam", "--target", "remote"], { env });
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/cannot be red-teamed/);
  }, 120_000);
});
