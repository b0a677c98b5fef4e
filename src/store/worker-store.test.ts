import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runStoreContract, sampleEvents } from "./store-contract.ts";
import { isStoreError } from "./store-error.ts";
import { openStoreInWorker } from "./worker-store.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-worker-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const contractDir = join(root, "contract", "db");
runStoreContract("pglite on a worker thread", async () => openStoreInWorker({ dataDir: contractDir }), {
  reopen: async () => openStoreInWorker({ dataDir: contractDir }),
});

describe("openStoreInWorker", () => {
  it("queues calls made before the database is open, in order", async () => {
    const store = openStoreInWorker({ dataDir: join(root, "queued", "db") });
    const created = store.createMarket({ marketId: "m", runId: "r", createdAt: 0 });
    const first = store.append("m", sampleEvents(1, 3));
    const second = store.append("m", sampleEvents(4, 2));
    await Promise.all([created, first, second]);
    expect((await store.read("m")).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    await store.close();
  });

  it("passes a store's typed error back to the caller", async () => {
    const store = openStoreInWorker({ dataDir: join(root, "typed", "db") });
    await store.createMarket({ marketId: "m", runId: "r", createdAt: 0 });
    const error = await store.append("m", sampleEvents(5, 1)).catch((reason: unknown) => reason);
    expect(isStoreError(error, "store/sequence-gap")).toBe(true);
    await store.close();
    const closed = await store.read("m").catch((reason: unknown) => reason);
    expect(isStoreError(closed, "store/closed")).toBe(true);
  });
});
