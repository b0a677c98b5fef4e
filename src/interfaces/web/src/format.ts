/** Integer cents as money: 1234 in USD is "$12.34". */
export function formatMoney(cents: number, currency = "USD"): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
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
