import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Agent, AgentContext } from "../agents/agent.ts";
import type { LlmAgentOptions } from "../agents/llm/llm-agent.ts";
import { openLlmRun, usageOf } from "../agents/llm/run-context.ts";
import { addUsage } from "../agents/llm/usage.ts";
import { preflightAgentSpecs } from "../agents/registry.ts";
import { armRecords } from "../analysis/deal-record.ts";
import { type MarketSummary, summariseMarket } from "../analysis/market-summary.ts";
import type { Participant } from "../domain/mandate.ts";
import type { MarketState } from "../engine/state.ts";
import { dealMemoMarkdown } from "../interfaces/documents/deal-memo.ts";
import { type EventStore, openStoreInWorker } from "../store/index.ts";
import { assignAgents } from "./assign-agents.ts";
import { BatchingSink } from "./event-sink.ts";
import { limitHeapGrowth } from "./heap-growth.ts";
import { loadParticipants } from "./load-participants.ts";
import { generatePopulation } from "./population.ts";
import type { RunConfig } from "./run-config.ts";
import { RunFolderError, type RunRecord, readRunRecord, writeRunRecord } from "./run-folder.ts";
import { simulateMarket } from "./simulate-market.ts";

const DAY = 24 * 3600 * 1000;

export interface RunOptions {
  /** The run folder to create. */
  dir: string;
  /** A PostgreSQL URL; else PGlite in `<dir>/db`. */
  db?: string;
  /** Where relative participant files are found. */
  configDir?: string;
  /** The people, when the caller already has them (an experiment clones one population into every arm). */
  participants?: Participant[];
  /** The run's id and market id; defaults to the folder's name. Must be unique in a shared database. */
  runId?: string;
  /** The experiment arm this run is, recorded with it and on its deals. */
  arm?: string;
  /**
   * Makes an agent from its spec; `baseDir` resolves `module:` paths against the config's folder, and
   * `llm` carries the run's model budget and recording to `llm:` agents.
   */
  createAgent: (
    spec: string,
    context: AgentContext,
    options?: { baseDir?: string; llm?: LlmAgentOptions },
  ) => Agent | Promise<Agent>;
  /** Told as the market advances; `stored` counts the events already durable in the store. */
  onProgress?: (progress: RunProgress) => void;
}

export interface RunProgress {
  fraction: number;
  events: number;
  deals: number;
  stored: number;
}

export interface RunOutcome {
  dir: string;
  runId: string;
  summary: MarketSummary;
  state: MarketState;
  events: number;
  /** Events already in the log when a resumed run started (0 for a fresh run). */
  resumedFrom: number;
  wallMs: number;
}

/** Builds the people of a run from its config: generated from the catalogue, or loaded from files. */
export async function populationFor(config: RunConfig, configDir: string): Promise<Participant[]> {
  if ("files" in config.population) return loadParticipants(config.population.files, configDir);
  const generate = config.population.generate;
  return generatePopulation({
    participants: generate.participants,
    itemsPerPerson: generate.itemsPerPerson,
    wantsPerPerson: generate.wantsPerPerson,
    budget: generate.budget,
    seed: config.seed,
    ...(generate.matchShare !== undefined ? { matchShare: generate.matchShare } : {}),
  });
}

/** The store runs on a worker thread, so opening it and writing batches overlap the simulation. */
function storeFor(dir: string, db: string | undefined): EventStore {
  return openStoreInWorker({ ...(db ? { db } : {}), dataDir: join(dir, "db") });
}

async function execute(
  record: RunRecord,
  dir: string,
  store: EventStore,
  options: RunOptions,
  fresh: boolean,
): Promise<RunOutcome> {
  const started = performance.now();
  limitHeapGrowth();
  // A fresh run's log is empty, so the market starts at once and its first batches queue behind the
  // store's opening; a resumed run must read what is stored before it can go on.
  const created = store.createMarket({
    marketId: record.marketId,
    runId: record.runId,
    createdAt: Date.parse(record.config.start),
  });
  const documented = fresh
    ? created.then(() =>
        store.putDocument(record.runId, "run", { config: record.config, assignment: record.assignment }),
      )
    : created;
  documented.catch(() => {});
  const stored = fresh ? [] : await created.then(() => store.read(record.marketId));
  // Model agents share the run's budget and a recording of every exchange, so a resume replays it.
  const usesModels = Object.values(record.assignment).some((spec) => spec.startsWith("llm:"));
  const llmRun = usesModels
    ? openLlmRun({
        dir,
        ...(record.config.llm ? { limits: record.config.llm } : {}),
        ...(record.config.llm?.revealLimits !== undefined
          ? { revealLimits: record.config.llm.revealLimits }
          : {}),
        log: (line) => process.stderr.write(`${line}\n`),
      })
    : undefined;
  const agents = new Map<string, Agent>();
  const sink = new BatchingSink((batch) => store.append(record.marketId, batch), { stored, batchSize: 5000 });
  const pace = record.config.clock === "wall" ? wallClockPace(sink, record.config.speed ?? 1) : undefined;
  const result = await simulateMarket({
    marketId: record.marketId,
    seed: record.config.seed,
    participants: record.participants,
    assignment: record.assignment,
    createAgent: async (spec, context) => {
      const agent = await options.createAgent(spec, context, {
        ...(record.configDir ? { baseDir: record.configDir } : {}),
        ...(llmRun ? { llm: llmRun.llm } : {}),
      });
      agents.set(context.participantId, agent);
      return agent;
    },
    sink,
    startAt: Date.parse(record.config.start),
    durationMs: record.config.days * DAY,
    currency: record.config.currency,
    ...(record.config.caps ? { caps: record.config.caps } : {}),
    ...(pace ? { pace } : {}),
    ...(options.onProgress
      ? { onProgress: (progress) => options.onProgress!({ ...progress, stored: sink.durable }) }
      : {}),
  });
  await documented;
  const summary = summariseMarket(result.state);
  summary.refusals = result.refusals;
  if (llmRun) {
    const byParticipant = usageOf(agents);
    const { byThread: _byThread, ...total } = addUsage(Object.values(byParticipant));
    summary.models = { total, ...(llmRun.budget.message ? { stopped: llmRun.budget.message } : {}) };
  }
  await writeArtifacts(dir, result.state, summary);
  const records = armRecords(result.state, record.arm ?? record.runId, record.assignment, usageOf(agents));
  await writeFile(join(dir, "records.json"), `${JSON.stringify(records)}\n`);
  await store.putDocument(record.runId, "summary", summary);
  await writeRunRecord(dir, { ...record, status: "finished", finishedAt: new Date().toISOString() });
  return {
    dir,
    runId: record.runId,
    summary,
    state: result.state,
    events: result.events,
    resumedFrom: stored.length,
    wallMs: performance.now() - started,
  };
}

/**
 * Paces a wall-clock market: market time `at` is due `(at - anchor) / speed` after the anchor. The
 * anchor is the first moment past what the log already holds, so a fresh run starts at once and a
 * resumed one re-derives its stored events at full speed, then goes on in step from where it stopped.
 */
export function wallClockPace(
  sink: { readonly caughtUp: boolean },
  speed: number,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): (at: number) => Promise<void> {
  let anchor: { real: number; market: number } | undefined;
  return async (at) => {
    if (!sink.caughtUp) return;
    anchor ??= { real: clock.now(), market: at };
    const wait = anchor.real + (at - anchor.market) / speed - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };
}

/** Writes what people read after a run: a memo per settled deal and the summary. */
async function writeArtifacts(dir: string, state: MarketState, summary: MarketSummary): Promise<void> {
  const memos = join(dir, "memos");
  await mkdir(memos, { recursive: true });
  const writes: Promise<void>[] = [];
  for (const deal of state.deals.values()) {
    if (deal.status !== "confirmed" && deal.status !== "handed-over") continue;
    writes.push(writeFile(join(memos, `${deal.id}.md`), dealMemoMarkdown(state, deal, { runDir: dir })));
  }
  await Promise.all(writes);
  await writeFile(join(dir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
}

/** Starts a market run in a new folder and runs it to the end. */
export async function startRun(config: RunConfig, options: RunOptions): Promise<RunOutcome> {
  const participants =
    options.participants ?? (await populationFor(config, options.configDir ?? process.cwd()));
  const runId = options.runId ?? basename(options.dir);
  const assignment = assignAgents(
    config.agents,
    participants.map((p) => p.id),
    config.seed,
  );
  // A missing API key or an unreachable model server stops the run before it starts.
  await preflightAgentSpecs(Object.values(assignment));
  const store = storeFor(options.dir, options.db);
  try {
    const record: RunRecord = {
      runId,
      kind: "market",
      config,
      participants,
      assignment,
      marketId: runId,
      ...(options.arm ? { arm: options.arm } : {}),
      configDir: options.configDir ?? process.cwd(),
      store: store.kind,
      status: "running",
      startedAt: new Date().toISOString(),
    };
    await writeRunRecord(options.dir, record);
    return await execute(record, options.dir, store, options, true);
  } finally {
    await store.close();
  }
}

/**
 * Continues a run that was stopped (even by kill -9): re-derives the deterministic simulation, checks
 * it against every stored event, and appends from where the log ends. Ends with the same log an
 * uninterrupted run makes.
 */
export async function resumeRun(dir: string, options: Omit<RunOptions, "dir">): Promise<RunOutcome> {
  const record = await readRunRecord(dir);
  await preflightAgentSpecs(Object.values(record.assignment));
  if (record.store === "postgres" && !options.db && !process.env.HAGGLE_DB) {
    throw new RunFolderError(
      "this run keeps its log in PostgreSQL: pass the same --db URL (or set HAGGLE_DB) to resume it",
    );
  }
  const store = storeFor(dir, options.db);
  try {
    return await execute(record, dir, store, { ...options, dir }, false);
  } finally {
    await store.close();
  }
}
