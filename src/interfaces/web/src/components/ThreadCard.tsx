import type { ThreadSummary } from "../../../http/api-types.ts";
import { Link } from "../router.tsx";
import { AgentText } from "./AgentText.tsx";
import { Money } from "./Money.tsx";
import { ThreadView } from "./ThreadView.tsx";

/** A negotiation's heading (who, how far, any deal) over its transcript. */
export function ThreadCard({ thread, showItem = false }: { thread: ThreadSummary; showItem?: boolean }) {
  return (
    <article className="thread" aria-label={`Negotiation ${thread.id}`}>
      <header>
        {showItem && (
          <Link to={`/listings/${encodeURIComponent(thread.listingId)}`} className="item-link">
            <AgentText text={thread.item} />
          </Link>
        )}
        <span>
          <AgentText text={thread.seller.name} /> (selling) and <AgentText text={thread.buyer.name} />{" "}
          (buying)
        </span>
        <span className={`badge status-${thread.status}`}>{thread.status}</span>
        {thread.deal && (
          <span className="deal-note">
            Deal {thread.deal.id} at <Money cents={thread.deal.price} />
          </span>
        )}
      </header>
      <ThreadView id={thread.id} />
    </article>
  );
}
