/** The source records: AmazonHistoryPrice products and their prices in cents. */
export interface SourceRecord {
  title: string;
  category: string;
  description?: string;
  features?: string;
  list_price?: string;
  current_price?: string;
  average_price?: string;
  highest_price?: string;
  lowest_price?: string;
}

/** "$1,234.00" -> 123400; empty or unreadable -> undefined. */
export function parsePriceCents(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]!.replaceAll(",", "")) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return Number.isSafeInteger(cents) && cents > 0 ? cents : undefined;
}

/** The paper's product price: max(list, highest), else whatever price exists. */
export function retailCents(record: SourceRecord): number | undefined {
  const anchors = [parsePriceCents(record.list_price), parsePriceCents(record.highest_price)].filter(
    (value): value is number => value !== undefined,
  );
  if (anchors.length > 0) return Math.max(...anchors);
  return (
    parsePriceCents(record.current_price) ??
    parsePriceCents(record.average_price) ??
    parsePriceCents(record.lowest_price)
  );
}
