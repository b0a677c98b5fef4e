/**
 * The tier every other tier is compared with: the weak tier when there is one (so the headline reads
 * "strong vs weak"), otherwise the most common tier (ties: alphabetical).
 */
export function referenceTier(counts: ReadonlyMap<string, number>): string | undefined {
  const tiers = [...counts.keys()].sort();
  const weak = tiers.filter((tier) => /weak/i.test(tier));
  if (weak.length > 0)
    return weak.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1))[0];
  let best: string | undefined;
  for (const tier of tiers)
    if (best === undefined || (counts.get(tier) ?? 0) > (counts.get(best) ?? 0)) best = tier;
  return best;
}

/** Tiers in display order: the reference first, then alphabetical. */
export function orderTiers(tiers: Iterable<string>, reference?: string): string[] {
  const list = [...new Set(tiers)].sort();
  return reference && list.includes(reference)
    ? [reference, ...list.filter((tier) => tier !== reference)]
    : list;
}
