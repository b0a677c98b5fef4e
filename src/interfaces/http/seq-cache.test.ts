import { describe, expect, it } from "vitest";
import { emptyState } from "../../engine/create-market.ts";
import { SeqCache } from "./seq-cache.ts";

describe("SeqCache", () => {
  it("keeps an answer while the state stands still, and makes it again once the state moves on", () => {
    const cache = new SeqCache<string>(2);
    const state = emptyState();
    let made = 0;
    const make = () => `answer ${++made}`;
    expect(cache.get(state, "a", make)).toBe("answer 1");
    expect(cache.get(state, "a", make)).toBe("answer 1");
    expect(cache.get(state, "b", make)).toBe("answer 2");
    // A new event: nothing kept is current.
    state.seq += 1;
    expect(cache.get(state, "a", make)).toBe("answer 3");
    // Another state at the same seq (the market closed and its log was read again): made again too.
    const other = emptyState();
    other.seq = state.seq;
    expect(cache.get(other, "a", make)).toBe("answer 4");
    // Bounded: past its limit it starts afresh.
    cache.get(other, "b", make);
    cache.get(other, "c", make);
    expect(cache.get(other, "a", make)).toBe("answer 7");
  });
});
