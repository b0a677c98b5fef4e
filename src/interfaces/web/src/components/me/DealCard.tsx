import type { MyDeal } from "../../../../http/api-types.ts";
import { segment } from "../../api/client.ts";
import { AgentText } from "../AgentText.tsx";
import { ErrorNote } from "../ErrorNote.tsx";
import { Money } from "../Money.tsx";
import { SurveyForm } from "./SurveyForm.tsx";
import { useMeAction } from "./useMeAction.ts";

/** Agreed and confirmed by the market: the memo exists, the item can change hands, the deal can be rated. */
const settled = (deal: MyDeal) => deal.status === "confirmed" || deal.status === "handed-over";

/** One of my deals: who with, the price, the memo, the hand-over and the survey. */
export function DealCard({ deal }: { deal: MyDeal }) {
  const handover = useMeAction<Record<string, never>>(`/api/me/deals/${segment(deal.id)}/handover`);
  const mine = deal.role === "seller" ? deal.handOver.seller : deal.handOver.buyer;
  const theirs = deal.role === "seller" ? deal.handOver.buyer : deal.handOver.seller;
  const memo = `/api/me/deals/${segment(deal.id)}/memo`;
  return (
    <article className="card deal" aria-label={`Deal ${deal.id}`}>
      <header>
        <h3>
          {deal.role === "seller" ? "Sold" : "Bought"}: <AgentText text={deal.item} />
        </h3>
        <span className={`badge status-${deal.status}`}>{deal.status}</span>
      </header>
      <p>
        {deal.role === "seller" ? "Sold to" : "Bought from"} <AgentText text={deal.counterpart.name} /> for{" "}
        <Money cents={deal.price} /> · deal {deal.id}
        {settled(deal) && (
          <>
            {" · "}
            <a href={`${memo}.md`} download>
              memo (Markdown)
            </a>
            {" · "}
            <a href={`${memo}.pdf`} download>
              memo (PDF)
            </a>
          </>
        )}
      </p>
      {deal.status === "accepted" && <p className="muted">Agreed: waiting for the market to confirm it.</p>}
      {deal.status === "cancelled" && <p className="muted">This deal was cancelled.</p>}
      {settled(deal) && (
        <>
          <div className="handover">
            <span>
              Hand-over: you {mine ? "✓ done" : "not yet"}, <AgentText text={deal.counterpart.name} />{" "}
              {theirs ? "✓ done" : "not yet"}
            </span>
            <button
              type="button"
              aria-label={`Handed over (deal ${deal.id})`}
              disabled={mine || handover.isPending}
              onClick={() => handover.mutate({})}
            >
              {mine ? "Handed over ✓" : "Handed over"}
            </button>
          </div>
          <ErrorNote error={handover.error} />
          <SurveyForm deal={deal} />
        </>
      )}
    </article>
  );
}
