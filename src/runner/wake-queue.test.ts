import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WakeQueue } from "./wake-queue.ts";

describe("WakeQueue", () => {
  it("pops in time order, ties by insertion, one live wake-up per participant", () => {
    const queue = new WakeQueue();
    queue.schedule("a", 10, "browse");
    queue.schedule("b", 5, "browse");
    queue.schedule("a", 3, "reply");
    queue.schedule("c", 5, "browse");
    queue.schedule("b", 7, "browse");
    expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()].map((w) => w && [w.who, w.at])).toEqual([
      ["a", 3],
      ["b", 5],
      ["c", 5],
      undefined,
    ]);
  });

  it("matches a sorted reference for any schedule", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d"), fc.nat(100))), (ops) => {
        const queue = new WakeQueue();
        const best = new Map<string, number>();
        for (const [who, at] of ops) {
          queue.schedule(who, at, "browse");
          best.set(who, Math.min(best.get(who) ?? Number.POSITIVE_INFINITY, at));
        }
        const popped: number[] = [];
        for (let w = queue.pop(); w; w = queue.pop()) popped.push(w.at);
        expect(popped).toEqual([...best.values()].sort((x, y) => x - y));
      }),
    );
  });
});
