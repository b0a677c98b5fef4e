import type { Participant } from "../domain/mandate.ts";
import { apply } from "../engine/apply.ts";
import { audienceOf, canSee } from "../engine/audience.ts";
import type { Outcome } from "../engine/decide.ts";
import type { MarketEvent } from "../engine/event.ts";
import type { Rejection, RejectionCode } from "../engine/rejection.ts";
import type { MarketState } from "../engine/state.ts";
import { type AgentView, viewFor } from "../engine/view.ts";
import type { MarketClock } from "./clock.ts";
import type { EventSink } from "./event-sink.ts";
import { HostError } from "./host-error.ts";

/** What became of an action submitted from outside, once its events are durable. */
export type SubmitResult =
  | { ok: true; events: MarketEvent[] }
  | { ok: false; code: RejectionCode; message: string; events: MarketEvent[] };

/** Where an applied action came from: an in-process agent, outside input, or the market itself. */
export type ActionSource = "agent" | "outside" | "market";

/** Told, synchronously and in log order, of every action the host applies. */
export type AppliedListener = (
  outcome: Outcome,
  action: { actor: string; at: number; source: ActionSource },
) => void;

/**
 * How newcomers get an agent: `admit` checks the agent spec and records the person durably (so a
 * resumed market knows them) before they are registered; the returned `start` is called once the
 * registration is in the log.
 */
export type Admission = (participant: Participant, spec: string) => Promise<() => void>;

/** Who reads a feed: the operator sees everything, a participant what `audienceOf` lets them. */
export type Viewer = "operator" | (string & {});

export interface MarketHostOptions {
  /** The market as it stands: replayed from its log, or a new market's genesis. */
  state: MarketState;
  /** Where events go; it already holds every event of `state`, or will once `genesis` is written. */
  sink: EventSink;
  clock: MarketClock;
  /** The first event of a new market, written to the sink at once. */
  genesis?: MarketEvent;
  /** Releases what the host holds (the market's writer lock, the store) once it has closed. */
  release?: () => Promise<void>;
  /** Aborts the host from outside, as `close()` does. */
  signal?: AbortSignal;
  /**
   * False for a simulation: its log must stay re-derivable from its seed, so `submit` and `join`
   * are refused. True (the default) for a live market.
   */
  outsideInput?: boolean;
}

/** Events kept in memory for live subscribers, so a feed rarely reads the store. */
const TAIL = 20_000;

/**
 * One market, running: the only writer of its log (boardgame.io's `Master`). Everything that
 * changes the market goes through it, in order, and through the pure engine: the scheduler's
 * in-process agents (`apply`), and outside input (`submit`, `join`), which resolves once its events
 * are durable. Readers get a participant's `view`, or `events` as an async iterable filtered by
 * audience, from any sequence number and then live. Only durable events are ever shown, so no
 * reader sees an event that a crash could then take back.
 */
export class MarketHost {
  readonly state: MarketState;
  readonly clock: MarketClock;
  private readonly sink: EventSink;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<AppliedListener>();
  private readonly tail: MarketEvent[] = [];
  private durableWaiters: (() => void)[] = [];
  private admission: Admission | undefined;
  private closing: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly release: (() => Promise<void>) | undefined;
  private readonly outsideInput: boolean;
  /** Actions the engine refused, counted for the run's summary. */
  refusals = 0;

  constructor(options: MarketHostOptions) {
    this.state = options.state;
    this.clock = options.clock;
    this.sink = options.sink;
    this.release = options.release;
    this.outsideInput = options.outsideInput ?? true;
    if (options.signal) {
      if (options.signal.aborted) this.controller.abort(options.signal.reason);
      else options.signal.addEventListener("abort", () => void this.close(), { once: true });
    }
    this.sink.onDurable(() => this.wakeReaders());
    // The log cannot be written: the market stops rather than run on with nothing stored.
    this.sink.onFailure?.((error) => this.fail(error));
    if (options.genesis) this.record([options.genesis]);
  }

  /** Aborted when the host closes or fails: long waits (the scheduler's, a feed's) end on it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Why the host stopped on its own (its log could not be written), if it did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * The seq of the last durable event this host has reached. A re-derived run's stored prefix is
   * durable before the host has made its events again, so it counts as far as the state has come.
   */
  get durableSeq(): number {
    return Math.min(this.sink.durable, this.state.seq);
  }

  /** Market time now: the clock's, never before the last event. */
  now(): number {
    return Math.max(this.state.now, this.clock.now());
  }

  /** Subscribes to every applied action (the scheduler wakes whoever it concerns). */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets newcomers join while the market runs (the scheduler gives them an agent). */
  setAdmission(admission: Admission): void {
    this.admission = admission;
  }

  /**
   * Applies one action at market time `at` and buffers its events: the in-process path, which does
   * not wait for the store (a simulated week is ~12,000 events in seconds). Outside input uses
   * `submit`, which does.
   */
  apply(
    actor: string,
    action: object,
    at: number,
    source: ActionSource = "agent",
    options: { refuse?: Rejection } = {},
  ): Outcome {
    this.assertOpen();
    const outcome = apply(this.state, { ...action, actor }, at, options);
    if (!outcome.ok) this.refusals++;
    this.record(outcome.events);
    for (const listener of this.listeners) listener(outcome, { actor, at, source });
    return outcome;
  }

  /**
   * Applies an action from outside the process's agents (a person on the web, a remote agent, a
   * hand-over) at the current market time. Resolves once its events, a refusal's included, are
   * durably in the log; a refusal comes back with the engine's typed code.
   */
  async submit(actor: string, action: object): Promise<SubmitResult> {
    this.assertTakesInput();
    const outcome = this.apply(actor, action, this.now(), "outside");
    await this.flush();
    return outcome.ok
      ? { ok: true, events: outcome.events }
      : {
          ok: false,
          code: outcome.rejection.code,
          message: outcome.rejection.message,
          events: outcome.events,
        };
  }

  /**
   * Adds a person to the running market with the agent `spec` names. Resolves once they are
   * registered durably and their agent has been scheduled.
   */
  async join(participant: Participant, spec: string): Promise<SubmitResult> {
    this.assertTakesInput();
    if (this.state.participants.has(participant.id)) {
      throw new HostError("conflict", "host/already-joined", `"${participant.id}" is already in this market`);
    }
    if (!this.admission) {
      throw new HostError("unavailable", "host/no-admission", "this market does not take newcomers");
    }
    const start = await this.admission(participant, spec);
    const result = await this.submit("market", { type: "register-participant", participant });
    if (result.ok) start();
    return result;
  }

  /** What `participant`'s agent would see now (or at market time `at`, never before the last event). */
  view(participant: string, at?: number): AgentView {
    if (!this.state.participants.has(participant)) {
      throw new HostError(
        "not-found",
        "host/unknown-participant",
        `no participant "${participant}" in this market`,
      );
    }
    return viewFor(this.state, participant, {
      now: at === undefined ? this.now() : Math.max(at, this.state.now),
    });
  }

  /**
   * The events `viewer` may see, from `fromSeq` (default 1) on: first what the log holds, then each
   * event as it becomes durable, until the host closes or `signal` aborts.
   */
  async *events(
    options: { fromSeq?: number; viewer?: Viewer; signal?: AbortSignal } = {},
  ): AsyncGenerator<MarketEvent> {
    const viewer = options.viewer ?? "operator";
    let next = Math.max(1, options.fromSeq ?? 1);
    let drained = false;
    for (;;) {
      const durable = this.durableSeq;
      if (next <= durable) {
        const batch = await this.durableEvents(next, Math.min(durable, next + 4_999));
        if (batch.length === 0)
          throw new HostError("unavailable", "host/log-unreadable", `events from ${next} could not be read`);
        for (const event of batch) {
          if (canSee(audienceOf(this.state, event), viewer)) yield event;
        }
        next = batch.at(-1)!.seq + 1;
        continue;
      }
      if (options.signal?.aborted) return;
      if (this.closing) {
        // What the host wrote before closing becomes durable as it closes: drain it, then end.
        if (drained) return;
        await this.closing.catch(() => {});
        drained = true;
        continue;
      }
      if (this.signal.aborted) return;
      await this.nextDurable(options.signal);
    }
  }

  /** Makes every event so far durable. */
  async flush(): Promise<void> {
    try {
      await this.sink.flush();
    } catch (error) {
      this.fail(error as Error);
      throw error;
    }
  }

  /**
   * Stops the host: no more input, everything written made durable, feeds ended, the writer lock
   * released. The market itself is not closed (that is the `close-market` action): it can be opened
   * again by a new host. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.controller.abort(new HostError("unavailable", "host/closed", "the market host has closed"));
      try {
        if (!this.failure) await this.sink.flush();
      } finally {
        this.wakeReaders();
        await this.release?.();
      }
    })();
    return this.closing;
  }

  private record(events: readonly MarketEvent[]): void {
    if (events.length === 0) return;
    this.sink.write(events);
    for (const event of events) this.tail.push(event);
    if (this.tail.length > 2 * TAIL) this.tail.splice(0, this.tail.length - TAIL);
    // Re-derived events are durable as soon as they are made.
    if (this.durableWaiters.length > 0 && this.sink.durable >= events[0]!.seq) this.wakeReaders();
  }

  private wakeReaders(): void {
    const waiters = this.durableWaiters;
    this.durableWaiters = [];
    for (const wake of waiters) wake();
  }

  private async durableEvents(fromSeq: number, toSeq: number): Promise<MarketEvent[]> {
    const first = this.tail[0];
    if (first && first.seq <= fromSeq) {
      return this.tail.slice(fromSeq - first.seq, toSeq - first.seq + 1);
    }
    return this.sink.read(fromSeq, toSeq);
  }

  private nextDurable(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.durableWaiters.push(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.controller.abort(error);
  }

  private assertTakesInput(): void {
    this.assertOpen();
    if (!this.outsideInput) {
      throw new HostError(
        "conflict",
        "host/simulation",
        "this market is a simulation, re-derived from its seed, so it takes no outside input: run a live market (clock: wall) to act in it, or wait until it has finished",
      );
    }
  }

  private assertOpen(): void {
    if (this.failure) {
      throw new HostError("unavailable", "host/failed", `the market host stopped: ${this.failure.message}`, {
        cause: this.failure,
      });
    }
    if (this.closed) throw new HostError("unavailable", "host/closed", "the market host has closed");
  }
}
