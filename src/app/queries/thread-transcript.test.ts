import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { smallMarket } from "./testing/small-market.ts";
import { threadTranscript } from "./thread-transcript.ts";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("threadTranscript", () => {
  it("gives a side the whole negotiation: item, price, people, status, deal, messages and offers", () => {
    const transcript = threadTranscript(smallMarket(), { participant: "bea" }, "T1");
    expect(transcript).toMatchObject({
      id: "T1",
      listingId: "L1",
      item: "Blue road bike",
      askingPrice: 8000,
      seller: { id: "sam", name: "Sam" },
      buyer: { id: "bea", name: "Bea" },
      status: "handed-over",
      deal: { id: "D1", price: 6000, status: "handed-over", handedOverBy: ["sam", "bea"] },
      messageCount: 4,
      offersMade: 2,
      transcript: "kept",
    });
    expect(transcript.messages.map((m) => [m.at, m.from.id, m.text])).toEqual([
      [5, "bea", "50 for it?"],
      [7, "sam", "60 and it is yours"],
      [9, "bea", "Deal"],
      [10, "sam", "Confirmed"],
    ]);
    expect(transcript.offers.map((o) => [o.id, o.from.id, o.price, o.status])).toEqual([
      ["O1", "bea", 5000, "countered"],
      ["O3", "sam", 6000, "accepted"],
    ]);
  });

  it("gives the operator any thread, and both sides the same transcript", () => {
    const state = smallMarket();
    const seen = threadTranscript(state, "operator", "T3");
    expect(seen.status).toBe("declined");
    expect(seen.messages.map((m) => m.text)).toEqual(["15?", "No thanks"]);
    expect(threadTranscript(state, { participant: "sam" }, "T3")).toEqual(seen);
    expect(threadTranscript(state, { participant: "dan" }, "T3")).toEqual(seen);
  });

  it("tells anyone else there is no such thread, exactly as for an id that does not exist", () => {
    const state = smallMarket();
    const other = refusal(() => threadTranscript(state, { participant: "cal" }, "T1"));
    const missing = refusal(() => threadTranscript(state, { participant: "cal" }, "T99"));
    expect([other.kind, other.code]).toEqual(["not-found", "thread/not-found"]);
    expect([missing.kind, missing.code]).toEqual([other.kind, other.code]);
    expect(missing.message.replace("T99", "T1")).toBe(other.message);
    expect(refusal(() => threadTranscript(state, "operator", "T99")).code).toBe("thread/not-found");
  });

  it("takes a deal id for the negotiation that made the deal, and hides it from anyone else alike", () => {
    const state = smallMarket();
    expect(threadTranscript(state, "operator", "D1")).toEqual(threadTranscript(state, "operator", "T1"));
    expect(threadTranscript(state, { participant: "bea" }, "D1").id).toBe("T1");
    const other = refusal(() => threadTranscript(state, { participant: "cal" }, "D1"));
    const missing = refusal(() => threadTranscript(state, { participant: "cal" }, "D99"));
    expect([other.code, missing.code]).toEqual(["thread/not-found", "thread/not-found"]);
    expect(missing.message.replace("D99", "D1")).toBe(other.message);
    expect(other.message).toContain("thread or deal");
  });

  it("keeps a dropped transcript's counts and says it was dropped", () => {
    const all = smallMarket("all");
    const live = smallMarket("live");
    for (const id of ["T2", "T3"]) {
      const kept = threadTranscript(all, "operator", id);
      const dropped = threadTranscript(live, "operator", id);
      expect(kept.transcript).toBe("kept");
      expect(dropped).toEqual({ ...kept, transcript: "dropped", messages: [], offers: [] });
      expect(dropped.messageCount).toBe(kept.messages.length);
    }
    // Threads with a deal keep every word in a live market.
    for (const id of ["T1", "T4"]) {
      expect(threadTranscript(live, "operator", id)).toEqual(threadTranscript(all, "operator", id));
    }
  });
});
