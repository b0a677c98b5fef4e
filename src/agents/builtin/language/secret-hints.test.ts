import { describe, expect, it } from "vitest";
import { findSecretHint } from "./secret-hints.ts";

describe("findSecretHint", () => {
  it("catches phrases that reveal a limit", () => {
    for (const text of [
      "My reserve is $40.",
      "The lowest I can go is $30.",
      "My budget is $200.",
      "The most I can pay is $50.",
      "My minimum is $25.",
      "My max is $60.",
      "I can't go any lower than $35.",
    ]) {
      expect(findSecretHint(text), text).toBeDefined();
    }
    expect(findSecretHint("That's my best price: $40.")).toBeUndefined();
  });
});
