import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MarketEvent } from "../src/engine/event.ts";
import { replay } from "../src/engine/replay.ts";
import { slackLinkCode } from "../src/interfaces/slack/mirror.ts";
import { renderEvent } from "../src/interfaces/slack/render.ts";
import { FakeSlack } from "../src/interfaces/slack/testing/fake-slack.ts";
import { openPgliteStore } from "../src/store/index.ts";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

const TOKEN = "xoxb-e2e";
const CHANNEL = "C0E2E";
const root = mkdtempSync(join(tmpdir(), "haggle-slack-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let fake: FakeSlack;
beforeEach(async () => {
  fake = new FakeSlack(TOKEN);
  await fake.start();
});
afterEach(() => fake.stop());

const env = () => ({ HAGGLE_NO_BUNDLE: "1", SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "e2e-secret" });

function writeConfig(name: string, slack: string[]): string {
  const path = join(root, `${name}.yaml`);
  writeFileSync(
    path,
    [
      `name: ${name}`,
      "seed: 5",
      "clock: wall",
      "speed: 5760",
      "days: 1",
      "population:",
      "  generate:",
      "    participants: 8",
      "    itemsPerPerson: [2, 3]",
      "    wantsPerPerson: [1, 2]",
      "agents:",
      "  all: engine:strong",
      ...slack,
    ].join("\n"),
  );
  return path;
}

function start(args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn("node", [join(repoRoot, "bin/haggle.js"), ...args], {
    stdio: "ignore",
    env: { ...process.env, ...env() },
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

async function logOf(dir: string): Promise<MarketEvent[]> {
  const marketId = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).marketId as string;
  const store = await openPgliteStore(join(dir, "db"));
  try {
    return await store.read(marketId);
  } finally {
    await store.close();
  }
}

describe("haggle run with a slack: block", () => {
  it("mirrors a live market to the channel, and after kill -9 and resume has posted everything once", {
    timeout: 180_000,
  }, async () => {
    const config = writeConfig("slack-live", [
      "slack:",
      `  channel: ${CHANNEL}`,
      `  apiUrl: ${fake.apiUrl}`,
      "  negotiations: false",
      "  messagesPerSecond: 10",
    ]);
    const dir = join(root, "run");
    const first = start(["run", "--config", config, "--out", dir]);
    for (let i = 0; i < 600 && fake.messages.length < 8; i++) await sleep(50);
    expect(fake.messages.length).toBeGreaterThanOrEqual(8);
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeResume = fake.messages.length;

    const resumed = await haggle(["resume", dir, "--json"], { env: env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(fake.messages.length).toBeGreaterThan(beforeResume);

    const log = await logOf(dir);
    const state = replay(log);
    expect(state.status).toBe("closed");
    const owed = log.flatMap((event) =>
      renderEvent(event, state, { negotiations: false })
        .filter((post) => post.target.kind !== "dm")
        .map((post) => post.key),
    );
    const keys = fake.in(CHANNEL).map((m) => String(m.metadata?.event_payload.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(owed);
    expect(fake.in(CHANNEL).every((m) => m.thread_ts === undefined)).toBe(true);
    expect(keys.length).toBeGreaterThan(10);

    // The organiser hands each person the code that links them in Slack.
    const codes = await haggle(["slack", "link-code", dir, "--as", "p001", "--json"], { env: env() });
    expect(codes.code, codes.stderr).toBe(0);
    expect(JSON.parse(codes.stdout)).toEqual([
      { participant: "p001", name: expect.any(String), code: slackLinkCode("e2e-secret", CHANNEL, "p001") },
    ]);
  });

  it("refuses a slack: block it cannot use, before the market starts, saying what to do", async () => {
    const virtual = join(root, "virtual.yaml");
    writeFileSync(
      virtual,
      [
        "name: v",
        "population:",
        "  generate:",
        "    participants: 4",
        "slack:",
        `  channel: ${CHANNEL}`,
      ].join("\n"),
    );
    const simulated = await haggle(["run", "--config", virtual, "--out", join(root, "v")], { env: env() });
    expect(simulated.code).toBe(2);
    expect(simulated.stderr).toContain("slack: the Slack mirror follows a live market: add clock: wall");

    const named = writeConfig("by-name", ["slack:", "  channel: '#market'"]);
    const byName = await haggle(["run", "--config", named, "--out", join(root, "n")], { env: env() });
    expect(byName.code).toBe(2);
    expect(byName.stderr).toContain("slack.channel: write the channel's id, like C0123ABCD, not its name");

    const fine = writeConfig("no-token", ["slack:", `  channel: ${CHANNEL}`]);
    const noToken = await haggle(["run", "--config", fine, "--out", join(root, "t")], {
      env: { ...env(), SLACK_BOT_TOKEN: "" },
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("SLACK_BOT_TOKEN is not set");
    expect(fake.messages).toEqual([]);
  });
});
