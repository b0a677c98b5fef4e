import { basename, join } from "node:path";
import type { Agent, AgentContext } from "../agents/agent.ts";
import type { LlmAgentOptions } from "../agents/llm/llm-agent.ts";
import { openLlmRun, usageOf } from "../agents/llm/run-context.ts";
import { addUsage } from "../agents/llm/usage.ts";
import { preflightAgentSpecs } from "../agents/registry.ts";
import { DEFAULT_TURN_DEADLINE_MS, RemoteTurns } from "../agents/remote-agent.ts";
import { type MarketSummary, summariseMarket } from "../analysis/market-summary.ts";
import type { Participant } from "../domain/mandate.ts";
import { emptyState } from "../engine/create-market.ts";
import { replay } from "../engine/replay.ts";
import type { MarketState } from "../engine/state.ts";
import { assignAgents } from "../runner/assign-agents.ts";
import { wallClock } from "../runner/clock.ts";
import { continueMarket } from "../runner/continue-market.ts";
import { BatchingSink } from "../runner/event-sink.ts";
import { limitHeapGrowth } from "../runner/heap-growth.ts";
import { loadParticipants } from "../runner/load-participants.ts";
import type { MarketHost } from "../runner/market-host.ts";
import { generatePopulation } from "../runner/population.ts";
import type { RunConfig } from "../runner/run-config.ts";
import { RunFolderError, type RunRecord, readRunRecord, writeRunRecord } from "../runner/run-folder.ts";
import { type SimulationResult, simulateMarket } from "../runner/simulate-market.ts";
import { inProcessTurns } from "../runner/turn-taker.ts";
import { isPostgresUrl, maskUrl } from "../store/database-url.ts";
import { type EventStore, openStore, openStoreInWorker } from "../store/index.ts";
import { budgetHeldTurns } from "./budget-held-turns.ts";
import { type MarketProgress, type ModelTrafficFields, reportWithTraffic } from "./model-traffic.ts";
import { writeDealMemos } from "./projections/deal-memos.ts";
import { writeRunArtifacts } from "./projections/run-artifacts.ts";
import { attachRemoteTurns } from "./remote-turns.ts";
import { runStoreOptions } from "./run-store.ts";
import { DEFAULT_TURN_QUEUE, openQueueTransport } from "./turn-workers/queue-transport.ts";
import { type TurnTransport, travellingTurns } from "./turn-workers/travelling-turns.ts";

const DAY = 24 * 3600 * 1000;

export interface RunOptions {
  /** The run folder to create. */
  dir: string;
  /** A PostgreSQL URL; else PGlite in `<dir>/db`. */
  db?: string;
  /** With `db`: the schema to keep the run's tables in (created if missing); default the search path. */
  schema?: string;
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
    options?: { baseDir?: string; llm?: LlmAgentOptions; remote?: RemoteTurns },
  ) => Agent | Promise<Agent>;
  /** Told as the market advances; `stored` counts the events already durable in the store. */
  onProgress?: (progress: RunProgress) => void;
  /** Given the market's host as soon as it runs, so outside input and readers can reach it. */
  onHost?: (host: MarketHost) => void;
  /** Stops the market where it is, leaving the run to be resumed (a live market's Ctrl-C). */
  signal?: AbortSignal;
  /**
   * Awaited before each batch of events is written: a distributed arm saves the model exchanges
   * recorded so far there, so every stored event's exchanges are stored before it.
   */
  beforeAppend?: () => Promise<void>;
  /**
   * Sends the agents' turns to `haggle worker` processes through a PostgreSQL queue (needs `db`); a
   * resumed run goes on as its run.json says unless this is given. See src/app/turn-workers.
   */
  turnWorkers?: TurnWorkersOptions;
  /**
   * Keeps the store on this thread instead of a worker thread of its own. A `haggle worker` does for
   * its arms: a thread per arm cost 0.25 s of CPU to start, and with a model agent's market mostly
   * waiting there is nothing for it to overlap (8 arms of 8 model agents with a model answering at
   * once: 0.7 s an arm with the thread, 0.55 s without, 2026-12-06).
   */
  storeInProcess?: boolean;
}

export interface TurnWorkersOptions {
  /** The queue of turn jobs; DEFAULT_TURN_QUEUE by default. */
  queue?: string;
  /** Seconds after which a job its worker stopped renewing goes to another worker. */
  expireSeconds?: number;
  /** Further attempts of a turn job before the turn is a fault. */
  retries?: number;
  /** Told while a window waits for its turns: how many are still out. */
  onWaiting?: (missing: number) => void;
}

export interface RunProgress extends MarketProgress, ModelTrafficFields {
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
  /** True when the market was stopped before its close (by `signal`); the run can be resumed. */
  stopped: boolean;
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
function storeFor(dir: string, db: string | undefined, schema: string | undefined): EventStore {
  return openStoreInWorker({
    ...(db ? { db } : {}),
    ...(db && schema ? { schema } : {}),
    dataDir: join(dir, "db"),
  });
}

/** Whether a run is a live market (outside input, resumed from its log) or a simulation (re-derived). */
export function isLiveRun(record: Pick<RunRecord, "config">): boolean {
  return record.config.clock === "wall";
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
  const live = isLiveRun(record);
  const startAt = Date.parse(record.config.start);
  // One host writes a market's log: the lock is taken before anything is read or appended. A fresh
  // run's log is empty, so the market starts at once and its first batches queue behind the store's
  // opening and the lock; a resumed run must read what is stored before it can go on.
  const locked = store
    .createMarket({ marketId: record.marketId, runId: record.runId, createdAt: startAt })
    .then(() => store.lockMarket(record.marketId));
  const stored = fresh ? [] : await locked.then(() => store.read(record.marketId));
  // A resumed run whose log is empty (killed before its first batch, or an experiment's arm taken up
  // by a worker) records its run document as a fresh one does.
  const documented =
    fresh || stored.length === 0
      ? locked.then(() =>
          store.putDocument(record.runId, "run", { config: record.config, assignment: record.assignment }),
        )
      : locked;
  documented.catch(() => {});
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
        ...(record.config.llm?.concurrency !== undefined
          ? { concurrency: record.config.llm.concurrency }
          : {}),
      })
    : undefined;
  const agents = new Map<string, Agent>();
  // Turns on workers: the market is this process's only once its lock is held (a second process on
  // the same market must not touch the first one's jobs), so the queue opens after it.
  const turnWorkers = options.turnWorkers ?? record.turnWorkers;
  let transport: TurnTransport | undefined;
  if (turnWorkers) {
    const db = options.db ?? process.env.HAGGLE_DB;
    if (!db || !isPostgresUrl(db)) {
      throw new RunFolderError(
        "turns on workers need the run's log in PostgreSQL: give --db postgres://... (or HAGGLE_DB), the database the workers use",
      );
    }
    await locked;
    transport = await openQueueTransport({
      db,
      runId: record.runId,
      ...turnWorkers,
      queue: turnWorkers.queue ?? DEFAULT_TURN_QUEUE,
    });
  }
  // A live market resumes from its log (outside input cannot be re-derived); a simulation re-derives
  // its stored events from the seed and checks them one by one. A live market killed before its
  // first batch was written has an empty log: it starts again from its start, as if fresh.
  const replayed = live && !fresh && stored.length > 0;
  const sink = new BatchingSink(
    (batch) => locked.then(() => options.beforeAppend?.()).then(() => store.append(record.marketId, batch)),
    {
      ...(replayed ? { after: stored.length } : { stored }),
      batchSize: 5000,
      // People watch a live market as it happens: an event waits at most 10 ms to be written (the SSE
      // stream shows only what is durable), where a simulation batches for half a second.
      ...(live ? { maxDelayMs: 10 } : {}),
      read: (fromSeq, toSeq) => store.read(record.marketId, { fromSeq, toSeq }),
    },
  );
  const roster = new RunRoster(dir, record);
  // Turns given to participants played by outside agents ("remote"), told to them over MCP.
  const remoteTurns = new RemoteTurns(record.config.remote?.turnDeadline ?? DEFAULT_TURN_DEADLINE_MS);
  const subscribers: Promise<unknown>[] = [];
  let artifacts: Promise<MarketSummary | undefined> = Promise.resolve(undefined);
  const onHost = (host: MarketHost) => {
    attachRemoteTurns(host, remoteTurns);
    if (replayed) host.refusals = stored.filter((event) => event.type === "action-refused").length;
    subscribers.push(writeDealMemos(host, dir));
    artifacts = writeRunArtifacts(host, {
      runDir: dir,
      arm: record.arm ?? record.runId,
      assignment: () => roster.record.assignment,
      usage: () => usageOf(agents),
      complete: (summary) => {
        if (!llmRun) return;
        const { byThread: _byThread, ...total } = addUsage(Object.values(usageOf(agents)));
        summary.models = { total, ...(llmRun.budget.message ? { stopped: llmRun.budget.message } : {}) };
      },
      putSummary: (summary) => store.putDocument(record.runId, "summary", summary),
    });
    subscribers.push(artifacts);
    options.onHost?.(host);
  };
  // Turns on workers make their model calls there (each worker logs its 429s): none to show here.
  const traffic =
    llmRun && !transport && options.onProgress
      ? reportWithTraffic(llmRun.limiter, (progress) =>
          options.onProgress!({ ...progress, stored: sink.durable }),
        )
      : undefined;
  const input = {
    seed: record.config.seed,
    participants: record.participants,
    assignment: record.assignment,
    createAgent: async (spec: string, context: AgentContext) => {
      const agent = await options.createAgent(spec, context, {
        ...(record.configDir ? { baseDir: record.configDir } : {}),
        ...(llmRun ? { llm: llmRun.llm } : {}),
        remote: remoteTurns,
      });
      agents.set(context.participantId, agent);
      return agent;
    },
    sink,
    startAt,
    durationMs: record.config.days * DAY,
    onHost,
    onJoin: (participant: Participant, spec: string) => roster.add(participant, spec),
    ...(record.config.turnWindow ? { turnWindowMs: record.config.turnWindow } : {}),
    ...(transport || llmRun
      ? {
          turns: () => {
            const taker = transport
              ? travellingTurns({
                  transport,
                  runId: record.runId,
                  seed: record.config.seed,
                  ...(record.configDir ? { baseDir: record.configDir } : {}),
                  ...(llmRun ? { llmRun } : {}),
                })
              : inProcessTurns;
            return llmRun ? budgetHeldTurns(taker, llmRun.budget) : taker;
          },
        }
      : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress
      ? {
          onProgress: (progress: MarketProgress) =>
            traffic ? traffic.update(progress) : options.onProgress!({ ...progress, stored: sink.durable }),
        }
      : {}),
  };
  const speed = record.config.speed ?? 1;
  // A live market waits for its log to be open before its clock starts: people watching see its
  // first events at once rather than seconds later, and its time starts when it can be recorded.
  if (live) await locked;
  let result: SimulationResult;
  try {
    if (replayed) {
      const state = replay(stored, emptyState({ transcripts: "live" }));
      result = await continueMarket({ ...input, state, clock: wallClock(speed, { market: state.now }) });
    } else {
      result = await simulateMarket({
        ...input,
        marketId: record.marketId,
        currency: record.config.currency,
        ...(record.config.caps ? { caps: record.config.caps } : {}),
        ...(record.config.acceptTimeout !== undefined
          ? { acceptTimeoutMs: record.config.acceptTimeout }
          : {}),
        ...(live ? { clock: wallClock(speed, { market: startAt }) } : { outsideInput: false }),
      });
    }
  } finally {
    traffic?.stop();
    // The scheduler closes it when the market ends; here too, for a market that failed before that.
    await transport?.close?.();
  }
  const summary = result.ended === "closed" ? await artifacts : undefined;
  await result.host.close();
  // A market that stopped because its log could not be written says why, and stays resumable.
  if (result.host.failed) {
    await Promise.allSettled([...subscribers, documented]);
    throw result.host.failed;
  }
  await Promise.all([...subscribers, documented]);
  if (summary) {
    await writeRunRecord(dir, { ...roster.record, status: "finished", finishedAt: new Date().toISOString() });
  }
  return {
    dir,
    runId: record.runId,
    summary: summary ?? summariseMarket(result.state),
    state: result.state,
    events: result.events,
    resumedFrom: stored.length,
    wallMs: performance.now() - started,
    stopped: result.ended === "aborted",
  };
}

/**
 * The run's people as `run.json` records them, late joiners included: each newcomer is written
 * there (atomically, one write at a time) before the market registers them, so a resumed market
 * knows whose agent to make again.
 */
class RunRoster {
  private writing: Promise<void> = Promise.resolve();
  constructor(
    private readonly dir: string,
    public record: RunRecord,
  ) {}

  add(participant: Participant, spec: string): Promise<void> {
    this.record = {
      ...this.record,
      participants: [...this.record.participants, participant],
      assignment: { ...this.record.assignment, [participant.id]: spec },
    };
    const record = this.record;
    this.writing = this.writing.then(() => writeRunRecord(this.dir, record));
    return this.writing;
  }
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
  const store = storeFor(options.dir, options.db, options.schema);
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
      ...(store.kind === "postgres" && options.db ? { db: maskUrl(options.db) } : {}),
      ...(store.kind === "postgres" && options.schema ? { schema: options.schema } : {}),
      ...(options.turnWorkers
        ? { turnWorkers: { queue: options.turnWorkers.queue ?? DEFAULT_TURN_QUEUE } }
        : {}),
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
  // The run folder says where its log is: PostgreSQL needs the URL, PGlite is in <run>/db.
  const where = runStoreOptions(dir, record, options.db ?? process.env.HAGGLE_DB, { resuming: true });
  const store = options.storeInProcess ? await openStore({ ...where, env: {} }) : openStoreInWorker(where);
  try {
    return await execute(record, dir, store, { ...options, dir }, false);
  } finally {
    await store.close();
  }
}
