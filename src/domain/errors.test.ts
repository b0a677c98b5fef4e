import { describe, expect, it } from "vitest";
import { ERROR_KINDS, errorBase, HaggleError, httpStatusOf, isCallersFault, kindOf } from "./errors.ts";
import { MoneyError } from "./money.ts";
import { ValidationError } from "./validation.ts";

class PlantError extends errorBase("not-found", "test/plant") {
  override name = "PlantError";
}

describe("HaggleError", () => {
  it("carries a kind, a stable code, a name, the message and a cause", () => {
    const cause = new Error("disk on fire");
    const error = new PlantError("no plant called fern", { cause });
    expect(error).toBeInstanceOf(HaggleError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("PlantError");
    expect(error.message).toBe("no plant called fern");
    expect(error.kind).toBe("not-found");
    expect(error.code).toBe("test/plant");
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe("PlantError: no plant called fern");
  });

  it("lets one throw name its own kind and code", () => {
    const error = new PlantError("this fern is someone else's", { kind: "conflict", code: "test/taken" });
    expect([error.kind, error.code]).toEqual(["conflict", "test/taken"]);
    expect("cause" in error).toBe(false);
  });

  it("keeps the marker out of the error's enumerable fields", () => {
    const error = new MoneyError("amount cannot be negative");
    expect(Object.keys(error).sort()).toEqual(["code", "kind", "name"]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "MoneyError",
      kind: "bad-input",
      code: "money/invalid",
    });
  });

  it("is known by isInstance, and nothing else is", () => {
    expect(HaggleError.isInstance(new ValidationError("bad", []))).toBe(true);
    expect(HaggleError.isInstance(new Error("plain"))).toBe(false);
    expect(HaggleError.isInstance({ kind: "bad-input", code: "x" })).toBe(false);
    expect(HaggleError.isInstance(undefined)).toBe(false);
    expect(HaggleError.isInstance("bad-input")).toBe(false);
  });

  it("is known across realms: an error from another copy of the class is not instanceof, but isInstance", async () => {
    // The same module loaded a second time is another copy of every class in it, as a second bundle is.
    const copy: typeof import("./errors.ts") = await import(
      /* @vite-ignore */ `${"./errors.ts"}?another-copy`
    );
    expect(copy.HaggleError).not.toBe(HaggleError);
    const Foreign = copy.errorBase("conflict", "test/foreign");
    const foreign = new Foreign("from the other bundle");
    expect(foreign instanceof HaggleError).toBe(false);
    expect(HaggleError.isInstance(foreign)).toBe(true);
    expect(kindOf(foreign)).toBe("conflict");
    expect(httpStatusOf(foreign)).toBe(409);
    // And the other way round.
    expect(copy.HaggleError.isInstance(new PlantError("here"))).toBe(true);
    expect(copy.kindOf(new PlantError("here"))).toBe("not-found");
  });
});

describe("kindOf and httpStatusOf", () => {
  it("map every kind to its HTTP status", () => {
    const statuses = Object.fromEntries(
      ERROR_KINDS.map((kind) => [kind, httpStatusOf(new PlantError("x", { kind }))]),
    );
    expect(statuses).toEqual({
      "bad-input": 400,
      "not-found": 404,
      forbidden: 403,
      conflict: 409,
      unavailable: 503,
      internal: 500,
    });
  });

  it("count anything that is not a HaggleError as internal (500)", () => {
    for (const thrown of [
      new Error("boom"),
      new TypeError("x is undefined"),
      "a string",
      undefined,
      { code: "x" },
    ]) {
      expect(kindOf(thrown)).toBe("internal");
      expect(httpStatusOf(thrown)).toBe(500);
      expect(isCallersFault(thrown)).toBe(false);
    }
  });

  it("count a marked object with an unknown kind as internal", () => {
    const odd = new PlantError("x", { kind: "sideways" as never });
    expect(kindOf(odd)).toBe("internal");
    expect(httpStatusOf(odd)).toBe(500);
  });

  it("say which kinds are the caller's to fix", () => {
    expect(ERROR_KINDS.filter((kind) => isCallersFault(new PlantError("x", { kind })))).toEqual([
      "bad-input",
      "not-found",
      "forbidden",
      "conflict",
    ]);
  });
});
