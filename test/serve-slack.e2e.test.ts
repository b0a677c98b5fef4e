import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../src/interfaces/slack/testing/fake-slack.ts";
import { HttpSession, type ServedMarket, startServe } from "./support/serve-process.ts";

const TOKEN = "xoxb-serve";
const CHANNEL = "C0SERVE";
const root = mkdtempSync(join(tmpdir(), "haggle-serve-slack-"));
let served: ServedMarket | undefined;
const fake = new FakeSlack(TOKEN);
afterAll(async () => {
  await served?.kill().catch(() => {});
  await fake.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("haggle serve with a slack: block", () => {
  it("mirrors the served market's channel to Slack, refuses unsigned requests, and posts nothing twice after a kill", async () => {
    await fake.start();
    const config = join(root, "market.yaml");
    writeFileSync(
      config,
      [
        "name: slack-served",
        "seed: 4",
        "days: 1",
        "speed: 2880",
        "population: { generate: { participants: 6, itemsPerPerson: [1, 2], wantsPerPerson: [1, 1] } }",
        "slack:",
        `  channel: ${CHANNEL}`,
        `  apiUrl: ${fake.apiUrl}`,
        "  messagesPerSecond: 10",
      ].join("\n"),
    );
    const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "serve-secret" };
    const dir = join(root, "served");
    served = await startServe(["--config", config, "--dir", dir], env);
    const unsigned = await fetch(`${served.url}/slack/events`, { method: "POST", body: "command=/haggle" });
    expect([401, 503]).toContain(unsigned.status);
    const organiser = new HttpSession(served.url);
    await organiser.call("POST", "/api/organiser/login", { token: served.organiserToken });
    await organiser.call("POST", "/api/organiser/market/open", {});
    for (let i = 0; i < 100 && fake.in(CHANNEL).length < 10; i++) await sleep(200);
    expect(fake.in(CHANNEL).length).toBeGreaterThanOrEqual(10);
    const unsignedOpen = await fetch(`${served.url}/slack/events`, {
      method: "POST",
      body: "command=/haggle",
    });
    expect(unsignedOpen.status).toBe(401);

    await served.kill();
    served = await startServe(["--config", config, "--dir", dir], env);
    const before = fake.in(CHANNEL).length;
    for (let i = 0; i < 100 && fake.in(CHANNEL).length <= before; i++) await sleep(200);
    await sleep(1000);
    const keys = fake
      .in(CHANNEL)
      .map((m) => JSON.stringify(m.metadata?.event_payload ?? m.text))
      .filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    await served.stop();
    served = undefined;
  }, 120_000);
});
