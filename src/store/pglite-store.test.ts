import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPgliteStore } from "./pglite-store.ts";
import { runStoreContract, sampleEvents } from "./store-contract.ts";
import { isStoreError } from "./store-error.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-pglite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

runStoreContract("pglite (memory)", () => openPgliteStore());

const contractDir = join(root, "contract", "db");
runStoreContract("pglite (data folder)", () => openPgliteStore(contractDir), {
  reopen: () => openPgliteStore(contractDir),
});

describe("openPgliteStore data folder lock", () => {
  it("refuses a second open of one folder until the first is closed", async () => {
    const dataDir = join(root, "locked");
    const first = await openPgliteStore(dataDir);
    const error = await openPgliteStore(dataDir).catch((reason: unknown) => reason);
    expect(isStoreError(error, "store/locked")).toBe(true);
    expect(String(error)).toContain(dataDir);
    await first.createMarket({ marketId: "m", runId: "r", createdAt: 0 });
    await first.append("m", sampleEvents(1, 3));
    await first.close();
    const second = await openPgliteStore(dataDir);
    expect(await second.lastSeq("m")).toBe(3);
    await second.close();
  });

  it("takes over a lock left by a process that has died", async () => {
    const dataDir = join(root, "stale");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(`${dataDir}.lock`, String(dead));
    const store = await openPgliteStore(dataDir);
    await store.close();
  });
});
