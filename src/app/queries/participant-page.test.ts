import { describe, expect, it } from "vitest";
import { participantPage } from "./participant-page.ts";
import { smallMarket } from "./testing/small-market.ts";

describe("participantPage", () => {
  const state = smallMarket();

  it("shows a participant their own page with their mandate and what they can still spend", () => {
    const page = participantPage(state, { participant: "sam" }, "sam");
    expect(page).toMatchObject({ id: "sam", name: "Sam", spent: 0, earned: 6000, held: 2900 });
    expect(page.available).toBe(24_680 - 2900);
    expect(page.mandate).toEqual(state.participants.get("sam")!.participant.mandate);
    expect(page.listings.map((l) => [l.id, l.status])).toEqual([
      ["L1", "sold"],
      ["L2", "active"],
    ]);
    expect(page.wantAds.map((a) => [a.id, a.status])).toEqual([["A4", "active"]]);
    expect(page.threads.map((t) => t.id)).toEqual(["T1", "T2", "T3", "T4"]);
    expect(page.deals).toEqual([
      {
        id: "D1",
        threadId: "T1",
        listingId: "L1",
        item: "Blue road bike",
        role: "seller",
        counterpart: { id: "bea", name: "Bea" },
        price: 6000,
        status: "handed-over",
        acceptedAt: 9,
        confirmedAt: 10,
        handOver: { seller: true, buyer: true },
      },
      {
        id: "D2",
        threadId: "T4",
        listingId: "L4",
        item: "Camping tent",
        role: "buyer",
        counterpart: { id: "cal", name: "Cal" },
        price: 2900,
        status: "accepted",
        acceptedAt: 16,
        handOver: { seller: false, buyer: false },
      },
    ]);
  });

  it("shows the operator anyone's page, without their mandate", () => {
    const page = participantPage(state, "operator", "bea");
    expect(page).toMatchObject({ id: "bea", spent: 6000, earned: 0, held: 0 });
    expect(page).not.toHaveProperty("mandate");
    expect(page).not.toHaveProperty("available");
    const own = participantPage(state, { participant: "bea" }, "bea");
    const { mandate: _mandate, available: _available, ...rest } = own;
    expect(page).toEqual(rest);
  });

  it("refuses someone else's page, and says so for an unknown id", () => {
    expect(() => participantPage(state, { participant: "cal" }, "sam")).toThrow(
      expect.objectContaining({ kind: "forbidden", code: "participant/forbidden" }),
    );
    expect(() => participantPage(state, "operator", "eve")).toThrow(
      expect.objectContaining({ kind: "not-found", code: "participant/not-found" }),
    );
  });
});
