import type { MarketSession } from "../../app/serve/market-session.ts";
import type { MarketInfo } from "./api-types.ts";

export async function marketInfo(session: MarketSession): Promise<MarketInfo> {
  const state = await session.state();
  const { run, negotiations } = session.config;
  const host = session.liveHost;
  return {
    name: run.name,
    phase: session.phase,
    currency: run.currency,
    speed: run.speed ?? 1,
    negotiations,
    // "auto" is resolved by `haggle serve` before the session starts; left unresolved, there is none.
    interviewChat: session.config.interviewModel.startsWith("llm:"),
    lastSeq: host ? host.durableSeq : (state?.seq ?? 0),
    ...(state && state.status !== "setup"
      ? {
          now: host ? host.now() : state.now,
          ...(session.openedAt ? { openedAt: Date.parse(session.openedAt) } : {}),
          ...(state.closesAt !== undefined ? { closesAt: state.closesAt } : {}),
        }
      : {}),
  };
}
