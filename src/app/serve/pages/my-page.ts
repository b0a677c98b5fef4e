import type { SurveyResponse } from "../../../analysis/survey.ts";
import type { MarketState } from "../../../engine/state.ts";
import { participantFromDraft } from "../../../interview/draft.ts";
import { describeWishes } from "../../../interview/wishes.ts";
import { participantPage } from "../../queries/index.ts";
import { participantViewer } from "../../queries/viewer.ts";
import type { Account } from "../community.ts";
import { checkInterviewForm } from "../interview-form.ts";

/** What the agent will and will not do of the person's wishes, once the form is complete. */
function wishLines(account: Account): string[] {
  const mandate = account.participant?.mandate;
  if (mandate) return describeWishes(mandate, "any");
  const { draft } = checkInterviewForm(account.interview.form);
  if (!draft) return [];
  try {
    return describeWishes(participantFromDraft(draft).mandate, "any");
  } catch {
    return [];
  }
}

/** A person's own page: their interview, and once in the market their mandate, negotiations and deals. */
export function myPage(account: Account, state: MarketState | undefined, survey: readonly SurveyResponse[]) {
  const participant = account.participant;
  const inMarket = participant && state?.participants.has(participant.id);
  const page = inMarket
    ? participantPage(state!, participantViewer(participant.id), participant.id)
    : undefined;
  const mandate = participant?.mandate;
  return {
    account: { id: account.id, name: account.name },
    interview: {
      form: account.interview.form,
      errors: account.interview.confirmed ? {} : checkInterviewForm(account.interview.form).errors,
      wishes: wishLines(account),
      confirmed: account.interview.confirmed,
    },
    ...(participant ? { participantId: participant.id } : {}),
    ...(mandate
      ? {
          mandate: {
            items: mandate.items.map((item) => ({
              id: item.id,
              title: item.title,
              condition: item.condition,
              askingPrice: item.askingPrice,
              reserve: item.reserve,
            })),
            wants: mandate.wants.map((want) => ({
              id: want.id,
              description: want.description,
              maxPrice: want.maxPrice,
            })),
            budget: mandate.budget,
            persona: mandate.persona,
            instructions: mandate.instructions,
          },
        }
      : {}),
    paused: account.paused,
    joined: Boolean(inMarket),
    spent: page?.spent ?? 0,
    earned: page?.earned ?? 0,
    ...(page?.available !== undefined ? { available: page.available } : {}),
    listings: (page?.listings ?? []).map((l) => ({
      id: l.id,
      title: l.title,
      askingPrice: l.askingPrice,
      status: l.status,
    })),
    wantAds: (page?.wantAds ?? []).map((ad) => ({
      id: ad.id,
      description: ad.description,
      status: ad.status,
    })),
    threads: page?.threads ?? [],
    deals: (page?.deals ?? []).map((deal) => {
      const answer = survey.find((r) => r.dealId === deal.id);
      return {
        id: deal.id,
        threadId: deal.threadId,
        item: deal.item,
        role: deal.role,
        counterpart: deal.counterpart,
        price: deal.price,
        status: deal.status,
        handOver: deal.handOver,
        ...(answer &&
        answer.fairness !== undefined &&
        answer.satisfaction !== undefined &&
        answer.wouldPay !== undefined
          ? {
              survey: {
                fairness: answer.fairness,
                satisfaction: answer.satisfaction,
                wouldPay: answer.wouldPay,
              },
            }
          : {}),
      };
    }),
  };
}
