import { useMe, useSession } from "../api/queries.ts";
import { AgentText } from "../components/AgentText.tsx";
import { ErrorNote } from "../components/ErrorNote.tsx";
import { InterviewSection } from "../components/interview/InterviewSection.tsx";
import { Money } from "../components/Money.tsx";
import { AgentTokens } from "../components/me/AgentTokens.tsx";
import { DealCard } from "../components/me/DealCard.tsx";
import { MandateCard } from "../components/me/MandateCard.tsx";
import { MyThreads } from "../components/me/MyThreads.tsx";
import { PauseToggle } from "../components/me/PauseToggle.tsx";
import { Link } from "../router.tsx";

/** My page: the interview until I confirm it, then my agent's work and my deals. */
export function MePage() {
  const me = useMe();
  const session = useSession();
  if (me.isPending) return <p className="muted">Loading your page…</p>;
  if (me.isError) return <ErrorNote error={me.error} />;
  const page = me.data;

  if (!page.interview.confirmed) {
    return (
      <section>
        <h1>Your interview</h1>
        <p>
          Tell your agent what to sell and what to buy. Everything is saved as you type; review and confirm
          when you are ready, and your agent joins the market.
        </p>
        <InterviewSection interview={page.interview} chat={session.data?.market.interviewChat ?? false} />
      </section>
    );
  }

  const phase = session.data?.market.phase;
  return (
    <section className="me">
      <h1>
        <AgentText text={page.account.name} />
      </h1>
      {!page.joined && (
        <p className="banner">
          {phase === "waiting"
            ? "Your agent is ready and joins when the organiser opens the market."
            : "Your agent is joining the market…"}
        </p>
      )}
      <PauseToggle paused={page.paused} />
      <h2>My deals</h2>
      {page.deals.length === 0 ? (
        <p className="muted">No deals yet. They appear here as soon as your agent closes one.</p>
      ) : (
        <div className="deals">
          {page.deals.map((deal) => (
            <DealCard key={deal.id} deal={deal} />
          ))}
        </div>
      )}
      <MandateCard page={page} />
      <div className="columns">
        <section aria-label="My listings">
          <h2>My listings</h2>
          {page.listings.length === 0 ? (
            <p className="muted">None posted yet.</p>
          ) : (
            <ul className="plain">
              {page.listings.map((listing) => (
                <li key={listing.id}>
                  <Link to={`/listings/${encodeURIComponent(listing.id)}`}>
                    <AgentText text={listing.title} />
                  </Link>{" "}
                  · <Money cents={listing.askingPrice} />{" "}
                  <span className={`badge status-${listing.status}`}>{listing.status}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="My want ads">
          <h2>My want ads</h2>
          {page.wantAds.length === 0 ? (
            <p className="muted">None posted yet.</p>
          ) : (
            <ul className="plain">
              {page.wantAds.map((want) => (
                <li key={want.id}>
                  <AgentText className="text" text={want.description} />{" "}
                  <span className={`badge status-${want.status}`}>{want.status}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h2>Negotiations</h2>
      <MyThreads threads={page.threads} me={page.participantId} />
      {page.participantId && <AgentTokens />}
    </section>
  );
}
