import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { MarketEvent } from "../src/engine/event.ts";
import { replay } from "../src/engine/replay.ts";
import { connectToRunningHost } from "../src/interfaces/local/host-client.ts";
import { openPgliteStore } from "../src/store/index.ts";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-live-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = join(root, "live.yaml");
// A market day in about 15 real seconds.
writeFileSync(
  config,
  [
    "name: live-check",
    "seed: 5",
    "clock: wall",
    "speed: 5760",
    "days: 1",
    "population:",
    "  generate:",
    "    participants: 12",
    "agents:",
    "  all: engine:strong",
  ].join("\n"),
);

function start(args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn("node", [join(repoRoot, "bin/haggle.js"), ...args], { stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

/** The running market's host, once its process serves it. */
async function runningHost(dir: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const host = await connectToRunningHost(dir);
    if (host) return host;
    await sleep(50);
  }
  throw new Error(`no market came up for ${dir}`);
}

/** Posts `count` channel messages from outside, each acknowledged before the next. */
async function postFromOutside(dir: string, label: string, count: number): Promise<string[]> {
  const host = await runningHost(dir);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `outside ${label} ${i}`;
    const result = await host.submit("p001", { type: "send-message", where: "channel", text });
    expect(result.ok).toBe(true);
    texts.push(text);
  }
  return texts;
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

describe("a live market", () => {
  it("takes outside input while it runs, is read by show, survives kill -9, and keeps every acknowledged action once", {
    timeout: 180_000,
  }, async () => {
    const dir = join(root, "run");
    const first = start(["run", "--config", config, "--out", dir]);
    const before = await postFromOutside(dir, "before", 5);

    // `show` reads the running market through its host: the embedded store is locked meanwhile.
    const shown = await haggle(["show", dir, "--channel", "--json"]);
    expect(shown.code).toBe(0);
    const channel = JSON.parse(shown.stdout) as { text: string }[];
    for (const text of before) expect(channel.map((post) => post.text)).toContain(text);
    // A second host on the same log is refused while the first runs.
    const second = await haggle(["resume", dir]);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/already open|already run/);

    first.child.kill("SIGKILL");
    await first.exited;

    const resumed = start(["resume", dir]);
    const after = await postFromOutside(dir, "after", 5);
    // A hand-over while the market runs goes through its host, once a deal is confirmed.
    let handedOver = false;
    for (let attempt = 0; attempt < 200 && !handedOver; attempt++) {
      const state = await (await runningHost(dir)).state().catch(() => undefined);
      const deal = state && [...state.deals.values()].find((candidate) => candidate.status === "confirmed");
      if (deal) {
        const result = await haggle(["handover", deal.id, "--as", deal.seller, "--run", dir, "--json"]);
        expect(result.code, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout).handedOverBy).toEqual([deal.seller]);
        handedOver = true;
      } else {
        await sleep(100);
      }
    }
    expect(handedOver).toBe(true);
    expect(await resumed.exited).toBe(0);

    const log = await logOf(dir);
    const state = replay(log);
    expect(state.status).toBe("closed");
    const posted = log.flatMap((event) => (event.type === "message-posted" ? [event.message.text] : []));
    for (const text of [...before, ...after]) {
      expect(posted.filter((candidate) => candidate === text)).toHaveLength(1);
    }
    expect(log.filter((event) => event.type === "deal-handed-over")).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).status).toBe("finished");
    expect(state.deals.size).toBeGreaterThan(0);
  });
});
