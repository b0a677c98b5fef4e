import { describe, expect, it } from "vitest";
import { rateLimitNotice } from "./rate-limit-notice.ts";

describe("rateLimitNotice", () => {
  it("logs when the 429s grew, at most once every 10 s, with the calls backing off", () => {
    const lines: string[] = [];
    let now = 0;
    const notice = rateLimitNotice((line) => lines.push(line), "arm a", { now: () => now });
    notice({ callsInFlight: 3, rateLimited: 0 });
    expect(lines).toEqual([]);
    notice({ rateLimited: 1, callsBackingOff: 1 });
    now = 5_000;
    notice({ rateLimited: 4, callsBackingOff: 2 });
    now = 10_000;
    notice({ rateLimited: 4, callsBackingOff: 0 });
    notice({ rateLimited: 6, callsBackingOff: 2 });
    now = 25_000;
    notice({ rateLimited: 6, callsBackingOff: 0 });
    expect(lines).toEqual([
      "arm a: the model answered 429 (rate limit) 1 time so far; 1 call waiting out a retry-after now",
      "arm a: the model answered 429 (rate limit) 4 times so far; 0 calls waiting out a retry-after now",
      "arm a: the model answered 429 (rate limit) 6 times so far; 0 calls waiting out a retry-after now",
    ]);
  });
});
