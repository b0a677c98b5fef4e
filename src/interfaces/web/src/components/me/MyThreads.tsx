import { useState } from "react";
import type { ThreadSummary } from "../../../../http/api-types.ts";
import { formatTime } from "../../format.ts";
import { Link } from "../../router.tsx";
import { AgentText } from "../AgentText.tsx";
import { Money } from "../Money.tsx";
import { ThreadView } from "../ThreadView.tsx";

/** One negotiation of mine, its transcript fetched only when opened. */
function ThreadRow({ thread, me }: { thread: ThreadSummary; me: string | undefined }) {
  const [open, setOpen] = useState(false);
  const selling = thread.seller.id === me;
  const other = selling ? thread.buyer : thread.seller;
  return (
    <li className="thread-row">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <Link to={`/listings/${encodeURIComponent(thread.listingId)}`} className="item-link">
            <AgentText text={thread.item} />
          </Link>{" "}
          {selling ? "selling to" : "buying from"} <AgentText text={other.name} /> · asking{" "}
          <Money cents={thread.askingPrice} /> · {thread.offersMade} offers ·{" "}
          <span className={`badge status-${thread.status}`}>{thread.status}</span>{" "}
          <time className="when">{formatTime(thread.updatedAt)}</time>
        </summary>
        {open && <ThreadView id={thread.id} />}
      </details>
    </li>
  );
}

export function MyThreads({ threads, me }: { threads: ThreadSummary[]; me: string | undefined }) {
  if (threads.length === 0) return <p className="muted">No negotiations yet.</p>;
  const sorted = [...threads].sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    <ul className="threads">
      {sorted.map((thread) => (
        <ThreadRow key={thread.id} thread={thread} me={me} />
      ))}
    </ul>
  );
}
