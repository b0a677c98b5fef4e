import { afterEach, describe, expect, it, vi } from "vitest";
import { CallLimiter } from "../agents/llm/call-limiter.ts";
import { type MarketProgress, type ModelTrafficFields, reportWithTraffic } from "./model-traffic.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("reportWithTraffic", () => {
  it("adds the model traffic to each report, and reports a change on its own between the runner's reports", async () => {
    vi.useFakeTimers();
    const limiter = new CallLimiter(1);
    const reports: (MarketProgress & ModelTrafficFields)[] = [];
    const progress = reportWithTraffic(limiter, (report) => reports.push(report), 1000);
    progress.update({ fraction: 0.1, events: 50, deals: 2 });
    expect(reports).toEqual([
      {
        fraction: 0.1,
        events: 50,
        deals: 2,
        callsInFlight: 0,
        callsWaiting: 0,
        callsBackingOff: 0,
        rateLimited: 0,
      },
    ]);
    // Nothing changed: nothing more is told.
    await vi.advanceTimersByTimeAsync(3000);
    expect(reports).toHaveLength(1);
    // A call waits out a rate limit while the market's clock stands still: told within a second.
    let release!: () => void;
    const backingOff = limiter.backOff(() => new Promise<void>((resolve) => (release = resolve)), true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.at(-1)).toEqual({
      fraction: 0.1,
      events: 50,
      deals: 2,
      callsInFlight: 0,
      callsWaiting: 0,
      callsBackingOff: 1,
      rateLimited: 1,
    });
    release();
    await backingOff;
    progress.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(reports).toHaveLength(2);
  });
});
