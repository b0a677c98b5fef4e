/**
 * The market's clock. A virtual clock jumps to each wake-up at once (a simulated week in seconds); a
 * wall clock keeps market time in step with real time, `speed` market seconds to a real one.
 */
export interface MarketClock {
  readonly kind: "virtual" | "wall";
  /** Market time now, ms since the epoch. */
  now(): number;
  /**
   * Resolves when market time `at` has come, or at once when `signal` aborts. A virtual clock moves
   * to `at` and resolves at once.
   */
  until(at: number, signal?: AbortSignal): Promise<void>;
}

/** Real time and sleep, injectable so tests need not wait. */
export interface RealTime {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTime: RealTime = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

/** A clock that is wherever the market last moved it. */
export function virtualClock(startAt: number): MarketClock {
  let now = startAt;
  return {
    kind: "virtual",
    now: () => now,
    async until(at) {
      if (at > now) now = at;
    },
  };
}

/**
 * A clock in step with real time from `anchor`: market time `anchor.market` is real time
 * `anchor.real`, and each real millisecond after it is `speed` market milliseconds. A market that
 * starts (or resumes) anchors at that moment, so time stopped while it was not running.
 */
export function wallClock(
  speed: number,
  anchor: { market: number; real?: number },
  real: RealTime = realTime,
): MarketClock {
  const realAnchor = anchor.real ?? real.now();
  const now = () => anchor.market + Math.floor((real.now() - realAnchor) * speed);
  return {
    kind: "wall",
    now,
    async until(at, signal) {
      // Timers wake a little early or late; loop until the moment has really come.
      for (let wait = (at - now()) / speed; wait > 0 && !signal?.aborted; wait = (at - now()) / speed) {
        await real.sleep(Math.ceil(wait), signal);
      }
    },
  };
}
