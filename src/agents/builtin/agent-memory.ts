import type { AgentAction } from "../../engine/action.ts";
import type { Reading, Words } from "./words.ts";

/**
 * What the built-in agent remembers of one thread: what it has already answered. Everything else is
 * read from the view each time. `memoryFromView` (rebuild-memory.ts) derives it again from the view
 * alone, for an agent restored when a market resumes.
 */
export interface ThreadMemory {
  /**
   * The other side's latest offer (id#version) we have answered; `deal:<id>` once we confirmed a
   * deal; "none" when we spoke before they offered.
   */
  answeredOffer?: string;
  /** The other side's latest message id we have answered. */
  answeredMessage?: string;
  /** We thanked them after the deal we accepted was confirmed. */
  thanked: boolean;
  /** The market refused our offer for the cap: treat our offers as spent. */
  capped: boolean;
  /** Answers tried again after a refusal (at most two). */
  retries: number;
  /** What the other side's messages said, by message id: each is read once. */
  readings: Map<string, Reading>;
}

/** Everything the built-in agent keeps between two looks at the market. */
export interface EngineAgentMemory {
  /** By thread id; a thread over without a deal is dropped. */
  threads: Map<string, ThreadMemory>;
  /** Per listing: no want ad could be answered when last looked, so not before this time again. */
  noAdUntil: Map<string, number>;
  /**
   * Trades the market refused as not allowed (an owner's wish not to trade with the other side):
   * "listing:<id>" for a listing we may not buy, "<listingId>|<wantAdId>" for a want ad we may not
   * answer. Not tried again.
   */
  notAllowed: Set<string>;
}

export function emptyMemory(): EngineAgentMemory {
  return { threads: new Map(), noAdUntil: new Map(), notAllowed: new Set() };
}

export function emptyThreadMemory(): ThreadMemory {
  return { thanked: false, capped: false, retries: 0, readings: new Map() };
}

/** The thread's memory, made empty on first use. */
export function threadMemory(memory: EngineAgentMemory, threadId: string): ThreadMemory {
  let entry = memory.threads.get(threadId);
  if (!entry) {
    entry = emptyThreadMemory();
    memory.threads.set(threadId, entry);
  }
  return entry;
}

/** Puts `source`'s contents in `target`, keeping `target`'s maps (anyone holding it sees the change). */
export function replaceMemory(target: EngineAgentMemory, source: EngineAgentMemory): void {
  target.threads.clear();
  for (const [threadId, entry] of source.threads) target.threads.set(threadId, entry);
  target.noAdUntil.clear();
  for (const [listingId, until] of source.noAdUntil) target.noAdUntil.set(listingId, until);
  target.notAllowed.clear();
  for (const key of source.notAllowed) target.notAllowed.add(key);
}

/**
 * What the other side said in `message`, read once: the first reading is kept, so a message first
 * read with the prices on the table keeps that reading.
 */
export function readingOf(
  memo: ThreadMemory,
  words: Words,
  message: { id: string; text: string },
  context: { lastPrice?: number; counterpartLastPrice?: number },
): Reading {
  let reading = memo.readings.get(message.id);
  if (!reading) {
    reading = words.read(message.text, context);
    memo.readings.set(message.id, reading);
  }
  return reading;
}

/** The thread an action was about, when the action names it. */
function threadOfAction(action: AgentAction): string | undefined {
  if ("threadId" in action && typeof action.threadId === "string") return action.threadId;
  return action.type === "send-message" ? action.where : undefined;
}

/**
 * Notes a refusal: after the cap, our offers are spent; when the offer we answered changed under us,
 * or we hit our cap and must now accept or walk, the thread is answered again next turn (twice at most).
 */
export function rememberRefusal(
  memory: EngineAgentMemory,
  refusal: { action: AgentAction; code: string },
): void {
  const { action, code } = refusal;
  if (code === "trade/not-allowed") {
    if (action.type === "open-thread" && action.wantAdId)
      memory.notAllowed.add(`${action.listingId}|${action.wantAdId}`);
    else if (action.type === "make-offer" && action.listingId)
      memory.notAllowed.add(`listing:${action.listingId}`);
  }
  const threadId = threadOfAction(action);
  if (!threadId) return;
  const memo = threadMemory(memory, threadId);
  if (code === "cap/offers") memo.capped = true;
  if (
    (code === "offer/stale-version" || code === "offer/not-open" || code === "cap/offers") &&
    memo.retries < 2
  ) {
    memo.retries++;
    delete memo.answeredOffer;
    delete memo.answeredMessage;
  }
}
