/**
 * Freezes a plain data value and everything in it. State parts that never change after they are
 * created (a mandate, a posted message) are frozen once, so views can share them instead of copying
 * them on every wake-up, and an agent that tries to edit one fails loudly.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/**
 * A frozen shallow copy of `value` with `patch` applied. Not `Object.freeze({ ...value })`: V8 gives
 * every frozen copy made by spreading an unfrozen object its own hidden class, which at 100x the demo
 * market cost ~100 bytes per record and half a million classes. `Object.assign` into a fresh literal
 * keeps one class per shape.
 */
export function frozenCopy<T extends object>(value: T, patch?: Partial<T>): Readonly<T> {
  return Object.freeze(patch ? Object.assign({}, value, patch) : Object.assign({}, value));
}
