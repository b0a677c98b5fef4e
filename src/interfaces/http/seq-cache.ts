import type { MarketState } from "../../engine/state.ts";

/**
 * Answers worth keeping while the market stands still: every open page refetches the channel each
 * time the live stream says something changed (at most every 400 ms), and with negotiations public
 * every person's channel is the same. A channel page took 1.4 ms at the demo market's end (547
 * listings); 69 open pages of a busy market asked for it about 170 times a second, mostly for the same
 * answer. Kept answers are dropped as soon as the market's state moves on (a new event, another state).
 */
export class SeqCache<T> {
  private state: MarketState | undefined;
  private seq = -1;
  private readonly answers = new Map<string, T>();

  constructor(private readonly limit = 64) {}

  /** The answer for `key` on this state, made by `make` unless this state's is kept. */
  get(state: MarketState, key: string, make: () => T): T {
    if (state !== this.state || state.seq !== this.seq) {
      this.answers.clear();
      this.state = state;
      this.seq = state.seq;
    }
    const kept = this.answers.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, made);
    return made;
  }
}
