import { useListing } from "../api/queries.ts";
import { AgentText } from "../components/AgentText.tsx";
import { ErrorNote } from "../components/ErrorNote.tsx";
import { Money } from "../components/Money.tsx";
import { ThreadCard } from "../components/ThreadCard.tsx";
import { Link } from "../router.tsx";

/** An item's page: what it is, who sells it, and each negotiation over it as a thread. */
export function ListingPage({ id }: { id: string }) {
  const listing = useListing(id);
  if (listing.isPending) return <p className="muted">Loading the listing…</p>;
  if (listing.isError) return <ErrorNote error={listing.error} />;
  const item = listing.data;
  return (
    <section>
      <p>
        <Link to="/">← Channel</Link>
      </p>
      <article className="card listing">
        <h1>
          <AgentText text={item.title} />
        </h1>
        <p className="listing-meta">
          <Money cents={item.askingPrice} /> <span className="tag">{item.category}</span>{" "}
          <span className="tag">{item.condition}</span>{" "}
          <span className={`badge status-${item.status}`}>{item.status}</span>
        </p>
        <p>
          Sold by <AgentText text={item.seller.name} />
        </p>
        {item.description && (
          <p className="text">
            <AgentText text={item.description} />
          </p>
        )}
        {item.flaws.length > 0 && (
          <>
            <h2>Flaws</h2>
            <ul>
              {item.flaws.map((flaw, index) => (
                // Flaws are plain strings that may repeat; their place is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: a list that never reorders
                <li key={index}>
                  <AgentText text={flaw} />
                </li>
              ))}
            </ul>
          </>
        )}
      </article>
      <h2>Negotiations</h2>
      {item.threads.length === 0 ? (
        <p className="muted">No negotiations you can read yet.</p>
      ) : (
        item.threads.map((thread) => <ThreadCard key={thread.id} thread={thread} />)
      )}
    </section>
  );
}
