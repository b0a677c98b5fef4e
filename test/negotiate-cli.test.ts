import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/domain/catalogue.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");

/** Runs `node bin/haggle.js ...args` from the repository root, as a user would. */
async function haggle(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("node", ["bin/haggle.js", ...args], { cwd: root });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

const itemId = loadCatalogue()[0]!.id;

describe("haggle negotiate", () => {
  it("prints the transcript and the outcome of one negotiation", async () => {
    const { stdout, code } = await haggle(
      "negotiate",
      "--seller",
      "engine:strong",
      "--buyer",
      "engine:weak",
      "--item",
      itemId,
      "--seed",
      "3",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/offers \$/);
    expect(stdout).toMatch(/Agreed at \$[\d.,]+ after \d+ rounds?\.|No deal after \d+ rounds/);
    expect(stdout).toMatch(/Advantage \(u - r\)\/\(max - r\): seller .+ buyer /);
  });

  it("is deterministic per seed, in JSON", async () => {
    const args = [
      "negotiate",
      "--seller",
      "engine:weak",
      "--buyer",
      "engine:strong",
      "--item",
      itemId,
      "--seed",
      "9",
      "--json",
    ];
    const [first, second] = await Promise.all([haggle(...args), haggle(...args)]);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const output = JSON.parse(first.stdout);
    expect(output.result).toMatchObject({ agreed: expect.any(Boolean), rounds: expect.any(Number) });
    expect(output.result.transcript.length).toBeGreaterThan(2);
  });

  it("runs a person's own agent from a module file against a built-in one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haggle-cli-"));
    const item = join(dir, "bike.json");
    writeFileSync(
      item,
      JSON.stringify({
        title: "Trek road bike",
        condition: "good",
        category: "sports-outdoors",
        flaws: ["scratched frame"],
        askingPrice: "$200",
        reserve: "$140",
        maxPrice: "$185",
      }),
    );
    const { stdout, code, stderr } = await haggle(
      "negotiate",
      "--seller",
      "module:./examples/my-agent.js",
      "--buyer",
      "engine:strong",
      "--item",
      item,
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.seller.spec).toBe("module:./examples/my-agent.js");
    expect(output.result.agreed).toBe(true);
    expect(output.result.price).toBeGreaterThanOrEqual(14_000);
    expect(output.result.price).toBeLessThanOrEqual(18_500);
  });

  it("fails with exit code 2 and the valid choices for an unknown agent", async () => {
    const { code, stderr } = await haggle(
      "negotiate",
      "--seller",
      "engine:mighty",
      "--buyer",
      "engine:weak",
      "--item",
      itemId,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/engine:strong, engine:weak/);
  });

  it("fails with exit code 2 for an unknown item", async () => {
    const { code, stderr } = await haggle(
      "negotiate",
      "--seller",
      "engine:strong",
      "--buyer",
      "engine:weak",
      "--item",
      "no-such-thing",
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/no catalogue item "no-such-thing"/);
  });
});

describe("haggle negotiate with a model agent", () => {
  it("says at once that the model server cannot be reached, exit 2, instead of 'No deal'", async () => {
    // A port nothing listens on: bound, then closed.
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const started = Date.now();
    const { stdout, stderr, code } = await (async () => {
      try {
        const { stdout, stderr } = await run(
          "node",
          [
            "bin/haggle.js",
            "negotiate",
            "--seller",
            "engine:strong",
            "--buyer",
            "llm:openai-compatible:llama3.1",
            "--item",
            itemId,
          ],
          { cwd: root, env: { ...process.env, HAGGLE_OPENAI_COMPATIBLE_URL: `http://127.0.0.1:${port}/v1` } },
        );
        return { stdout, stderr, code: 0 };
      } catch (error) {
        return error as { stdout: string; stderr: string; code: number };
      }
    })();
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot reach the OpenAI-compatible server at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(stdout).not.toMatch(/No deal/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
