// One formatter per currency: making an Intl.NumberFormat costs far more than using one, and the
// channel's first page shows dozens of prices.
const moneyFormats = new Map<string, Intl.NumberFormat | undefined>();

/** Integer cents as money: 1234 in USD is "$12.34". */
export function formatMoney(cents: number, currency = "USD"): string {
  if (!moneyFormats.has(currency)) {
    try {
      moneyFormats.set(currency, new Intl.NumberFormat("en-US", { style: "currency", currency }));
    } catch {
      moneyFormats.set(currency, undefined);
    }
  }
  const format = moneyFormats.get(currency);
  return format ? format.format(cents / 100) : `${(cents / 100).toFixed(2)} ${currency}`;
}

const time = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** A market-clock time: the market's own day and hour, not the reader's time zone. */
export function formatTime(at: number): string {
  return Number.isFinite(at) ? time.format(new Date(at)) : "";
}

/** "1 deal", "2 deals". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
