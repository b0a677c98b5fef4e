import type { MarketSession } from "../../app/serve/market-session.ts";
import type { Reader } from "../../app/serve/pages/negotiation-access.ts";
import type { MarketState } from "../../engine/state.ts";
import type { Caller } from "./session-auth.ts";

/** What the caller may read: the organiser every thread, a person their own (all when public). */
export function readerOf(caller: Caller, session: MarketSession, state: MarketState): Reader {
  if (caller.kind === "organiser") return { readsAllThreads: true, operator: true };
  const participant = caller.kind === "person" ? caller.account.participant?.id : undefined;
  return {
    ...(participant && state.participants.has(participant) ? { participant } : {}),
    readsAllThreads: session.config.negotiations === "public",
  };
}
