import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MarketEvent } from "../engine/event.ts";
import type { EventStore } from "./event-store.ts";
import { isStoreError, type StoreErrorCode } from "./store-error.ts";

/** Hooks an adapter's test file passes to {@link runStoreContract}. */
export interface StoreContractOptions {
  /** Runs after the suite, once the store is closed: drop what `makeStore` created. */
  cleanup?: () => Promise<void>;
  /** Opens the same database again after the store was closed; enables the persistence test. */
  reopen?: () => Promise<EventStore>;
  /** Opens a second store on the same database while the first is open (servers only). */
  openSecond?: () => Promise<EventStore>;
}

/**
 * The behaviour every EventStore adapter must have, as one vitest suite. `makeStore` is called
 * once per suite (a fresh PGlite costs ~2 s), so each test works in markets and runs of its own.
 *
 * @example
 * runStoreContract("pglite (memory)", () => openPgliteStore());
 */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<EventStore>,
  options: StoreContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const suffix = Math.random().toString(36).slice(2, 8);
    let counter = 0;
    /** A market of its own for one test, created in a run of its own. */
    const freshMarket = async (): Promise<{ marketId: string; runId: string }> => {
      counter += 1;
      const ids = { marketId: `m${counter}-${suffix}`, runId: `r${counter}-${suffix}` };
      await store.createMarket({ ...ids, createdAt: 1_700_000_000_000 + counter });
      return ids;
    };

    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      await store?.close();
      await options.cleanup?.();
    });

    it("reports an unknown market as empty", async () => {
      expect(await store.lastSeq("no-such-market")).toBe(0);
      expect(await store.read("no-such-market")).toEqual([]);
    });

    it("round-trips every field of every event", async () => {
      const { marketId } = await freshMarket();
      const events = sampleEvents(1, 40);
      await store.append(marketId, events);
      const read = await store.read(marketId);
      expect(read).toEqual(events);
      // An absent key stays absent rather than coming back as null or undefined.
      expect(read.filter((event) => "key" in event).length).toBe(
        events.filter((event) => "key" in event).length,
      );
      expect(read.map((event) => event.seq)).toEqual(events.map((event) => event.seq));
    });

    it("reads in seq order, and by inclusive range", async () => {
      const { marketId } = await freshMarket();
      await store.append(marketId, sampleEvents(1, 3));
      await store.append(marketId, sampleEvents(4, 4));
      await store.append(marketId, sampleEvents(8, 3));
      const seqs = async (range?: { fromSeq?: number; toSeq?: number }) =>
        (await store.read(marketId, range)).map((event) => event.seq);
      expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await seqs({ fromSeq: 3, toSeq: 5 })).toEqual([3, 4, 5]);
      expect(await seqs({ fromSeq: 9 })).toEqual([9, 10]);
      expect(await seqs({ toSeq: 2 })).toEqual([1, 2]);
      expect(await seqs({ fromSeq: 11 })).toEqual([]);
      expect(await store.lastSeq(marketId)).toBe(10);
    });

    it("treats an empty append as a no-op", async () => {
      const { marketId } = await freshMarket();
      await store.append(marketId, []);
      expect(await store.lastSeq(marketId)).toBe(0);
    });

    it("refuses a gap, before or inside the batch, and writes nothing", async () => {
      const { marketId } = await freshMarket();
      await expectCode(store.append(marketId, sampleEvents(2, 2)), "store/sequence-gap");
      await store.append(marketId, sampleEvents(1, 3));
      await expectCode(store.append(marketId, sampleEvents(5, 2)), "store/sequence-gap");
      const skipping = [...sampleEvents(4, 1), ...sampleEvents(6, 1)];
      await expectCode(store.append(marketId, skipping), "store/sequence-gap");
      expect(await store.lastSeq(marketId)).toBe(3);
      expect(await store.read(marketId)).toHaveLength(3);
    });

    it("refuses a duplicate seq, stored or inside the batch, and writes nothing", async () => {
      const { marketId } = await freshMarket();
      await store.append(marketId, sampleEvents(1, 3));
      await expectCode(store.append(marketId, sampleEvents(3, 2)), "store/duplicate-seq");
      await expectCode(store.append(marketId, sampleEvents(1, 1)), "store/duplicate-seq");
      const repeating = [...sampleEvents(4, 1), ...sampleEvents(4, 1)];
      await expectCode(store.append(marketId, repeating), "store/duplicate-seq");
      expect(await store.read(marketId)).toEqual(sampleEvents(1, 3));
    });

    it("writes nothing of a batch the database refuses part of", async () => {
      const { marketId } = await freshMarket();
      await store.append(marketId, sampleEvents(1, 5));
      const batch = sampleEvents(6, 5000);
      // U+0000 passes every check in JS, then PostgreSQL refuses it in the third chunk.
      batch[4500] = { ...batch[4500]!, actor: "a\u0000b" };
      await expectCode(store.append(marketId, batch), "store/invalid-data");
      expect(await store.lastSeq(marketId)).toBe(5);
      expect(await store.read(marketId)).toHaveLength(5);
      // A batch that fits one statement is atomic without a transaction.
      const small = sampleEvents(6, 3);
      small[2] = { ...small[2]!, actor: "a\u0000b" };
      await expectCode(store.append(marketId, small), "store/invalid-data");
      expect(await store.lastSeq(marketId)).toBe(5);
      await store.append(marketId, sampleEvents(6, 2));
      expect(await store.read(marketId)).toEqual(sampleEvents(1, 7));
    });

    it("refuses events the columns cannot hold", async () => {
      const { marketId } = await freshMarket();
      const [event] = sampleEvents(1, 1);
      await expectCode(store.append(marketId, [{ ...event!, at: 1.5 }]), "store/invalid-data");
      await expectCode(store.append(marketId, [{ ...event!, seq: 0 }]), "store/invalid-data");
      expect(await store.lastSeq(marketId)).toBe(0);
    });

    it("refuses an append to a market that was never created", async () => {
      await expectCode(store.append(`ghost-${suffix}`, sampleEvents(1, 1)), "store/unknown-market");
    });

    it("creates a market idempotently, but not under a second run", async () => {
      const { marketId, runId } = await freshMarket();
      await store.append(marketId, sampleEvents(1, 2));
      await store.createMarket({ marketId, runId, createdAt: 0 });
      expect(await store.lastSeq(marketId)).toBe(2);
      await expectCode(
        store.createMarket({ marketId, runId: "another-run", createdAt: 0 }),
        "store/market-exists",
      );
    });

    it("migrates idempotently and keeps the data", async () => {
      const { marketId } = await freshMarket();
      await store.append(marketId, sampleEvents(1, 2));
      await store.migrate();
      await store.migrate();
      expect(await store.read(marketId)).toEqual(sampleEvents(1, 2));
    });

    it("keeps markets apart", async () => {
      const first = await freshMarket();
      const second = await freshMarket();
      await store.append(first.marketId, sampleEvents(1, 3, "alice"));
      await store.append(second.marketId, sampleEvents(1, 5, "bob"));
      expect(await store.read(first.marketId)).toEqual(sampleEvents(1, 3, "alice"));
      expect(await store.read(second.marketId)).toEqual(sampleEvents(1, 5, "bob"));
      expect(await store.lastSeq(first.marketId)).toBe(3);
    });

    it("lists markets by run, in creation order, with progress and meta", async () => {
      const runId = `list-${suffix}`;
      await store.createMarket({
        marketId: `${runId}/b`,
        runId,
        createdAt: 20,
        meta: { arm: "mixed", seed: 7 },
      });
      await store.createMarket({ marketId: `${runId}/a`, runId, createdAt: 10 });
      await store.append(`${runId}/b`, sampleEvents(1, 4));
      expect(await store.listMarkets(runId)).toEqual([
        { marketId: `${runId}/a`, runId, createdAt: 10, lastSeq: 0 },
        { marketId: `${runId}/b`, runId, createdAt: 20, lastSeq: 4, meta: { arm: "mixed", seed: 7 } },
      ]);
      const all = await store.listMarkets();
      expect(all.map((market) => market.marketId)).toEqual(
        expect.arrayContaining([`${runId}/a`, `${runId}/b`]),
      );
      expect(await store.listMarkets(`no-such-run-${suffix}`)).toEqual([]);
    });

    it("puts, gets and overwrites documents per run", async () => {
      const runId = `docs-${suffix}`;
      expect(await store.getDocument(runId, "config")).toBeUndefined();
      await store.putDocument(runId, "config", { arms: ["strong", "mixed"], budget: 10_000 });
      await store.putDocument(runId, "config", { arms: ["strong"], budget: 5_000 });
      await store.putDocument(`${runId}-other`, "config", { other: true });
      expect(await store.getDocument(runId, "config")).toEqual({ arms: ["strong"], budget: 5_000 });
      for (const body of [[1, 2, 3], "a string", 42, null, true]) {
        await store.putDocument(runId, "value", body);
        expect(await store.getDocument(runId, "value")).toEqual(body);
      }
      await expectCode(store.putDocument(runId, "nothing", undefined), "store/invalid-data");
    });

    it("appends and reads back a batch of 20,000 events", async () => {
      const { marketId } = await freshMarket();
      const events = sampleEvents(1, 20_000);
      await store.append(marketId, events);
      expect(await store.lastSeq(marketId)).toBe(20_000);
      const read = await store.read(marketId);
      expect(read).toHaveLength(20_000);
      expect(read[12_345]).toEqual(events[12_345]);
      expect(read[19_999]).toEqual(events[19_999]);
    });

    it("lets exactly one of two racing appends of the same seqs win", async () => {
      const { marketId } = await freshMarket();
      const results = await Promise.allSettled([
        store.append(marketId, sampleEvents(1, 3, "alice")),
        store.append(marketId, sampleEvents(1, 3, "bob")),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected");
      expect(isStoreError(refused?.reason, "store/duplicate-seq")).toBe(true);
      expect(await store.read(marketId)).toHaveLength(3);
    });

    it("gives a market's writer lock to one holder at a time", async () => {
      const { marketId } = await freshMarket();
      const other = await freshMarket();
      await store.lockMarket(marketId);
      await expectCode(store.lockMarket(marketId), "store/locked");
      await store.lockMarket(other.marketId);
      if (options.openSecond === undefined) return;
      const second = await options.openSecond();
      try {
        await expectCode(second.lockMarket(marketId), "store/locked");
        // Reading needs no lock.
        expect(await second.read(marketId)).toEqual(await store.read(marketId));
      } finally {
        await second.close();
      }
      const third = await options.openSecond();
      const market = await freshMarket();
      try {
        await third.lockMarket(market.marketId);
        await expectCode(store.lockMarket(market.marketId), "store/locked");
      } finally {
        await third.close();
      }
      // Closing the holder frees the lock.
      await store.lockMarket(market.marketId);
    });

    // Last: it closes the shared store (and, with `reopen`, replaces it).
    it("refuses use after close; with reopen, the data survives", async () => {
      const { marketId } = await freshMarket();
      await store.append(marketId, sampleEvents(1, 25));
      await store.putDocument(`keep-${suffix}`, "results", { deals: 3 });
      await store.close();
      await store.close();
      await expectCode(store.lastSeq(marketId), "store/closed");
      await expectCode(store.append(marketId, sampleEvents(26, 1)), "store/closed");
      await expectCode(store.migrate(), "store/closed");
      if (options.reopen === undefined) return;
      store = await options.reopen();
      expect(await store.read(marketId)).toEqual(sampleEvents(1, 25));
      expect(await store.getDocument(`keep-${suffix}`, "results")).toEqual({ deals: 3 });
      await store.append(marketId, sampleEvents(26, 1));
      expect(await store.lastSeq(marketId)).toBe(26);
    });
  });
}

async function expectCode(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isStoreError(error) ? error.code : error).toBe(code);
}

/**
 * `count` events from seq `from`, of several shapes: nested objects and arrays, money in cents,
 * times past 2^31, text with quotes, emoji and non-Latin script, with and without a key.
 */
export function sampleEvents(from: number, count: number, actor = "alice"): MarketEvent[] {
  return Array.from({ length: count }, (_, index): MarketEvent => {
    const seq = from + index;
    const meta = { seq, at: 1_733_000_000_000 + seq * 1_000, actor };
    switch (seq % 5) {
      case 0:
        return {
          ...meta,
          key: `key-${seq}`,
          type: "offer-made",
          offer: {
            id: `offer-${seq}`,
            version: 2,
            threadId: "thread-1",
            listingId: "listing-1",
            from: actor,
            to: "bob",
            price: 12_345 + seq,
            expiresAt: 1_733_000_900_000,
            status: "open",
            madeAt: meta.at,
          },
        };
      case 1:
        return {
          ...meta,
          type: "message-posted",
          message: {
            id: `message-${seq}`,
            where: "channel",
            from: actor,
            text: `Would you take $12 for the "lamp"? \\ it's 💡 — ничего страшного <b>${seq}</b>\n`,
            at: meta.at,
          },
        };
      case 2:
        return { ...meta, type: "usage-recorded", inputTokens: 1_200 + seq, outputTokens: 0 };
      case 3:
        return {
          ...meta,
          key: `key-${seq}`,
          type: "action-refused",
          action: {
            type: "accept-offer",
            summary: { offerId: "offer-1", version: 1, nested: [1, [2, { x: null }]] },
          },
          code: "offer/stale-version",
          message: "That offer changed; accept version 2 instead.",
        };
      default:
        return { ...meta, type: "market-opened", closesAt: 1_733_604_800_000 };
    }
  });
}
