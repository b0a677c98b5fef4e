import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openRun } from "../src/interfaces/cli/open-run.ts";
import { HttpSession, type ServedMarket, startServe } from "./support/serve-process.ts";
import { testPostgresUrl } from "./support/test-postgres.ts";

const pgUrl = testPostgresUrl();
const root = mkdtempSync(join(tmpdir(), "haggle-serve-pg-"));
const running: ServedMarket[] = [];
afterAll(async () => {
  for (const served of running) await served.kill().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

function config(file: string, seed: number): string {
  const path = join(root, file);
  writeFileSync(
    path,
    `name: club-market\nseed: ${seed}\ndays: 1\nspeed: 2400\npopulation: { generate: { participants: 6 } }\n`,
  );
  return path;
}

async function openMarket(served: ServedMarket): Promise<HttpSession> {
  const organiser = new HttpSession(served.url);
  await organiser.call("POST", "/api/organiser/login", { token: served.organiserToken });
  expect((await organiser.call("POST", "/api/organiser/market/open", {})).body.market.phase).toBe("open");
  return organiser;
}

async function titles(organiser: HttpSession): Promise<string[]> {
  const channel = (await organiser.call("GET", "/api/channel?limit=500")).body as {
    entries: { kind: string; text: string }[];
  };
  return channel.entries.filter((e) => e.kind === "for sale").map((e) => e.text);
}

describe.skipIf(!pgUrl)("haggle serve --db postgres://", () => {
  it("keeps two served markets of the same name apart in one database, and resumes one after a kill", async () => {
    const a = await startServe(["--config", config("a.yaml", 1), "--dir", join(root, "a"), "--db", pgUrl!]);
    running.push(a);
    const b = await startServe(["--config", config("b.yaml", 2), "--dir", join(root, "b"), "--db", pgUrl!]);
    running.push(b);
    const organiserA = await openMarket(a);
    const organiserB = await openMarket(b);
    let listedA: string[] = [];
    let listedB: string[] = [];
    for (let i = 0; i < 100 && (listedA.length === 0 || listedB.length === 0); i++) {
      await sleep(200);
      listedA = await titles(organiserA);
      listedB = await titles(organiserB);
    }
    expect(listedA.length).toBeGreaterThan(0);
    expect(listedB.length).toBeGreaterThan(0);
    expect(listedA).not.toEqual(listedB);
    // The channel shows what the market holds in memory, a few ms ahead of its log; on a loaded machine
    // the log can lag further (CI, 2026-12-07). What a kill cannot lose is what is in the log: wait
    // until the listings seen are there.
    const durableTitles = async () => {
      const { state } = await openRun(join(root, "a", "market"), pgUrl!);
      return [...state.listings.values()].map((listing) => listing.title).reverse();
    };
    for (let i = 0; i < 100 && (await durableTitles()).length < listedA.length; i++) await sleep(200);

    const before = (await organiserA.call("GET", "/api/session")).body.market.lastSeq as number;
    await a.kill();
    const durable = await durableTitles();
    expect(durable.slice(-listedA.length)).toEqual(listedA);
    const again = await startServe([
      "--config",
      config("a.yaml", 1),
      "--dir",
      join(root, "a"),
      "--db",
      pgUrl!,
    ]);
    running.push(again);
    organiserA.base = again.url;
    let after = 0;
    for (let i = 0; i < 100 && after <= before; i++) {
      await sleep(200);
      after = (await organiserA.call("GET", "/api/session")).body.market.lastSeq as number;
    }
    expect(after).toBeGreaterThan(before);
    // The resumed market is market A's, not B's: it goes on from A's log.
    const resumed = await titles(organiserA);
    expect(resumed.slice(-durable.length)).toEqual(durable);
    await again.stop();
    await b.stop();
  }, 120_000);
});
