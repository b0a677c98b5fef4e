import { describe, expect, it } from "vitest";
import {
  estimateMarketEvents,
  PROGRESS_LINE_EVERY_MS,
  progressBar,
  progressBarLine,
  progressLine,
  progressPercent,
} from "./progress-bar.ts";

/** A progress bar on a fake clock, writing into a list. */
function fake(options: { json?: boolean; tty?: boolean; estimatedEvents?: number }) {
  let now = 1_000_000;
  const written: string[] = [];
  const bar = progressBar("demo", { ...options, now: () => now, write: (text) => void written.push(text) });
  return {
    bar,
    written,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe("progress by work done", () => {
  it("counts events against the estimate, not the market's clock, and holds 99% until the close", () => {
    const early = { fraction: 0.03, events: 4_711, deals: 61 };
    expect(progressPercent(early, 10_000)).toBe(47);
    expect(progressPercent(early)).toBe(3);
    expect(progressPercent({ fraction: 0.5, events: 12_000, deals: 100 }, 10_000)).toBe(99);
    expect(progressPercent({ fraction: 1, events: 9_000, deals: 100 }, 10_000)).toBe(100);
    // An estimate too high still moves with the clock near the end.
    expect(progressPercent({ fraction: 0.9, events: 5_000, deals: 100 }, 10_000)).toBe(90);
  });

  it("estimates a demo's events from its size, as measured", () => {
    expect(estimateMarketEvents(69)).toBeGreaterThan(11_185 * 0.93);
    expect(estimateMarketEvents(69)).toBeLessThan(11_185 * 1.07);
    expect(estimateMarketEvents(200)).toBeGreaterThan(estimateMarketEvents(69) * 3);
  });

  it("formats the plain line", () => {
    expect(progressLine("demo", 42, { fraction: 0.05, events: 4711, deals: 61 })).toBe(
      "demo: 42% (4,711 events, 61 deals)",
    );
    expect(progressLine("pd", 7, { fraction: 0, events: 12, deals: 1, callsInFlight: 3 })).toBe(
      "pd: 7% (12 events, 1 deal, 3 model calls in flight)",
    );
    const held = { callsInFlight: 1, callsWaiting: 31, callsBackingOff: 2, rateLimited: 5 };
    expect(progressLine("pd", 7, { fraction: 0, events: 12, deals: 1, ...held })).toBe(
      "pd: 7% (12 events, 1 deal, 1 model call in flight, 31 waiting for a slot, 2 backing off, 5 rate limits (429) so far)",
    );
    expect(progressBarLine("pd", 50, { fraction: 0.5, events: 12, deals: 1, ...held, callsWaiting: 0 })).toBe(
      "pd [###############...............]  50%  events 12  deals 1  1 model call in flight, 2 backing off, 5 rate limits (429) so far",
    );
  });
});

describe("progressBar", () => {
  it("off a terminal prints a plain line at most every 5 s, and the end once it printed any", () => {
    const { bar, written, advance } = fake({ tty: false, estimatedEvents: 10_000 });
    bar.update({ fraction: 0, events: 100, deals: 0 });
    advance(PROGRESS_LINE_EVERY_MS - 1);
    bar.update({ fraction: 0.01, events: 2_000, deals: 5 });
    expect(written).toEqual([]);
    advance(1);
    bar.update({ fraction: 0.01, events: 2_500, deals: 7 });
    advance(1000);
    bar.update({ fraction: 0.02, events: 3_000, deals: 9 });
    expect(written).toEqual(["demo: 25% (2,500 events, 7 deals)\n"]);
    advance(PROGRESS_LINE_EVERY_MS);
    bar.update({ fraction: 0.05, events: 4_711, deals: 61 });
    bar.update({ fraction: 1, events: 9_800, deals: 150 });
    bar.done();
    expect(written).toEqual([
      "demo: 25% (2,500 events, 7 deals)\n",
      "demo: 47% (4,711 events, 61 deals)\n",
      "demo: 100% (9,800 events, 150 deals)\n",
    ]);
  });

  it("off a terminal prints nothing for a run shorter than one line's wait", () => {
    const { bar, written, advance } = fake({ tty: false, estimatedEvents: 10_000 });
    bar.update({ fraction: 0.5, events: 5_000, deals: 10 });
    advance(1000);
    bar.update({ fraction: 1, events: 9_000, deals: 20 });
    bar.done();
    expect(written).toEqual([]);
  });

  it("prints nothing at all with --json, on a terminal or not", () => {
    for (const tty of [true, false]) {
      const { bar, written, advance } = fake({ json: true, tty, estimatedEvents: 10_000 });
      bar.update({ fraction: 0.1, events: 1_000, deals: 1 });
      advance(PROGRESS_LINE_EVERY_MS * 3);
      bar.update({ fraction: 1, events: 9_000, deals: 20 });
      bar.done();
      expect(written).toEqual([]);
    }
  });

  it("on a terminal redraws the bar in place when it changes, and ends the line", () => {
    const { bar, written } = fake({ tty: true, estimatedEvents: 1_000 });
    bar.update({ fraction: 0, events: 500, deals: 3 });
    bar.update({ fraction: 0, events: 500, deals: 3 });
    // The runner's clock report arrives after the CLI's look at the host: the counts never go back.
    bar.update({ fraction: 0.01, events: 400, deals: 2 });
    bar.done();
    expect(written).toEqual([`\rdemo [${"#".repeat(15)}${".".repeat(15)}]  50%  events 500  deals 3`, "\n"]);
  });

  it("on a terminal, blanks what is left of a longer line when the next one is shorter", () => {
    const { bar, written } = fake({ tty: true, estimatedEvents: 1_000 });
    bar.update({ fraction: 0, events: 500, deals: 3, callsInFlight: 2, callsBackingOff: 1 });
    bar.update({ fraction: 0, events: 500, deals: 3, callsInFlight: 2, callsBackingOff: 0 });
    expect(written[0]).toMatch(/2 model calls in flight, 1 backing off$/);
    expect(written[1]!.length).toBe(written[0]!.length);
    expect(written[1]!.trimEnd()).toMatch(/2 model calls in flight$/);
  });

  it("follows a running market's counts between the runner's reports", async () => {
    const { bar, written } = fake({ tty: true, estimatedEvents: 1_000 });
    const host = { state: { seq: 250, counters: { deal: 4 } } };
    bar.watch(host);
    await new Promise((resolve) => setTimeout(resolve, 450));
    bar.done();
    expect(written[0]).toContain(" 25%  events 250  deals 4");
  });
});
