import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testPostgresUrl } from "../../test/support/test-postgres.ts";
import { createAgent } from "../agents/registry.ts";
import { HaggleError } from "../domain/errors.ts";
import type { MarketEvent } from "../engine/event.ts";
import { person } from "../engine/testing/fixtures.ts";
import { parseRunConfig } from "../runner/load-run-config.ts";
import type { MarketHost } from "../runner/market-host.ts";
import { openPgliteStore } from "../store/index.ts";
import { joinMarket } from "./commands/join-market.ts";
import { submitAction } from "./commands/submit-action.ts";
import { hostAccess, openRunHost } from "./open-run-host.ts";
import { resumeRun, startRun } from "./run-market.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-app-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A market day in 18 real seconds: long enough that a loaded machine still acts in it before it closes.
const config = parseRunConfig({
  name: "live-app",
  seed: 4,
  clock: "wall",
  speed: 4_800,
  days: 1,
  population: { generate: { participants: 6 } },
  agents: { all: "engine:strong" },
});

async function logOf(dir: string): Promise<MarketEvent[]> {
  const marketId = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).marketId as string;
  const store = await openPgliteStore(join(dir, "db"));
  try {
    return await store.read(marketId);
  } finally {
    await store.close();
  }
}

/** Runs `act` on the market's host as soon as it runs; `done` settles as `act` does. */
function withHost<T>(act: (host: MarketHost) => Promise<T>) {
  let settle!: { resolve: (value: T) => void; reject: (error: unknown) => void };
  const done = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  done.catch(() => {});
  return {
    onHost: (host: MarketHost) => void act(host).then(settle.resolve, settle.reject),
    done: () => done,
  };
}

describe("a live run", () => {
  it("takes a late joiner, stops where it is, refuses a second host, and resumes with the joiner's agent", async () => {
    const dir = join(root, "join");
    const lee = person("lee", { items: [{ id: "lamp", title: "Desk lamp", asking: 2500, reserve: 1500 }] });
    const first = withHost(async (host) => {
      for await (const event of host.events()) if (event.type === "market-opened") break;
      await joinMarket(host, lee, "engine:weak");
      // A joiner is checked like a participant file, naming the bad field.
      await expect(joinMarket(host, { id: "x y", name: "", mandate: {} }, "engine:weak")).rejects.toThrow(
        /id/,
      );
      await expect(joinMarket(host, person("kim"), "engine:nonsense")).rejects.toThrow(
        /unknown built-in agent/,
      );
      // Outside input goes through the engine and comes back typed when refused.
      const access = hostAccess(host);
      await expect(submitAction(access, "market", { type: "close-market" })).rejects.toMatchObject({
        kind: "forbidden",
      });
      await expect(
        submitAction(access, "nobody", { type: "send-message", where: "channel", text: "hi" }),
      ).rejects.toMatchObject({ kind: "not-found" });
      await expect(
        submitAction(access, "lee", { type: "confirm-deal", dealId: "D404" }),
      ).rejects.toMatchObject({ kind: "conflict", code: expect.stringMatching(/^deal\//) });
      const said = await submitAction(access, "lee", {
        type: "send-message",
        where: "channel",
        text: "lamp!",
      });
      expect(said.map((event) => event.type)).toEqual(["message-posted"]);
      await host.close();
    });
    const outcome = await startRun(config, { dir, createAgent, onHost: first.onHost });
    await first.done();
    expect(outcome.stopped).toBe(true);
    const record = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
    expect(record.status).toBe("running");
    expect(record.assignment.lee).toBe("engine:weak");
    expect(record.participants.map((p: { id: string }) => p.id)).toContain("lee");

    const second = withHost(async (host) => {
      // One writer: a host opened on the same log while this one runs is refused.
      const refused = await openRunHost(dir).catch((error: unknown) => error);
      expect(HaggleError.isInstance(refused)).toBe(true);
      expect((refused as HaggleError).kind).toBe("conflict");
      return host;
    });
    const resumed = await resumeRun(dir, { createAgent, onHost: second.onHost });
    await second.done();
    expect(resumed.stopped).toBe(false);
    expect(resumed.resumedFrom).toBeGreaterThan(0);

    const log = await logOf(dir);
    expect(log.map((event) => event.seq)).toEqual(log.map((_, i) => i + 1));
    expect(
      log.filter((event) => event.type === "participant-registered" && event.participant.id === "lee"),
    ).toHaveLength(1);
    expect(log.some((event) => event.type === "listing-posted" && event.actor === "lee")).toBe(true);
    expect(
      log.filter((event) => event.type === "message-posted" && event.message.text === "lamp!"),
    ).toHaveLength(1);
    expect(log.some((event) => event.type === "market-closed")).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).status).toBe("finished");
    const records = JSON.parse(readFileSync(join(dir, "records.json"), "utf8"));
    expect(records.deals.length).toBe(resumed.summary.deals);
    for (const deal of resumed.state.deals.values()) {
      if (deal.status === "confirmed") expect(existsSync(join(dir, "memos", `${deal.id}.md`))).toBe(true);
    }
  });

  it("but a simulation takes no outside input, so its resume can re-derive it from the seed", async () => {
    const simulation = parseRunConfig({
      name: "sim",
      seed: 4,
      days: 1,
      population: { generate: { participants: 4 } },
      agents: { all: "engine:weak" },
    });
    const tried = withHost(async (host) => {
      await expect(
        host.submit("p001", { type: "send-message", where: "channel", text: "hi" }),
      ).rejects.toMatchObject({ kind: "conflict", code: "host/simulation" });
      await expect(joinMarket(host, person("kim"), "engine:weak")).rejects.toMatchObject({
        code: "host/simulation",
      });
    });
    const outcome = await startRun(simulation, { dir: join(root, "sim"), createAgent, onHost: tried.onHost });
    await tried.done();
    expect(outcome.stopped).toBe(false);
  });
});

/** The tests' PostgreSQL: see test/support/postgres.ts (HAGGLE_TEST_PG=off skips this test). */
const testPgUrl = testPostgresUrl();
const pgUrl = testPgUrl ?? "";

describe.skipIf(testPgUrl === undefined)("a live run on PostgreSQL", () => {
  it("holds the market's advisory lock while it runs, and resumes from the log there", async () => {
    const dir = join(root, "pg");
    // Market ids are unique per database: this test's run must not meet an earlier one's.
    const runId = `live-pg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const first = withHost(async (host) => {
      for await (const event of host.events()) if (event.type === "market-opened") break;
      const refused = await openRunHost(dir, pgUrl).catch((error: unknown) => error);
      expect((refused as HaggleError).code).toBe("store/locked");
      await host.close();
    });
    const stopped = await startRun(config, { dir, db: pgUrl, runId, createAgent, onHost: first.onHost });
    await first.done();
    expect(stopped.stopped).toBe(true);
    const resumed = await resumeRun(dir, { db: pgUrl, createAgent });
    expect(resumed.stopped).toBe(false);
    expect(resumed.resumedFrom).toBe(stopped.events);
    expect(resumed.state.status).toBe("closed");
    // Once the market is done, a command may open it (and so take the lock) again.
    const after = await openRunHost(dir, pgUrl);
    expect((await after.state()).status).toBe("closed");
    await after.close();
  });
});
