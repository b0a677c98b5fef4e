/**
 * The last line of defence for invariant 3 on the agent's side: before a message leaves, check that
 * no amount written in it equals one of the owner's secret numbers (reserves, max prices, budget).
 * Amounts are read the way people write them: "$40", "40", "40.00", "$1,200", "USD 40".
 */
const AMOUNT = /(?<![\w.])(?:[$€£]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\d])/g;

/** Every amount written in `text`, in cents. */
export function amountsIn(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const whole = Number(match[1]!.replaceAll(",", ""));
    const fraction = Number((match[2] ?? "0").padEnd(2, "0"));
    const cents = whole * 100 + fraction;
    if (Number.isSafeInteger(cents)) out.push(cents);
  }
  return out;
}

/** True when `text` writes out any of the `secrets` (integer cents). */
export function revealsSecret(text: string, secrets: readonly number[]): boolean {
  if (secrets.length === 0) return false;
  const set = new Set(secrets);
  return amountsIn(text).some((cents) => set.has(cents));
}
