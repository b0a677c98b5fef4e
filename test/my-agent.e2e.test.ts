import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

// examples/my-agent.js is what a newcomer copies: it must work in a market, not only in the docs.
const root = mkdtempSync(join(tmpdir(), "haggle-my-agent-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Transcript {
  buyer: string;
  status: string;
  deal?: { price: number; status: string };
  messages: { from: string; text: string }[];
}

/** The dollar amounts one side wrote, in order. */
function pricesBy(transcript: Transcript, name: string): number[] {
  return transcript.messages
    .filter((message) => message.from === name)
    .flatMap((message) => [...message.text.matchAll(/\$(\d+(?:\.\d+)?)/g)].map((match) => Number(match[1])));
}

describe("the custom-agent example in a market", () => {
  it("concedes and closes a deal in examples/people-market.yaml", async () => {
    const out = join(root, "people");
    const run = await haggle([
      "run",
      "--config",
      join(repoRoot, "examples/people-market.yaml"),
      "--out",
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const threads = JSON.parse((await haggle(["show", out, "--json"])).stdout) as {
      id: string;
      buyer: string;
    }[];
    const bought = threads.find((thread) => thread.buyer === "Ben");
    expect(bought).toBeDefined();
    const transcript = JSON.parse(
      (await haggle(["show", out, "--thread", bought!.id, "--json"])).stdout,
    ) as Transcript;
    const offers = pricesBy(transcript, "Ben");
    // It moves towards the seller, offer by offer, instead of repeating its first counter.
    expect(new Set(offers).size).toBeGreaterThanOrEqual(3);
    expect(offers.slice(0, 3)).toEqual([...offers.slice(0, 3)].sort((a, b) => a - b));
    expect(transcript.deal?.status).toBe("confirmed");
  });

  it("as a buyer whose opening would be above its max price, makes no offer the market refuses", async () => {
    const people = join(root, "low");
    rmSync(people, { recursive: true, force: true });
    mkdirSync(people, { recursive: true });
    copyFileSync(join(repoRoot, "examples/people/ann.yaml"), join(people, "ann.yaml"));
    const ben = readFileSync(join(repoRoot, "examples/people/ben.yaml"), "utf8");
    // 70% of the bike's $65 asking price is $45.50; Ben may pay at most $30.
    writeFileSync(join(people, "ben.yaml"), ben.replace('maxPrice: "$60.00"', 'maxPrice: "$30.00"'));
    writeFileSync(
      join(people, "market.yaml"),
      [
        "name: low-buyer",
        "seed: 3",
        "days: 2",
        "population:",
        "  files: [ann.yaml, ben.yaml]",
        "agents:",
        "  explicit:",
        "    ann: engine:strong",
        `    ben: module:${join(repoRoot, "examples/my-agent.js")}`,
        "",
      ].join("\n"),
    );
    const run = await haggle(["run", "--config", join(people, "market.yaml"), "--out", join(people, "run")], {
      env: { MODULE_AGENT_DEBUG: "1" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("refused");
  });
});
