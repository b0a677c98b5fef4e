import type { CallLimiter, ModelTraffic } from "../agents/llm/call-limiter.ts";

/** The market's own progress, as the runner reports it. */
export interface MarketProgress {
  fraction: number;
  events: number;
  deals: number;
}

/** Progress fields that tell a run's model traffic (runs with model agents). */
export interface ModelTrafficFields {
  /** Model calls a provider is answering now. */
  callsInFlight?: number;
  /** Calls waiting for a slot under `llm.concurrency`. */
  callsWaiting?: number;
  /** Calls waiting out a backoff before their next attempt (a 429's retry-after, a 5xx, a timeout). */
  callsBackingOff?: number;
  /** Rate-limit answers (HTTP 429) so far. */
  rateLimited?: number;
}

export function trafficFields(traffic: ModelTraffic): ModelTrafficFields {
  return {
    callsInFlight: traffic.inFlight,
    callsWaiting: traffic.waiting,
    callsBackingOff: traffic.backingOff,
    rateLimited: traffic.rateLimited,
  };
}

const same = (a: ModelTraffic, b: ModelTraffic) =>
  a.inFlight === b.inFlight &&
  a.waiting === b.waiting &&
  a.backingOff === b.backingOff &&
  a.rateLimited === b.rateLimited;

/**
 * Progress with the run's model traffic in it. The runner reports at each 1% of the market's time,
 * but a window whose calls wait on a provider's rate limit can sit inside one 1% for minutes: so the
 * traffic is also reported on its own, every `everyMs`, whenever it changed, with the market's last
 * progress. `stop` ends those reports.
 */
export function reportWithTraffic(
  limiter: CallLimiter,
  report: (progress: MarketProgress & ModelTrafficFields) => void,
  everyMs = 1000,
): { update: (progress: MarketProgress) => void; stop: () => void } {
  let last: MarketProgress = { fraction: 0, events: 0, deals: 0 };
  let told: ModelTraffic | undefined;
  const tell = () => {
    told = limiter.traffic();
    report({ ...last, ...trafficFields(told) });
  };
  const timer = setInterval(() => {
    if (!told || !same(told, limiter.traffic())) tell();
  }, everyMs);
  timer.unref();
  return {
    update(progress) {
      last = progress;
      tell();
    },
    stop: () => clearInterval(timer),
  };
}
