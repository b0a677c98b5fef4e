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
