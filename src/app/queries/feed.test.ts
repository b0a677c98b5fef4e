import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { feed } from "./feed.ts";
import { smallMarket } from "./testing/small-market.ts";

describe("feed", () => {
  const state = smallMarket();

  it("lists listings, want ads and channel messages in time order, ties as listings, ads, messages", () => {
    const entries = feed(state, "operator").entries;
    expect(entries.map((e) => [e.id, e.at, e.kind])).toEqual([
      ["L1", 1, "for sale"],
      ["L2", 1, "for sale"],
      ["M1", 1, "message"],
      ["L3", 2, "for sale"],
      ["L4", 2, "for sale"],
      ["A1", 3, "looking for"],
      ["A2", 3, "looking for"],
      ["A3", 3, "looking for"],
      ["A4", 3, "looking for"],
      ["M2", 4, "message"],
    ]);
    expect(entries[0]).toEqual({
      id: "L1",
      at: 1,
      kind: "for sale",
      from: { id: "sam", name: "Sam" },
      text: "Blue road bike",
      status: "sold",
      condition: "good",
      askingPrice: 8000,
    });
    expect(entries[5]).toEqual({
      id: "A1",
      at: 3,
      kind: "looking for",
      from: { id: "bea", name: "Bea" },
      text: "a road bike",
      status: "fulfilled",
    });
    expect(entries[9]).toEqual({
      id: "M2",
      at: 4,
      kind: "message",
      from: { id: "sam", name: "Sam" },
      text: "Hello all, everything must go",
    });
  });

  it("is public: every participant sees what the operator sees", () => {
    const all = feed(state, "operator");
    for (const id of ["sam", "bea", "cal", "dan"]) expect(feed(state, { participant: id })).toEqual(all);
  });

  it("pages with after and limit, and says where the next page starts", () => {
    const all = feed(state, "operator").entries;
    const first = feed(state, "operator", { limit: 4 });
    expect(first.entries).toEqual(all.slice(0, 4));
    expect(first.next).toBe("L3");
    const second = feed(state, { participant: "dan" }, { after: first.next!, limit: 4 });
    expect(second.entries).toEqual(all.slice(4, 8));
    const last = feed(state, "operator", { after: second.next!, limit: 4 });
    expect(last.entries).toEqual(all.slice(8));
    expect(last.next).toBeUndefined();
    expect(feed(state, "operator", { after: "M2" })).toEqual({ entries: [] });
    expect(feed(state, "operator", { limit: all.length }).next).toBeUndefined();
  });

  it("refuses a bad limit, an unknown cursor and a viewer from outside the market", () => {
    for (const limit of [0, -1, 1.5, 1001]) {
      expect(() => feed(state, "operator", { limit })).toThrow(
        expect.objectContaining({ kind: "bad-input", code: "feed/bad-limit" }),
      );
    }
    expect(() => feed(state, "operator", { after: "L99" })).toThrow(
      expect.objectContaining({ kind: "bad-input", code: "feed/bad-cursor" }),
    );
    expect(() => feed(state, { participant: "eve" })).toThrow(AppError);
    expect(() => feed(state, { participant: "eve" })).toThrow(
      expect.objectContaining({ kind: "forbidden", code: "viewer/unknown" }),
    );
  });
});
