import type { OrganiserPage } from "../../../../http/api-types.ts";
import { Money } from "../Money.tsx";

export function Totals({ totals }: { totals: OrganiserPage["totals"] }) {
  return (
    <dl className="figures totals" aria-label="Totals">
      <div>
        <dt>People</dt>
        <dd>{totals.participants}</dd>
      </div>
      <div>
        <dt>Listings</dt>
        <dd>{totals.listings}</dd>
      </div>
      <div>
        <dt>Negotiations</dt>
        <dd>{totals.threads}</dd>
      </div>
      <div>
        <dt>Deals</dt>
        <dd>{totals.deals}</dd>
      </div>
      <div>
        <dt>Volume</dt>
        <dd>
          <Money cents={totals.volume} />
        </dd>
      </div>
    </dl>
  );
}
