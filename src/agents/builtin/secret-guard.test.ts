import { describe, expect, it } from "vitest";
import { amountsIn, revealsSecret } from "./secret-guard.ts";

describe("secret guard", () => {
  it("reads amounts as people write them", () => {
    expect(amountsIn("I'd do $40, or 42.50, maybe $1,200 for both.")).toEqual([4_000, 4_250, 120_000]);
  });

  it("flags a message that writes a secret number, in any spelling", () => {
    expect(revealsSecret("My floor is $40.", [4_000])).toBe(true);
    expect(revealsSecret("40.00 and not a cent less", [4_000])).toBe(true);
    expect(revealsSecret("How about $45?", [4_000])).toBe(false);
    expect(revealsSecret("$40.50 then", [4_000])).toBe(false);
  });
});
