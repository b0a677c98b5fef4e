import type { LanguageModelV3 } from "@ai-sdk/provider";
import { APICallError } from "@ai-sdk/provider";
import { generateText, type ModelMessage, type StepResult, type SystemModelMessage, type ToolSet } from "ai";
import type { AgentAction } from "../../engine/action.ts";
import type { AgentView } from "../../engine/view.ts";
import type { Agent, AgentContext, AgentUsage } from "../agent.ts";
import { type AgentState, decodePlain, encodePlain } from "../agent-state.ts";
import type { LlmBudget } from "./budget.ts";
import type { CallLimiter } from "./call-limiter.ts";
import { describeAction, threadOfAction } from "./describe-action.ts";
import { LlmBudgetExhaustedError, LlmReplayMissError, RecordedLlmError } from "./errors.ts";
import { LoopGuard } from "./loop-guard.ts";
import { MODEL_PRICES, type ModelPrice, priceOf } from "./prices.ts";
import { buildUpdate, emptySeen, type Note } from "./prompt.ts";
import { createLanguageModel, type LlmConnectionOptions } from "./providers.ts";
import { LlmRecorder, type RecordingMode } from "./recorder.ts";
import { type CallReport, type RetryOptions, resilientModel } from "./resilient-model.ts";
import { parseLlmSpec } from "./spec.ts";
import { marketRules, ownerPrompt, type PromptOptions } from "./system-prompt.ts";
import { createToolCalls } from "./tool-calls.ts";
import { toolsFor } from "./tools.ts";
import type { Turn } from "./turn.ts";
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
  /** The run's cap on model calls in flight per provider. */
  limiter?: CallLimiter;
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

const STATE_KIND = "llm-agent/1";

const CACHE = { anthropic: { cacheControl: { type: "ephemeral" } } } as const;

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
    ...(options.limiter ? { limiter: options.limiter } : {}),
    onCall: (report) => reports.push(report),
    participant: context.participantId,
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
  const loops = new LoopGuard({ maxIdle, maxChat });
  const refusedOffers = new Map<string, number>();
  const confirmed = new Set<string>();
  const execute = createToolCalls({
    turn: () => turn,
    loops,
    refusedOffers,
    confirmed,
    offerCap,
    ...(options.nearFraction !== undefined ? { nearFraction: options.nearFraction } : {}),
    targetsAreSecret: !(options.revealLimits ?? false),
    targetSalt: context.seed,
    guardCounts: usage.guard,
  });
  const lastViewRef: { view?: AgentView } = {};

  const stop = (reason: string) => {
    if (stopped) return;
    stopped = reason;
    usage.stopped = reason;
    options.log?.(`${context.participantId} (${spec}): ${reason}`);
  };

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
        targetSalt: context.seed,
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
    loops.liftQuiet(view);
    const auto = autoActions(view);
    const updateContext = () => ({
      view,
      options: promptOptions!,
      notes,
      autoConfirmed: auto.deals,
      quiet: loops.quietThreads(),
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
      // The SDK checks every message it is given against its schema on every call, and a conversation is
      // sent whole each time: that check was 52% of a model market's CPU (bench/scale-market.ts' windowed
      // run, 3.55 s against 1.70 s without it, 2026-12-06), on the critical path of every turn window.
      // So only the new message goes through the check, and the conversation before it, made of
      // messages checked when they were new and of the SDK's own answers, is put back in front of it
      // for each step: the model is sent exactly what it was sent before.
      const earlier = history;
      const result = await generateText({
        model,
        system,
        tools: tools!,
        messages: [{ ...message, providerOptions: CACHE }],
        prepareStep: ({ messages }) => ({ messages: [...earlier, ...messages] }),
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
      loops.count(current, notes);
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
      // A refused opening (most often: another buyer's got the listing first, in the same window)
      // leaves its want without a talk, so its other listings are shown again (prompt.ts).
      const opening = action.type === "make-offer" && !action.threadId ? action.wantId : undefined;
      notes.push({
        text: `Your ${describeAction(action)} was refused by the market: ${message}`,
        actionable: true,
        ...(threadId ? { threadId } : {}),
        ...(opening ? { wantId: opening } : {}),
      });
    },
    usage() {
      return structuredClone(usage);
    },
    saveState(): AgentState {
      return {
        kind: STATE_KIND,
        data: encodePlain({
          system,
          promptOptions,
          history,
          historyChars,
          seen,
          notes,
          stopped,
          failures,
          loops: loops.state(),
          refusedOffers,
          confirmed,
          usage,
        }),
      };
    },
    loadState(state: AgentState, view: AgentView): void {
      if (state.kind !== STATE_KIND) throw new Error(`not a model agent's state: ${state.kind}`);
      const saved = decodePlain<SavedLlmState>(state.data);
      system = saved.system;
      promptOptions = saved.promptOptions;
      // The tools are the mandate's, with this agent's calls behind them: made again, not kept.
      tools = system ? toolsFor(view.me.mandate, execute) : undefined;
      history = saved.history;
      historyChars = saved.historyChars;
      seen = saved.seen;
      notes = saved.notes;
      stopped = saved.stopped;
      failures = saved.failures;
      loops.load(saved.loops);
      refusedOffers.clear();
      for (const [key, count] of saved.refusedOffers) refusedOffers.set(key, count);
      confirmed.clear();
      for (const id of saved.confirmed) confirmed.add(id);
      // Kept in place: the tool calls count what the guard did in `usage.guard`.
      const guard = usage.guard;
      Object.assign(usage, saved.usage);
      Object.assign(guard, saved.usage.guard);
      usage.guard = guard;
      if (saved.usage.stopped === undefined) delete usage.stopped;
      if (saved.usage.costNote === undefined) delete usage.costNote;
      lastViewRef.view = view;
    },
  };
}

/** What saveState keeps, as loadState reads it back. */
interface SavedLlmState {
  system?: SystemModelMessage[];
  promptOptions?: PromptOptions;
  history: ModelMessage[];
  historyChars: number;
  seen: ReturnType<typeof emptySeen>;
  notes: Note[];
  stopped?: string;
  failures: number;
  loops: ReturnType<LoopGuard["state"]>;
  refusedOffers: Map<string, number>;
  confirmed: Set<string>;
  usage: AgentUsage;
}
