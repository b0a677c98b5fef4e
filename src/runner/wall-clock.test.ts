import { describe, expect, it } from "vitest";
import { projectPath } from "../paths.ts";
import { virtualClock, wallClock } from "./clock.ts";
import { loadRunConfig, parseRunConfig } from "./load-run-config.ts";

/** Real time that only moves when slept on. */
function fakeRealTime(startsAt: number) {
  let now = startsAt;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("wallClock", () => {
  it("waits until each market moment is due at the given speed", async () => {
    const real = fakeRealTime(1_000);
    const clock = wallClock(60, { market: 0 }, real);
    await clock.until(0); // the anchor: due at once
    await clock.until(60_000); // a market minute later: one real second
    await clock.until(60_000); // the same moment again: no wait
    await clock.until(180_000); // two market minutes more: two seconds
    expect(real.slept).toEqual([1_000, 2_000]);
    expect(clock.now()).toBe(180_000);
  });

  it("does not wait for moments already past, and a resumed market goes on from where it stopped", async () => {
    const real = fakeRealTime(50_000);
    // The log ended at market time 10 s; the market resumes at real time 50 s.
    const clock = wallClock(1, { market: 10_000 }, real);
    await clock.until(5_000);
    await clock.until(9_000);
    expect(real.slept).toEqual([]);
    await clock.until(10_500);
    expect(real.slept).toEqual([500]);
  });

  it("stops waiting when aborted", async () => {
    const controller = new AbortController();
    const clock = wallClock(1, { market: 0 });
    const waiting = clock.until(60_000, controller.signal);
    controller.abort();
    await waiting;
    expect(clock.now()).toBeLessThan(60_000);
  });
});

describe("virtualClock", () => {
  it("moves to each moment at once and never back", async () => {
    const clock = virtualClock(100);
    await clock.until(5_000);
    expect(clock.now()).toBe(5_000);
    await clock.until(1_000);
    expect(clock.now()).toBe(5_000);
  });
});

describe("the clock in a run config", () => {
  const population = { generate: { participants: 4 } };

  it("starts a virtual market on a fixed date, and a wall-clock one now", () => {
    expect(parseRunConfig({ population }).start).toBe("2026-01-05T09:00:00Z");
    const before = Date.now();
    const wall = parseRunConfig({ population, clock: "wall", speed: 60 });
    expect(Date.parse(wall.start)).toBeGreaterThanOrEqual(before - 1_000);
    expect(wall.speed).toBe(60);
  });

  it("refuses a speed without a wall clock, and an unknown clock, naming the field", () => {
    expect(() => parseRunConfig({ population, speed: 60 })).toThrow(/speed.*clock: wall/);
    expect(() => parseRunConfig({ population, clock: "fast" })).toThrow(/clock.*"virtual" or "wall"/);
  });
});

describe("the example market configs", () => {
  it("all validate, the live one on the wall clock", async () => {
    for (const name of ["market.yaml", "people-market.yaml", "live-market.yaml"]) {
      const config = await loadRunConfig(projectPath("examples", name));
      expect(config.clock, name).toBe(name === "live-market.yaml" ? "wall" : "virtual");
    }
  });
});
