import type { LanguageModelV3 } from "@ai-sdk/provider";
import { APICallError } from "@ai-sdk/provider";
import { generateText, type ModelMessage, type StepResult, type SystemModelMessage, type ToolSet } from "ai";
import { offersMadeBy } from "../../domain/thread.ts";
import type { AgentAction } from "../../engine/action.ts";
import type { AgentView, ThreadView } from "../../engine/view.ts";
import type { Agent, AgentContext, AgentUsage } from "../agent.ts";
import { secretsOf } from "../engine/view-facts.ts";
import type { LlmBudget } from "./budget.ts";
import { LlmBudgetExhaustedError, LlmReplayMissError, RecordedLlmError } from "./errors.ts";
import { MODEL_PRICES, type ModelPrice, priceOf } from "./prices.ts";
import { buildUpdate, emptySeen, marketRules, type Note, ownerPrompt, type PromptOptions } from "./prompt.ts";
import { createLanguageModel, type LlmConnectionOptions } from "./providers.ts";
import { LlmRecorder, type RecordingMode } from "./recorder.ts";
import { type CallReport, type RetryOptions, resilientModel } from "./resilient-model.ts";
import { parseLlmSpec } from "./spec.ts";
import { guardOutgoingText } from "./text-guard.ts";
import { amountToCents, type ToolName, toolsFor } from "./tools.ts";
import { emptyUsage, recordCalls } from "./usage.ts";

export interface LlmAgentOptions extends LlmConnectionOptions {
  /** A ready model (tests, custom providers); replaces the one the spec names. */
  model?: LanguageModelV3;
  /** The run's shared budget of calls, tokens and cost. */
  budget?: LlmBudget;
  /** The run's recording of model exchanges (share one per run), or a path to open one at. */
  recorder?: LlmRecorder;
  recordPath?: string;
  recordingMode?: RecordingMode;
  /** Give the model its exact reserves, max prices and budget. Default false: targets only. */
  revealLimits?: boolean;
  /** Offers the agent may make in one thread, refused ones included (so limits cannot be probed). Default 6. */
  offerCap?: number;
  /** Turns acting in a thread with no answer from the other side before going quiet there. Default 3. */
  maxIdleTurns?: number;
  /** Turns acting in a thread with no new offer from anyone before going quiet there. Default 6. */
  maxChatTurns?: number;
  /** Model steps in one wake-up (a second only to fix calls that were all malformed). Default 2. */
  maxStepsPerWake?: number;
  maxOutputTokens?: number;
  temperature?: number;
  /** Per model attempt. Default 60 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  /** Prices in cents per million tokens, by model id (adds to the built-in table). */
  prices?: Record<string, ModelPrice>;
  /** Confirm a deal when the other side accepts the agent's own open offer, without a model call. Default true. */
  autoConfirm?: boolean;
  /** How close to a secret an amount in a message may not come, as a fraction. Default 0.03. */
  nearFraction?: number;
  /** History size (characters) after which the conversation restarts from a fresh snapshot. Default 80,000. */
  maxHistoryChars?: number;
  /** Failed calls in a row before the agent stops. Default 3. */
  maxConsecutiveFailures?: number;
  /** Told when the agent stops (budget spent, model unavailable), for the runner to print. */
  log?: (message: string) => void;
}

export interface LlmAgent extends Agent {
  usage(): AgentUsage;
  readonly modelId: string;
}

interface LoopState {
  idle: number;
  chat: number;
  lastMark?: string;
  lastOfferMark?: string;
  quiet?: { kind: "idle" | "chat"; mark: string };
}

interface Turn {
  view: AgentView;
  actions: AgentAction[];
  touched: Set<string>;
  offersIn: Set<string>;
}

const toolOf: Record<string, ToolName> = {
  "post-listing": "post_listing",
  "post-want-ad": "post_want_ad",
  "send-message": "send_message",
  "open-thread": "open_thread",
  "make-offer": "make_offer",
  "withdraw-offer": "withdraw_offer",
  "accept-offer": "accept_offer",
  "confirm-deal": "confirm_deal",
  "decline-thread": "decline_thread",
  "mark-handed-over": "mark_handed_over",
};

const CACHE = { anthropic: { cacheControl: { type: "ephemeral" } } } as const;

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

/** A short description of an action for the model, naming what it was about. */
function describeAction(action: AgentAction): string {
  const tool = toolOf[action.type] ?? action.type;
  const fields: string[] = [];
  for (const key of [
    "threadId",
    "listingId",
    "wantId",
    "offerId",
    "version",
    "dealId",
    "itemId",
    "where",
  ] as const) {
    const value = (action as Record<string, unknown>)[key];
    if (value !== undefined) fields.push(`${key} ${JSON.stringify(value)}`);
  }
  if ("price" in action && typeof action.price === "number")
    fields.push(`price $${(action.price / 100).toFixed(2)}`);
  return `${tool}${fields.length ? ` (${fields.join(", ")})` : ""}`;
}

function threadOfAction(action: AgentAction, view: AgentView): string | undefined {
  const a = action as Record<string, unknown>;
  if (typeof a.threadId === "string") return a.threadId;
  if (action.type === "send-message" && action.where !== "channel") return action.where;
  if (typeof a.offerId === "string") {
    return view.threads.find((t) => t.offers.some((o) => o.id === a.offerId))?.thread.id;
  }
  if (typeof a.dealId === "string") return view.threads.find((t) => t.deal?.id === a.dealId)?.thread.id;
  return undefined;
}

/**
 * An agent whose moves a language model chooses, through tools that are exactly the typed actions.
 * Around the model, in code: the system prompt built once from the mandate (targets, not the secret
 * limits, unless `revealLimits`), a conversation that only grows (news since the last turn, newest
 * last) so the prompt prefix stays cacheable, one model call per wake-up and only when there is news,
 * a guard that blocks or redacts words that reveal a secret number, an offer cap per thread, a stop
 * for loops, the run's budget, retries, and the run's recording for deterministic replay.
 * @example const agent = createLlmAgent("llm:anthropic:claude-haiku-4-5", { participantId: "ann", seed: 1 }, { budget })
 */
export function createLlmAgent(spec: string, context: AgentContext, options: LlmAgentOptions = {}): LlmAgent {
  const parsed = options.model ? undefined : parseLlmSpec(spec);
  const inner = options.model ?? createLanguageModel(parsed!, options);
  const modelId = inner.modelId;
  const price = priceOf(modelId, { ...MODEL_PRICES, ...(options.prices ?? {}) });
  const offerCap = options.offerCap ?? 6;
  const maxIdle = options.maxIdleTurns ?? 3;
  const maxChat = options.maxChatTurns ?? 6;
  const maxSteps = Math.max(1, options.maxStepsPerWake ?? 2);
  const maxHistory = options.maxHistoryChars ?? 80_000;
  const maxFailures = options.maxConsecutiveFailures ?? 3;
  const autoConfirm = options.autoConfirm ?? true;
  const recorder =
    options.recorder ??
    (options.recordPath
      ? LlmRecorder.open(options.recordPath, options.recordingMode ?? "record")
      : undefined);

  const usage = emptyUsage();
  if (!price) usage.costNote = `no price known for model "${modelId}": its cost is counted as 0`;
  let reports: CallReport[] = [];
  const model = resilientModel(inner, {
    ...(recorder ? { recorder } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onCall: (report) => reports.push(report),
  });

  let system: SystemModelMessage[] | undefined;
  let tools: ToolSet | undefined;
  let promptOptions: PromptOptions | undefined;
  let history: ModelMessage[] = [];
  let historyChars = 0;
  let seen = emptySeen();
  let notes: Note[] = [];
  let stopped: string | undefined;
  let failures = 0;
  let turn: Turn | undefined;
  const loops = new Map<string, LoopState>();
  const refusedOffers = new Map<string, number>();
  const confirmed = new Set<string>();
  const lastViewRef: { view?: AgentView } = {};

  const stop = (reason: string) => {
    if (stopped) return;
    stopped = reason;
    usage.stopped = reason;
    options.log?.(`${context.participantId} (${spec}): ${reason}`);
  };

  const loopOf = (threadId: string): LoopState => {
    let state = loops.get(threadId);
    if (!state) {
      state = { idle: 0, chat: 0 };
      loops.set(threadId, state);
    }
    return state;
  };

  const quietThreads = (): Set<string> =>
    new Set([...loops.entries()].filter(([, state]) => state.quiet).map(([id]) => id));

  /** Lifts "quiet" where the other side did something new. */
  function liftQuiet(view: AgentView): void {
    for (const thread of view.threads) {
      const state = loops.get(thread.thread.id);
      if (!state?.quiet) continue;
      const mark =
        state.quiet.kind === "idle"
          ? counterpartMark(thread, view.me.id)
          : counterpartOfferMark(thread, view.me.id);
      if (mark !== state.quiet.mark) {
        loops.set(thread.thread.id, { idle: 0, chat: 0 });
      }
    }
  }

  /** Counts turns without progress in each thread the agent acted in; goes quiet past the limits. */
  function countLoops(current: Turn): void {
    const me = current.view.me.id;
    for (const threadId of current.touched) {
      const thread = current.view.threads.find((t) => t.thread.id === threadId);
      if (!thread) continue;
      const state = loopOf(threadId);
      const mark = counterpartMark(thread, me);
      state.idle = state.lastMark === mark ? state.idle + 1 : 0;
      state.lastMark = mark;
      const offerMark = allOffersMark(thread);
      state.chat = current.offersIn.has(threadId) || offerMark !== state.lastOfferMark ? 0 : state.chat + 1;
      state.lastOfferMark = offerMark;
      const name = thread.counterpart.name;
      if (!state.quiet && state.idle >= maxIdle) {
        state.quiet = { kind: "idle", mark };
        notes.push({
          text: `You acted ${state.idle + 1} times in thread ${threadId} without an answer from ${name}: you go quiet there until ${name} does something new.`,
          actionable: false,
          threadId,
        });
      } else if (!state.quiet && state.chat >= maxChat) {
        state.quiet = { kind: "chat", mark: counterpartOfferMark(thread, me) };
        notes.push({
          text: `${state.chat} turns in thread ${threadId} without a new offer: you go quiet there until ${name} makes an offer.`,
          actionable: false,
          threadId,
        });
      }
    }
  }

  function guardText(
    text: string | undefined,
    current: Turn,
    publicAmounts: number[],
  ): { text?: string; note?: string; blocked: boolean } {
    if (text === undefined || text.trim() === "") return { blocked: false };
    const result = guardOutgoingText(text, {
      secrets: [...new Set(secretsOf(current.view))],
      publicAmounts,
      ...(options.nearFraction !== undefined ? { nearFraction: options.nearFraction } : {}),
    });
    if (result.verdict === "clean") return { text, blocked: false };
    if (result.verdict === "redacted") {
      usage.guard.redacted++;
      return {
        text: result.text!,
        note: `some of your words were removed before sending because ${result.reasons[0]}`,
        blocked: false,
      };
    }
    usage.guard.blocked++;
    return { note: `your words were not sent because ${result.reasons[0]}`, blocked: true };
  }

  function publicAmountsOf(thread: ThreadView | undefined, view: AgentView, extra: number[] = []): number[] {
    const amounts = [...extra, ...view.myListings.map((l) => l.askingPrice)];
    if (thread) amounts.push(thread.listing.askingPrice, ...thread.offers.map((o) => o.price));
    return amounts;
  }

  /** Turns one checked tool call into an action; throws an error the model can fix, or says why it was not sent. */
  function execute(name: ToolName, input: Record<string, unknown>): string {
    const current = turn;
    if (!current) throw new Error("this turn is over; call tools in your next turn");
    const { view } = current;
    const me = view.me.id;
    const threadById = (id: string) => view.threads.find((t) => t.thread.id === id);
    const requireThread = (id: unknown): ThreadView => {
      const thread = typeof id === "string" ? threadById(id) : undefined;
      if (!thread) {
        const known = view.threads.map((t) => t.thread.id).join(", ") || "none yet";
        throw new Error(`there is no thread "${String(id)}" of yours; your threads: ${known}`);
      }
      return thread;
    };
    const quietHere = (threadId: string | undefined) =>
      threadId !== undefined && loops.get(threadId)?.quiet !== undefined;
    const submit = (action: AgentAction, threadId: string | undefined, note?: string): string => {
      current.actions.push(action);
      if (threadId) current.touched.add(threadId);
      return note ? `submitted, but ${note}` : "submitted; the market answers next turn";
    };
    const text = typeof input.text === "string" ? input.text : undefined;

    switch (name) {
      case "post_listing": {
        const item = view.me.mandate.items.find((candidate) => candidate.id === input.itemId);
        if (!item) {
          throw new Error(
            `you have no item "${String(input.itemId)}"; your items: ${view.me.mandate.items.map((i) => i.id).join(", ")}`,
          );
        }
        const asking = amountToCents(input.askingPrice);
        const guarded = guardText(text, current, [
          item.askingPrice,
          ...(asking !== undefined ? [asking] : []),
        ]);
        return submit(
          {
            type: "post-listing",
            itemId: item.id,
            ...(asking !== undefined ? { askingPrice: asking } : {}),
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          undefined,
          guarded.note,
        );
      }
      case "post_want_ad": {
        const want = view.me.mandate.wants.find((candidate) => candidate.id === input.wantId);
        if (!want) {
          throw new Error(
            `you have no want "${String(input.wantId)}"; your wants: ${view.me.mandate.wants.map((w) => w.id).join(", ")}`,
          );
        }
        const guarded = guardText(text, current, []);
        return submit(
          { type: "post-want-ad", wantId: want.id, ...(guarded.text ? { text: guarded.text } : {}) },
          undefined,
          guarded.note,
        );
      }
      case "send_message": {
        const where = String(input.where);
        const thread = where === "channel" ? undefined : requireThread(where);
        if (thread && quietHere(where)) {
          return `not sent: you have gone quiet in thread ${where}; wait for ${thread.counterpart.name} to answer`;
        }
        const guarded = guardText(text, current, publicAmountsOf(thread, view));
        if (guarded.blocked || !guarded.text) {
          return `not sent: ${guarded.note ?? "the message was empty"}. Write it again without amounts near your limits.`;
        }
        return submit({ type: "send-message", where, text: guarded.text }, thread?.thread.id, guarded.note);
      }
      case "open_thread": {
        const listingId = String(input.listingId);
        const wantAdId = typeof input.wantAdId === "string" ? input.wantAdId : undefined;
        const wantId = typeof input.wantId === "string" ? input.wantId : undefined;
        const mine = view.myListings.find((listing) => listing.id === listingId);
        if (mine && !wantAdId) {
          throw new Error(`listing "${listingId}" is yours: to reach a buyer, name their want ad (wantAdId)`);
        }
        if (!mine && !wantId) {
          throw new Error(
            `name which of your wants this is for (wantId): ${view.me.mandate.wants.map((w) => w.id).join(", ")}`,
          );
        }
        const asking =
          mine?.askingPrice ?? view.matchingListings.find((l) => l.id === listingId)?.askingPrice;
        const guarded = guardText(text, current, asking !== undefined ? [asking] : []);
        if (guarded.blocked)
          return `not sent: ${guarded.note}. Write it again without amounts near your limits.`;
        return submit(
          {
            type: "open-thread",
            listingId,
            ...(wantId ? { wantId } : {}),
            ...(wantAdId ? { wantAdId } : {}),
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          undefined,
          guarded.note,
        );
      }
      case "make_offer": {
        const price = amountToCents(input.price)!;
        let thread: ThreadView | undefined;
        let listingId: string | undefined;
        let wantId = typeof input.wantId === "string" ? input.wantId : undefined;
        if (typeof input.threadId === "string") {
          thread = requireThread(input.threadId);
        } else if (typeof input.listingId === "string") {
          listingId = input.listingId;
          thread = view.threads.find(
            (t) =>
              t.listing.id === listingId && t.role === "buyer" && (!wantId || t.thread.wantId === wantId),
          );
          if (!thread) {
            const open = view.me.mandate.wants.filter(
              (want) => !view.deals.some((deal) => deal.wantId === want.id && deal.status !== "cancelled"),
            );
            if (!wantId && open.length === 1) wantId = open[0]!.id;
            if (!wantId) {
              throw new Error(
                `name the want this offer is for (wantId): one of ${open.map((w) => w.id).join(", ")}`,
              );
            }
          }
        } else {
          throw new Error(
            "give threadId (to offer in a thread) or listingId and wantId (to open a negotiation)",
          );
        }
        const key = thread ? thread.thread.id : `listing:${listingId}`;
        if (thread && quietHere(thread.thread.id)) {
          return `not sent: you have gone quiet in thread ${thread.thread.id}; wait for ${thread.counterpart.name}`;
        }
        if (current.offersIn.has(key)) {
          return "not sent: one offer per thread per turn; your first offer this turn stands";
        }
        const made =
          (thread ? offersMadeBy(thread.thread, me) : 0) +
          (refusedOffers.get(key) ?? 0) +
          (thread ? (refusedOffers.get(`listing:${thread.listing.id}`) ?? 0) : 0);
        if (made >= offerCap) {
          return `not sent: you have used all ${offerCap} offers allowed in this negotiation; accept their offer, wait, or decline the thread`;
        }
        const guarded = guardText(text, current, publicAmountsOf(thread, view, [price]));
        current.offersIn.add(key);
        const action: AgentAction = thread
          ? {
              type: "make-offer",
              threadId: thread.thread.id,
              price,
              ...(guarded.text ? { text: guarded.text } : {}),
            }
          : {
              type: "make-offer",
              listingId: listingId!,
              wantId: wantId!,
              price,
              ...(guarded.text ? { text: guarded.text } : {}),
            };
        if (thread) current.offersIn.add(thread.thread.id);
        return submit(action, thread?.thread.id, guarded.note);
      }
      case "withdraw_offer": {
        const offerId = String(input.offerId);
        const thread = view.threads.find((t) => t.offers.some((o) => o.id === offerId));
        return submit({ type: "withdraw-offer", offerId }, thread?.thread.id);
      }
      case "accept_offer": {
        const offerId = String(input.offerId);
        const thread = view.threads.find((t) => t.offers.some((o) => o.id === offerId));
        if (!thread) throw new Error(`there is no offer "${offerId}" in your threads`);
        if (quietHere(thread.thread.id)) {
          return `not sent: you have gone quiet in thread ${thread.thread.id}; wait for ${thread.counterpart.name}`;
        }
        const offer = thread.offers.find((o) => o.id === offerId)!;
        const guarded = guardText(text, current, publicAmountsOf(thread, view));
        current.offersIn.add(thread.thread.id);
        return submit(
          {
            type: "accept-offer",
            offerId,
            version: typeof input.version === "number" ? input.version : offer.version,
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          thread.thread.id,
          guarded.note,
        );
      }
      case "confirm_deal": {
        const dealId = String(input.dealId);
        const thread = view.threads.find((t) => t.deal?.id === dealId);
        const guarded = guardText(text, current, publicAmountsOf(thread, view));
        if (confirmed.has(dealId)) return "already confirmed for you";
        return submit(
          { type: "confirm-deal", dealId, ...(guarded.text ? { text: guarded.text } : {}) },
          thread?.thread.id,
          guarded.note,
        );
      }
      case "decline_thread": {
        const thread = requireThread(input.threadId);
        const guarded = guardText(text, current, publicAmountsOf(thread, view));
        return submit(
          {
            type: "decline-thread",
            threadId: thread.thread.id,
            ...(guarded.text ? { text: guarded.text } : {}),
          },
          thread.thread.id,
          guarded.note,
        );
      }
      case "mark_handed_over": {
        const dealId = String(input.dealId);
        const thread = view.threads.find((t) => t.deal?.id === dealId);
        return submit({ type: "mark-handed-over", dealId }, thread?.thread.id);
      }
    }
  }

  /** Deals the other side accepted on the agent's own offer: confirmed without asking the model. */
  function autoActions(view: AgentView): { actions: AgentAction[]; deals: string[] } {
    if (!autoConfirm) return { actions: [], deals: [] };
    const actions: AgentAction[] = [];
    const deals: string[] = [];
    for (const thread of view.threads) {
      const deal = thread.deal;
      if (deal?.status !== "accepted" || deal.acceptedBy === view.me.id || confirmed.has(deal.id)) continue;
      confirmed.add(deal.id);
      deals.push(deal.id);
      actions.push({ type: "confirm-deal", dealId: deal.id });
    }
    return { actions, deals };
  }

  /** Adds this decide's calls to the usage and the budget; returns the record-usage action for the log. */
  function account(threadIds: readonly string[]): AgentAction[] {
    const actions = recordCalls(usage, reports, {
      price,
      threadIds,
      ...(options.budget ? { budget: options.budget } : {}),
    });
    reports = [];
    return actions;
  }

  const stopWhen = ({ steps }: { steps: StepResult<ToolSet>[] }): boolean => {
    if (steps.length >= maxSteps) return true;
    const last = steps.at(-1);
    // Go on only when every call of the last step was malformed (nothing was done): the model fixes them now.
    return !last || last.toolCalls.length === 0 || last.toolResults.length > 0;
  };

  async function decide(view: AgentView): Promise<AgentAction[]> {
    lastViewRef.view = view;
    if (stopped || view.market.status !== "open") return [];
    if (!system) {
      promptOptions = {
        revealLimits: options.revealLimits ?? false,
        offerCap,
        currency: view.market.currency,
      };
      const rules = marketRules(promptOptions, view.market.closesAt);
      const owner = ownerPrompt(view.me.name, view.me.mandate, promptOptions);
      // For Anthropic, two cache breakpoints: the market's rules (the same for every agent of the run,
      // so cached across agents), then the owner's part. Other providers cache any prefix by themselves
      // and some local chat templates accept only one system message.
      system = inner.provider.startsWith("anthropic")
        ? [
            { role: "system", content: rules, providerOptions: CACHE },
            { role: "system", content: owner, providerOptions: CACHE },
          ]
        : [{ role: "system", content: `${rules}\n\n${owner}`, providerOptions: CACHE }];
      tools = toolsFor(view.me.mandate, execute);
    }
    liftQuiet(view);
    const auto = autoActions(view);
    const updateContext = () => ({
      view,
      options: promptOptions!,
      notes,
      autoConfirmed: auto.deals,
      quiet: quietThreads(),
    });
    let update = buildUpdate(seen, updateContext());
    if (!update.actionable) return auto.actions;
    if (options.budget?.exhausted) {
      stop(options.budget.message!);
      return auto.actions;
    }
    if (historyChars > maxHistory) {
      // Start the conversation again from a snapshot: one cache miss instead of an ever longer prompt.
      history = [];
      historyChars = 0;
      seen = emptySeen();
      update = buildUpdate(seen, updateContext());
    }
    const current: Turn = { view, actions: [], touched: new Set(), offersIn: new Set() };
    turn = current;
    const message: ModelMessage = { role: "user", content: update.text };
    try {
      const result = await generateText({
        model,
        system,
        tools: tools!,
        messages: [...history, { ...message, providerOptions: CACHE }],
        stopWhen,
        maxRetries: 0,
        maxOutputTokens: options.maxOutputTokens ?? 1024,
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      });
      turn = undefined;
      failures = 0;
      const added = [message, ...result.response.messages];
      history.push(...added);
      historyChars += JSON.stringify(added).length;
      update.commit();
      notes = [];
      countLoops(current);
      const threads = [...new Set([...update.threadIds, ...current.touched])];
      return [...account(threads), ...auto.actions, ...current.actions];
    } catch (error) {
      turn = undefined;
      const usageAction = account(update.threadIds);
      if (error instanceof LlmReplayMissError) throw error;
      if (error instanceof LlmBudgetExhaustedError) {
        stop(error.message);
        return [...usageAction, ...auto.actions];
      }
      failures++;
      // A recorded failure carries the original status, so a replay takes the same branch.
      const status = APICallError.isInstance(error)
        ? error.statusCode
        : error instanceof RecordedLlmError
          ? error.statusCode
          : undefined;
      const reason = (error as Error).message;
      options.log?.(`${context.participantId} (${spec}): a model call failed: ${reason}`);
      if (status === 401 || status === 403 || status === 404) {
        stop(`the model ${modelId} refused the request (HTTP ${status}: ${reason}); the agent stops acting`);
      } else if (failures >= maxFailures) {
        stop(
          `the model ${modelId} failed ${failures} times in a row (last: ${reason}); the agent stops acting`,
        );
      } else if (status === 400) {
        // Perhaps the conversation grew too long: start again from a snapshot next time.
        history = [];
        historyChars = 0;
        seen = emptySeen();
      }
      return [...usageAction, ...auto.actions];
    }
  }

  return {
    spec,
    modelId,
    decide,
    onRefused(refusal) {
      const { action, code, message } = refusal;
      if (action.type === "record-usage") return;
      if (code === "cap/tokens") {
        stop("the market's cap on model tokens for this participant is reached; the agent stops acting");
        return;
      }
      const lastView = lastViewRef.view;
      const threadId = lastView ? threadOfAction(action, lastView) : undefined;
      if (action.type === "make-offer") {
        const key = action.threadId ?? (action.listingId ? `listing:${action.listingId}` : undefined);
        if (key) refusedOffers.set(key, (refusedOffers.get(key) ?? 0) + 1);
      }
      notes.push({
        text: `Your ${describeAction(action)} was refused by the market: ${message}`,
        actionable: true,
        ...(threadId ? { threadId } : {}),
      });
    },
    usage() {
      return structuredClone(usage);
    },
  };
}
