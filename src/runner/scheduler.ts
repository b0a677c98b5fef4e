import type { Agent } from "../agents/agent.ts";
import type { Rng } from "../domain/random.ts";
import type { AgentAction } from "../engine/action.ts";
import { compareIds, confirmDeadline } from "../engine/expiry.ts";
import { reject } from "../engine/rejection.ts";
import { callHook, type TurnFault } from "./guarded-turn.ts";
import type { MarketHost } from "./market-host.ts";
import { notifiedBy } from "./notify.ts";
import { inProcessTurns, type TurnTaker } from "./turn-taker.ts";
import { WakeQueue } from "./wake-queue.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Actions past a turn's cap refused with an event each; beyond these, the fault event counts them. */
const MAX_REFUSALS_LOGGED = 200;
/** Wall-clock ms the loop runs before it lets the event loop turn (see `run`). */
const YIELD_EVERY_MS = 10;

export interface SchedulerOptions {
  host: MarketHost;
  /** The in-process agents, by participant id. Participants without one act from outside. */
  agents: Map<string, Agent>;
  /** Every delay is drawn from it, in a fixed order: the same seed gives the same market. */
  delays: Rng;
  /** Market time at which the market closes. */
  endAt: number;
  /** Most actions one wake-up may propose (stops a runaway agent). */
  maxActionsPerWake?: number;
  /** Hours between an idle agent's browsing visits, as [min, max]. */
  browseEveryHours?: [number, number];
  /** Minutes a counterpart takes to reply, as [min, max]. */
  replyMinutes?: [number, number];
  onProgress?: (progress: { fraction: number; events: number; deals: number }) => void;
  /** Wall-clock ms, read to decide when to let the event loop turn; `performance.now` by default. */
  wallClock?: () => number;
  /** Market time the progress fraction counts from (the market's opening). */
  startAt: number;
  /** Real ms an agent may take to answer a turn before it is a fault; 120,000 by default. */
  turnTimeoutMs?: number;
  /** Faults in a row after which an agent is suspended (no more turns); 3 by default. */
  faultsBeforeSuspension?: number;
  /**
   * Market ms within which wake-ups are taken together: their agents decide concurrently, each on
   * the market as the window found it, and their actions are applied at its start in a fixed order;
   * what each sets off counts from its own wake-up. 0 (the default) takes one wake-up at a time.
   */
  turnWindowMs?: number;
  /** Who takes the turns: the agents in this process by default (see turn-taker.ts). */
  turns?: TurnTaker;
}

/**
 * Decides who looks at the market when, apart from the host: the wake queue, who is woken by which
 * event (a matching post, a reply in their thread), and the clock. It wakes the in-process agents
 * one at a time, hands their actions to the host, and between wake-ups waits for whichever comes
 * first: the next wake-up, an outside action that wakes someone earlier, or the host's abort.
 */
export class Scheduler {
  readonly queue = new WakeQueue();
  wakeUps = 0;
  private readonly host: MarketHost;
  private readonly agents: Map<string, Agent>;
  private readonly delays: Rng;
  private readonly replyRange: [number, number];
  private poked: (() => void) | undefined;
  /** Faults in a row, per participant; a turn that goes well clears it. */
  private readonly faults = new Map<string, number>();
  /** While a turn's actions are applied: the market time its replies and next browse count from. */
  private turnFrom: number | undefined;
  /** Accepted deals awaiting confirmation, with the market time each expires. */
  private readonly pending = new Map<string, number>();

  constructor(private readonly options: SchedulerOptions) {
    this.host = options.host;
    this.agents = options.agents;
    this.delays = options.delays;
    this.replyRange = options.replyMinutes ?? [2, 90];
    // A resumed market's deals awaiting confirmation expire as a new one's do.
    for (const deal of this.host.state.deals.values()) {
      if (deal.status === "accepted") this.pending.set(deal.id, confirmDeadline(this.host.state, deal));
    }
    this.host.onApplied((outcome, action) => {
      if (!outcome.ok) return;
      for (const event of outcome.events) {
        if (event.type === "deal-accepted") {
          this.pending.set(event.deal.id, confirmDeadline(this.host.state, event.deal));
        } else if (event.type === "deal-confirmed" || event.type === "deal-cancelled") {
          this.pending.delete(event.dealId);
        }
      }
      // A turn's replies keep the market's pace: they follow its wake-up's own time (see `loop`).
      const from = action.source === "agent" ? (this.turnFrom ?? action.at) : action.at;
      for (const event of outcome.events) notifiedBy(this.host.state, event, (who) => this.reply(who, from));
      // Outside input may have woken someone before the wake-up the loop is waiting for.
      if (action.source !== "agent") this.poke();
    });
  }

  /** Wakes `who` at `at` (unless they already wake earlier, or their agent is suspended). */
  schedule(who: string, at: number, reason: "start" | "browse" | "reply" = "start"): void {
    if (this.agents.has(who) && !this.host.state.participants.get(who)?.suspended) {
      this.queue.schedule(who, at, reason);
    }
  }

  /** Adds an agent to the running market; it first looks within a reply's delay. */
  addAgent(who: string, agent: Agent): void {
    this.agents.set(who, agent);
    this.reply(who, this.host.now());
    this.poke();
  }

  /**
   * Runs the market to its close (`endAt`), then closes it. Stops early, without closing the market,
   * when the host is closed or aborted.
   */
  async run(): Promise<"closed" | "aborted"> {
    try {
      return await this.loop();
    } finally {
      // No more turns: agents free what they hold outside the market (a module agent's worker).
      await Promise.all([...this.agents.values()].map((agent) => agent.close?.().catch(() => {})));
      await this.options.turns?.close?.().catch(() => {});
    }
  }

  private async loop(): Promise<"closed" | "aborted"> {
    const { host, options } = this;
    const { endAt, startAt } = options;
    const [browseMin, browseMax] = options.browseEveryHours ?? [6, 14];
    const maxActions = options.maxActionsPerWake ?? 40;
    const wallClock = options.wallClock ?? (() => performance.now());
    const wall = host.clock.kind === "wall";
    const window = options.turnWindowMs ?? 0;
    let lastReported = -1;
    let lastYield = wallClock();
    for (;;) {
      if (host.signal.aborted) return "aborted";
      const next = this.queue.peekTime();
      // A deal awaiting confirmation expires at its deadline, before any wake-up at or after it.
      const expiry = this.nextExpiry();
      const wakeDue = next !== undefined && next < endAt ? next : endAt;
      const expiring = expiry !== undefined && expiry < endAt && expiry <= wakeDue;
      const due = expiring ? expiry : wakeDue;
      if (wall) {
        // Waits for the moment, or for outside input that may wake someone sooner.
        const poked = new Promise<void>((resolve) => {
          this.poked = resolve;
        });
        await Promise.race([host.clock.until(due, host.signal), poked]);
        this.poked = undefined;
        if (host.signal.aborted) return "aborted";
        // Closed from outside (the organiser's button): the market ends now, as at its end.
        if (host.state.status === "closed") break;
        if (host.clock.now() < due) continue;
      } else {
        await host.clock.until(due);
      }
      if (expiring) {
        this.expireDue(due);
        continue;
      }
      if (due === endAt) break;
      // The wake-ups of one window decide together, each on the market as the window found it;
      // a window of 0 takes one wake-up at a time, each seeing what the one before did.
      const batch = [this.queue.pop()!];
      // A window stops short of the next expiry, so every wake-up sees the market as of its time.
      const windowEnd = Math.min(due + window, endAt, this.nextExpiry() ?? endAt);
      for (let at = this.queue.peekTime(); at !== undefined && at < windowEnd; ) {
        batch.push(this.queue.pop()!);
        at = this.queue.peekTime();
      }
      // A window's turns all look and act at its start, and what they set off (a counterpart's
      // reply, their own next browse) counts from each wake-up's own time, so the market keeps the
      // pace it has one turn at a time. Acting at each wake-up's own time put the clock at the
      // window's last turn, and a reply due earlier in the window (2 to 90 minutes after an offer)
      // acted only from there: a 1h window lost 5.8% of a day's deals, now 1.8% (bench:scale's
      // market, seeds 1 to 5, 2026-12-06). Counting replies from the window's start instead made
      // every round of talk a few minutes long: 52% to 65% more model calls. On a wall clock the moment may have passed while others
      // acted (outside input, a slow agent): the turns act now, and what they set off counts from now.
      const actAt = Math.max(due, host.now());
      const views = batch.map((wake) => host.view(wake.who, actAt));
      const timeout = options.turnTimeoutMs ?? 120_000;
      const turns = await (options.turns ?? inProcessTurns).take(
        batch.map((wake, i) => ({ who: wake.who, agent: this.agents.get(wake.who)!, view: views[i]! })),
        timeout,
      );
      if (host.signal.aborted) return "aborted";
      // Their actions are applied in a fixed order, wake time then participant id, so the same
      // seed and window give the same log however the answers raced; what went stale is refused.
      const order = batch.map((_, i) => i);
      if (batch.length > 1) {
        order.sort((a, b) => batch[a]!.at - batch[b]!.at || (batch[a]!.who < batch[b]!.who ? -1 : 1));
      }
      let now = actAt;
      for (const i of order) {
        const wake = batch[i]!;
        this.wakeUps++;
        // On a wall clock, after the window's slower turns; on the virtual clock, the window's start.
        now = Math.max(actAt, host.now());
        const from = Math.max(wake.at, now);
        this.turnFrom = from;
        try {
          this.applyTurn(wake.who, turns[i]!, now, maxActions);
        } finally {
          this.turnFrom = undefined;
        }
        // Drawn even for a suspended agent, so a fault changes nobody else's timing.
        const browseAt = from + this.delays.int(browseMin * HOUR, browseMax * HOUR);
        this.schedule(wake.who, browseAt, "browse");
      }
      const percent = Math.floor(((now - startAt) / (endAt - startAt)) * 100);
      if (percent !== lastReported) {
        lastReported = percent;
        options.onProgress?.({
          fraction: percent / 100,
          events: host.state.seq,
          deals: host.state.counters.deal,
        });
      }
      // Built-in agents answer synchronously, so without this the loop would never let the event loop
      // run: the store's replies, signals and timers would all wait. The store writes one batch per
      // reply, so yielding only at each 1% left it far behind (up to 65% of a 10x market unwritten,
      // all of it held in memory); every few milliseconds keeps it within about a batch.
      if (wallClock() - lastYield >= YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = wallClock();
      }
    }
    // Deals that expire before the close (or exactly at it) expire first, as they would in a longer market.
    if (host.state.status !== "closed") this.expireDue(endAt);
    if (host.state.status !== "closed") host.apply("market", { type: "close-market" }, endAt, "market");
    options.onProgress?.({ fraction: 1, events: host.state.seq, deals: host.state.counters.deal });
    await host.flush();
    return "closed";
  }

  /** The earliest market time a pending deal expires, if any deal is pending. */
  private nextExpiry(): number | undefined {
    let earliest: number | undefined;
    for (const at of this.pending.values()) if (earliest === undefined || at < earliest) earliest = at;
    return earliest;
  }

  /**
   * Expires, as the market, every pending deal whose deadline has come by `now`: earliest first,
   * each at its own deadline, so the log says when each lapsed (a replay needs nothing else).
   */
  private expireDue(now: number): void {
    const due = [...this.pending]
      .filter(([, at]) => at <= now)
      .sort(([a, atA], [b, atB]) => atA - atB || compareIds(a, b));
    for (const [dealId, at] of due) {
      this.pending.delete(dealId);
      if (this.host.state.deals.get(dealId)?.status !== "accepted") continue;
      this.host.apply("market", { type: "expire-deal", dealId }, at, "market");
    }
  }

  /** Hands one turn's actions to the host, and logs its faults. */
  private applyTurn(
    who: string,
    turn: { actions: AgentAction[] } | TurnFault,
    now: number,
    maxActions: number,
  ): void {
    const agent = this.agents.get(who)!;
    let fault: TurnFault | undefined = "fault" in turn ? turn : undefined;
    const proposed = "actions" in turn ? turn.actions : [];
    for (const action of proposed.slice(0, maxActions)) {
      const outcome = this.host.apply(who, action, now, "agent");
      if (!outcome.ok && agent.onRefused) {
        const { code, message } = outcome.rejection;
        fault ??= callHook(() => agent.onRefused!({ action, code, message }));
      }
    }
    if (proposed.length > maxActions) {
      // Every action is in the log: each one a turn proposed past the cap is refused with its own
      // event (up to a bound, so a runaway agent cannot flood the log), and the fault says how many.
      const refusal = reject(
        "cap/actions",
        `Your agent may take at most ${maxActions} actions in one turn; this one came after them and was not taken. Propose fewer at a time.`,
      );
      const over = proposed.slice(maxActions);
      const logged = over.slice(0, MAX_REFUSALS_LOGGED);
      for (const action of logged) {
        this.host.apply(who, action, now, "agent", { refuse: refusal });
        if (agent.onRefused) fault ??= callHook(() => agent.onRefused!({ action, ...refusal }));
      }
      const unlogged = over.length - logged.length;
      this.report(who, now, {
        fault: "over-cap",
        reason: `proposed ${proposed.length} actions in one turn; the ${over.length} after the first ${maxActions} were refused (cap/actions)${unlogged > 0 ? `, the last ${unlogged} without an event each` : ""}`,
      });
    }
    if (fault) this.report(who, now, fault);
    else this.faults.delete(who);
  }

  /**
   * Logs an agent's fault; after too many in a row its agent is suspended and gets no more turns.
   * The market goes on either way. A cap overrun is logged but is not a failure of the agent.
   */
  private report(who: string, now: number, fault: TurnFault | { fault: "over-cap"; reason: string }): void {
    let suspended = false;
    if (fault.fault !== "over-cap") {
      const count = (this.faults.get(who) ?? 0) + 1;
      this.faults.set(who, count);
      suspended = count >= (this.options.faultsBeforeSuspension ?? 3);
    }
    const reason = suspended ? `${fault.reason}; suspended after repeated faults` : fault.reason;
    this.host.apply(
      "market",
      { type: "report-agent-fault", participant: who, fault: fault.fault, reason, suspended },
      now,
      "market",
    );
  }

  private reply(who: string, now: number): void {
    const [min, max] = this.replyRange;
    const at = now + this.delays.int(min * MINUTE, max * MINUTE);
    this.schedule(who, at, "reply");
  }

  private poke(): void {
    this.poked?.();
  }
}
