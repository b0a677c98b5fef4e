import { describe, expect, it } from "vitest";
import { CallLimiter } from "./call-limiter.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("CallLimiter", () => {
  it("keeps at most the cap in flight per provider, in arrival order, and others apart", async () => {
    const limiter = new CallLimiter(2);
    let peak = 0;
    let live = 0;
    const started: number[] = [];
    const call = (n: number) => async () => {
      started.push(n);
      live++;
      peak = Math.max(peak, live);
      await tick();
      live--;
      return n;
    };
    const results = Promise.all([1, 2, 3, 4, 5].map((n) => limiter.run("anthropic", call(n))));
    expect(limiter.inFlight).toBe(2);
    expect(limiter.waiting).toBe(3);
    // Another provider is not held up by the first one's queue.
    await expect(limiter.run("openai", async () => "other")).resolves.toBe("other");
    expect(await results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.inFlight).toBe(0);
  });

  it("frees the slot when a call fails", async () => {
    const limiter = new CallLimiter(1);
    await expect(limiter.run("p", async () => Promise.reject(new Error("429")))).rejects.toThrow("429");
    await expect(limiter.run("p", async () => 7)).resolves.toBe(7);
  });

  it("counts the calls backing off and the rate limits, without holding a slot while they wait", async () => {
    const limiter = new CallLimiter(1);
    let release!: () => void;
    const waiting = limiter.backOff(() => new Promise<void>((resolve) => (release = resolve)), true);
    expect(limiter.traffic()).toEqual({ inFlight: 0, waiting: 0, backingOff: 1, rateLimited: 1 });
    // The one slot is free for another call while the first waits out its 429.
    await expect(limiter.run("p", async () => 7)).resolves.toBe(7);
    release();
    await waiting;
    await limiter.backOff(async () => {}, false);
    expect(limiter.traffic()).toEqual({ inFlight: 0, waiting: 0, backingOff: 0, rateLimited: 1 });
  });

  it("refuses a cap that is not a whole number of at least 1", () => {
    expect(() => new CallLimiter(0)).toThrow(/llm.concurrency/);
  });
});
