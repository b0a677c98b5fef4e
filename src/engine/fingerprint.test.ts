import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./fingerprint.ts";

// The plain reading of canonical JSON, against which the one-pass version is checked.
function reference(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
}

function without(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => without(item, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== key)
        .map(([k, v]) => [k, without(v, key)]),
    );
  }
  return value;
}

// JSON values with undefined fields and array holes, and keys that sort differently by code unit.
const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, undefined, true, false, 0, -1.5, "", "é", "😀"),
    fc.string(),
    fc.double({ noNaN: true }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("skip", "B", "a", "é", "😀", "Z")), tie("value"), {
      maxKeys: 5,
    }),
  ),
})).value;

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops undefined fields, as the plain reading does", () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
    expect(canonicalJson({ b: 1, a: [undefined, { d: undefined, c: "x" }] })).toBe(
      '{"a":[null,{"c":"x"}],"b":1}',
    );
  });

  it("leaves out a key at every depth when told to", () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value, "skip")).toBe(reference(without(value, "skip")));
      }),
      { numRuns: 2000 },
    );
  });
});
