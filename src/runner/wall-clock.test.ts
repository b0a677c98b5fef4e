import { describe, expect, it } from "vitest";
import { projectPath } from "../paths.ts";
import { loadRunConfig, parseRunConfig } from "./load-run-config.ts";
import { wallClockPace } from "./run-market.ts";

/** A clock that only moves when slept on. */
function fakeClock(startsAt: number) {
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

describe("wallClockPace", () => {
  it("waits until each market moment is due at the given speed", async () => {
    const clock = fakeClock(1_000);
    const pace = wallClockPace({ caughtUp: true }, 60, clock);
    await pace(0); // the anchor: due at once
    await pace(60_000); // a market minute later: one real second
    await pace(60_000); // the same moment again: no wait
    await pace(180_000); // two market minutes more: two seconds
    expect(clock.slept).toEqual([1_000, 2_000]);
  });

  it("does not wait for moments already past, and re-derives a resumed log at full speed", async () => {
    const clock = fakeClock(0);
    const sink = { caughtUp: false };
    const pace = wallClockPace(sink, 1, clock);
    await pace(5_000);
    await pace(9_000);
    expect(clock.slept).toEqual([]);
    sink.caughtUp = true;
    await pace(10_000); // the anchor: where the stored log ended
    await pace(10_500);
    expect(clock.slept).toEqual([500]);
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
