import { describe, expect, it } from "vitest";
import { oneTurnAtATimeNote, turnWorkersFrom } from "./turn-workers-options.ts";

const PG = "postgres://postgres@127.0.0.1:5432/test";

describe("--turn-workers", () => {
  it("is off without the flag, and its settings alone are refused, naming the flag to add", () => {
    expect(turnWorkersFrom({}, undefined)).toBeUndefined();
    expect(() => turnWorkersFrom({ turnQueue: "q" }, PG)).toThrow(
      /--turn-queue is a setting of --turn-workers/,
    );
    expect(() => turnWorkersFrom({ turnExpiry: "10" }, PG)).toThrow(/--turn-expiry is a setting/);
  });

  it("needs a PostgreSQL database, and says which flag gives it", () => {
    expect(() => turnWorkersFrom({ turnWorkers: true }, undefined)).toThrow(/give --db postgres:\/\//);
    expect(() => turnWorkersFrom({ turnWorkers: true }, "/tmp/data")).toThrow(/HAGGLE_DB/);
  });

  it("takes a queue and an expiry of 3 s or more", () => {
    expect(turnWorkersFrom({ turnWorkers: true }, PG)).toEqual({});
    expect(turnWorkersFrom({ turnWorkers: true, turnQueue: "big", turnExpiry: "5" }, PG)).toEqual({
      queue: "big",
      expireSeconds: 5,
    });
    expect(() => turnWorkersFrom({ turnWorkers: true, turnExpiry: "2" }, PG)).toThrow(/3 or more/);
    expect(() => turnWorkersFrom({ turnWorkers: true, turnExpiry: "ten" }, PG)).toThrow(/"ten"/);
  });

  it("tells a market without a turn window that each turn is a round trip", () => {
    expect(oneTurnAtATimeNote(0)).toMatch(/set turnWindow/);
    expect(oneTurnAtATimeNote(30 * 60_000)).toBeUndefined();
  });
});
