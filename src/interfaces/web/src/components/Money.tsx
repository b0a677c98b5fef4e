import { useSession } from "../api/queries.ts";
import { formatMoney } from "../format.ts";

/** The market's currency, from the session (USD until it has loaded). */
export function useCurrency(): string {
  return useSession().data?.market.currency ?? "USD";
}

export function Money({ cents }: { cents: number }) {
  const currency = useCurrency();
  return <span className="money">{formatMoney(cents, currency)}</span>;
}
