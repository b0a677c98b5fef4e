import { describe, expect, it } from "vitest";
import { deepFreeze, frozenCopy } from "./deep-freeze.ts";

describe("frozenCopy", () => {
  it("returns a frozen copy with the patch applied and leaves the original as it was", () => {
    const original = { id: "M1", text: "hi", at: 1 };
    const copy = frozenCopy(original, { at: 2 });
    expect(copy).toEqual({ id: "M1", text: "hi", at: 2 });
    expect(Object.isFrozen(copy)).toBe(true);
    expect(copy).not.toBe(original);
    expect(original).toEqual({ id: "M1", text: "hi", at: 1 });
    expect(Object.isFrozen(original)).toBe(false);
    expect(Object.keys(frozenCopy(original))).toEqual(["id", "text", "at"]);
  });
});

describe("deepFreeze", () => {
  it("freezes nested objects and arrays", () => {
    const value = deepFreeze({ a: { b: [1, { c: 2 }] } });
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
  });
});
