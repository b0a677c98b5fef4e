import type { AgentView, ThreadView } from "../../engine/view.ts";
import type { Note } from "./prompt.ts";
import type { Turn } from "./turn.ts";

interface LoopState {
  idle: number;
  chat: number;
  lastMark?: string;
  lastOfferMark?: string;
  quiet?: { kind: "idle" | "chat"; mark: string };
}

/** The counterpart's moves in a thread so far, as one comparable string. */
function counterpartMark(thread: ThreadView, me: string): string {
  const messages = thread.messages.filter((m) => m.from !== me).map((m) => m.id);
  const offers = thread.offers.filter((o) => o.from !== me).map((o) => `${o.id}#${o.version}`);
  return `${messages.join(",")}|${offers.join(",")}|${thread.thread.status}`;
}

function counterpartOfferMark(thread: ThreadView, me: string): string {
  return thread.offers
    .filter((o) => o.from !== me)
    .map((o) => `${o.id}#${o.version}`)
    .join(",");
}

function allOffersMark(thread: ThreadView): string {
  return thread.offers.map((o) => `${o.id}#${o.version}`).join(",");
}

/**
 * Stops a model that makes no progress in a thread: after `maxIdle` turns acting there with no
 * answer from the other side, or `maxChat` turns with no new offer from anyone, the agent goes quiet
 * in that thread until the other side does something new (or makes an offer).
 */
export class LoopGuard {
  private readonly loops = new Map<string, LoopState>();

  constructor(private readonly limits: { maxIdle: number; maxChat: number }) {}

  isQuiet(threadId: string | undefined): boolean {
    return threadId !== undefined && this.loops.get(threadId)?.quiet !== undefined;
  }

  quietThreads(): Set<string> {
    return new Set([...this.loops.entries()].filter(([, state]) => state.quiet).map(([id]) => id));
  }

  /** Lifts "quiet" where the other side did something new. */
  liftQuiet(view: AgentView): void {
    for (const thread of view.threads) {
      const state = this.loops.get(thread.thread.id);
      if (!state?.quiet) continue;
      const mark =
        state.quiet.kind === "idle"
          ? counterpartMark(thread, view.me.id)
          : counterpartOfferMark(thread, view.me.id);
      if (mark !== state.quiet.mark) this.loops.set(thread.thread.id, { idle: 0, chat: 0 });
    }
  }

  /** Counts turns without progress in each thread the agent acted in; goes quiet past the limits, with a note. */
  count(turn: Turn, notes: Note[]): void {
    const me = turn.view.me.id;
    for (const threadId of turn.touched) {
      const thread = turn.view.threads.find((t) => t.thread.id === threadId);
      if (!thread) continue;
      const state = this.stateOf(threadId);
      const mark = counterpartMark(thread, me);
      state.idle = state.lastMark === mark ? state.idle + 1 : 0;
      state.lastMark = mark;
      const offerMark = allOffersMark(thread);
      state.chat = turn.offersIn.has(threadId) || offerMark !== state.lastOfferMark ? 0 : state.chat + 1;
      state.lastOfferMark = offerMark;
      const name = thread.counterpart.name;
      if (!state.quiet && state.idle >= this.limits.maxIdle) {
        state.quiet = { kind: "idle", mark };
        notes.push({
          text: `You acted ${state.idle + 1} times in thread ${threadId} without an answer from ${name}: you go quiet there until ${name} does something new.`,
          actionable: false,
          threadId,
        });
      } else if (!state.quiet && state.chat >= this.limits.maxChat) {
        state.quiet = { kind: "chat", mark: counterpartOfferMark(thread, me) };
        notes.push({
          text: `${state.chat} turns in thread ${threadId} without a new offer: you go quiet there until ${name} makes an offer.`,
          actionable: false,
          threadId,
        });
      }
    }
  }

  /** Its counts per thread, for a travelling agent's state. */
  state(): Map<string, LoopState> {
    return this.loops;
  }

  load(loops: Map<string, LoopState>): void {
    this.loops.clear();
    for (const [threadId, state] of loops) this.loops.set(threadId, state);
  }

  private stateOf(threadId: string): LoopState {
    let state = this.loops.get(threadId);
    if (!state) {
      state = { idle: 0, chat: 0 };
      this.loops.set(threadId, state);
    }
    return state;
  }
}
