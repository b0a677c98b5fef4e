import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Agent, AgentContext } from "../../agents/agent.ts";
import type { LlmAgentOptions } from "../../agents/llm/llm-agent.ts";
import { HaggleError } from "../../domain/errors.ts";
import type { Participant } from "../../domain/mandate.ts";
import { counted } from "../../domain/plural.ts";
import { emptyState } from "../../engine/create-market.ts";
import { replay } from "../../engine/replay.ts";
import type { MarketState } from "../../engine/state.ts";
import { participantFromDraft, slug } from "../../interview/draft.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { readRunRecord } from "../../runner/run-folder.ts";
import { openStore } from "../../store/index.ts";
import { joinMarket } from "../commands/join-market.ts";
import type { MarketAccess } from "../market-access.ts";
import { hostAccess, openRunHost } from "../open-run-host.ts";
import { populationFor, type RunOutcome, resumeRun, startRun } from "../run-market.ts";
import { runStoreOptions } from "../run-store.ts";
import { agentSpecFor } from "./agent-spec-for.ts";
import { type Account, Community } from "./community.ts";
import { checkInterviewForm } from "./interview-form.ts";
import { participantIdFor } from "./participant-id.ts";
import type { ServeConfig } from "./serve-config.ts";

export type MarketPhase = "waiting" | "open" | "closed";

interface ServeRecord {
  version: 1;
  phase: MarketPhase;
  /** The address the server was last reached at, for `haggle invite`'s links. */
  url?: string;
  /**
   * The market's run and market id, made once: the name and a random suffix, so that several served
   * markets (of the same name, too) can keep their logs in one PostgreSQL database.
   */
  runId?: string;
  createdAt: string;
  openedAt?: string;
  closedAt?: string;
}

export interface MarketSessionOptions {
  /** The serve folder: serve.json, community.json, and the market's run folder `market/`. */
  dir: string;
  config: ServeConfig;
  /** Where the config's relative paths are read from. */
  configDir: string;
  db?: string;
  createAgent: (
    spec: string,
    context: AgentContext,
    options?: { baseDir?: string; llm?: LlmAgentOptions },
  ) => Agent | Promise<Agent>;
  /** Told when the market's phase changes, and when the run ends or fails. */
  log?: (line: string) => void;
  /** Given the market's host each time it starts running (to serve it on the run's local endpoint). */
  onHost?: (host: MarketHost) => void;
}

type PhaseListener = (phase: MarketPhase) => void;

/**
 * One served market from invitation to analysis: people sign up and are interviewed while it waits;
 * the organiser opens it (built-in people fill it, the confirmed people join with the agents the
 * config assigns), people confirmed later join it as it runs, and it closes at its end or when the
 * organiser closes it. The market itself is a live run in `<dir>/market`: a server killed and started
 * again resumes it from its log.
 */
export class MarketSession {
  readonly community: Community;
  readonly runDir: string;
  private record!: ServeRecord;
  private host: MarketHost | undefined;
  private hostWaiters: ((host: MarketHost) => void)[] = [];
  private running: Promise<RunOutcome | undefined> | undefined;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<PhaseListener>();
  private closedState: MarketState | undefined;
  private paused = new Set<string>();
  /** When each recent event was appended (wall-clock ms), for the live stream's delay figures. */
  private readonly appended = new Map<number, number>();
  private joining: Promise<unknown> = Promise.resolve();
  private closedTurn: Promise<void> = Promise.resolve();

  private constructor(readonly options: MarketSessionOptions) {
    this.community = new Community(options.dir);
    this.runDir = join(options.dir, "market");
  }

  /** Opens the serve folder (made on first use) and resumes a market that was running. */
  static async start(options: MarketSessionOptions): Promise<MarketSession> {
    const session = new MarketSession(options);
    await mkdir(options.dir, { recursive: true });
    const stored = await session.readRecord();
    session.record = {
      ...(stored ?? { version: 1, phase: "waiting", createdAt: new Date().toISOString() }),
    };
    // Folders made before runIds were recorded keep the id their run already has.
    session.record.runId ??= existsSync(join(session.runDir, "run.json"))
      ? (await readRunRecord(session.runDir)).runId
      : `${slug(options.config.run.name, "market")}-${randomBytes(3).toString("hex")}`;
    await session.writeRecord();
    session.paused = new Set(
      (await session.community.accounts())
        .filter((a) => a.paused && a.participant)
        .map((a) => a.participant!.id),
    );
    if (session.record.phase === "open") {
      if (!existsSync(join(session.runDir, "run.json"))) {
        throw new HaggleError(`${options.dir} says its market is open but has no run in ${session.runDir}`, {
          kind: "conflict",
          code: "serve/run-missing",
        });
      }
      session.running = session.track(
        resumeRun(session.runDir, { ...session.runOptions(), ...(options.db ? { db: options.db } : {}) }),
      );
    }
    return session;
  }

  get config(): ServeConfig {
    return this.options.config;
  }

  get url(): string | undefined {
    return this.record.url;
  }

  async setUrl(url: string): Promise<void> {
    this.record = { ...this.record, url };
    await this.writeRecord();
  }

  get phase(): MarketPhase {
    return this.record.phase;
  }

  get openedAt(): string | undefined {
    return this.record.openedAt;
  }

  /** The running market's host, when it runs in this process. */
  get liveHost(): MarketHost | undefined {
    return this.host;
  }

  onPhase(listener: PhaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the host once the market runs (at once when it does). */
  whenRunning(): Promise<MarketHost> {
    if (this.host) return Promise.resolve(this.host);
    return new Promise((resolve) => this.hostWaiters.push(resolve));
  }

  /** The market as it stands: the live state while it runs, the log's after the close, none before. */
  async state(): Promise<MarketState | undefined> {
    if (this.host) return this.host.state;
    if (this.record.phase === "closed") return this.closedState ?? (await this.loadClosedState());
    return undefined;
  }

  /** A way to act on the market: the running host, or after the close a host opened for the command. */
  async access(): Promise<MarketAccess> {
    if (this.host) return hostAccess(this.host);
    if (this.record.phase === "closed") {
      // One command at a time holds the closed market's log (its writer lock): the next waits.
      const previous = this.closedTurn;
      let release!: () => void;
      this.closedTurn = new Promise<void>((resolve) => {
        release = resolve;
      });
      await previous;
      try {
        const opened = await openRunHost(this.runDir, this.options.db);
        return {
          ...opened,
          close: async () => {
            try {
              await opened.close();
              this.closedState = undefined;
            } finally {
              release();
            }
          },
        };
      } catch (error) {
        release();
        throw error;
      }
    }
    throw new HaggleError("the market has not opened yet: wait for the organiser to open it", {
      kind: "conflict",
      code: "serve/not-open",
    });
  }

  /** When the event `seq` was appended, in wall-clock ms, while it is recent and this process wrote it. */
  appendedAt(seq: number): number | undefined {
    return this.appended.get(seq);
  }

  isPaused(participantId: string): boolean {
    return this.paused.has(participantId);
  }

  /** Opens the market: built-in people fill it and every confirmed person joins. */
  async openMarket(): Promise<void> {
    if (this.record.phase !== "waiting") {
      throw new HaggleError(`the market is ${this.record.phase === "open" ? "already open" : "closed"}`, {
        kind: "conflict",
        code: "serve/not-waiting",
      });
    }
    const { config } = this.options;
    const fillers = config.fill > 0 ? await populationFor(config.run, this.options.configDir) : [];
    const accounts = (await this.community.accounts()).filter((a) => a.participant);
    const people = accounts.map((a) => a.participant!);
    const taken = new Set(fillers.map((p) => p.id));
    const clash = people.find((p) => taken.has(p.id));
    if (clash)
      throw new HaggleError(`"${clash.id}" is both a built-in person and a person`, {
        kind: "internal",
        code: "serve/id-clash",
      });
    const participants = [...fillers, ...people];
    if (participants.length < 2) {
      throw new HaggleError(
        "a market needs at least 2 people: wait until two have confirmed their interview, or add built-in people (population: generate: participants: 12)",
        { kind: "conflict", code: "serve/too-few" },
      );
    }
    const startedAt = new Date().toISOString();
    const run = { ...config.run, start: startedAt };
    this.record = { ...this.record, phase: "open", openedAt: startedAt };
    await this.writeRecord();
    for (const account of accounts)
      await this.community.updateAccount(account.id, (a) => {
        a.joined = true;
      });
    this.running = this.track(
      startRun(run, {
        ...this.runOptions(),
        dir: this.runDir,
        runId: this.record.runId!,
        participants,
        ...(this.options.db ? { db: this.options.db } : {}),
      }),
    );
    this.emit();
  }

  /** Closes the market now (the organiser's button); the run then finishes as at its end. */
  async closeMarket(): Promise<void> {
    if (this.record.phase !== "open") {
      throw new HaggleError(
        `the market is ${this.record.phase === "waiting" ? "not open yet" : "already closed"}`,
        {
          kind: "conflict",
          code: "serve/not-open",
        },
      );
    }
    const host = await this.whenRunning();
    if (host.state.status !== "closed") await host.submit("market", { type: "close-market" });
    await this.running;
  }

  /**
   * Confirms a person's interview: their participant is made from the form (checked again), and
   * joins the market if it runs. Their id is chosen once, from their name.
   */
  async confirmInterview(accountId: string): Promise<Account> {
    const run = this.joining.then(async () => {
      const account = await this.community.account(accountId);
      if (!account)
        throw new HaggleError("this account no longer exists", {
          kind: "not-found",
          code: "account/unknown",
        });
      if (account.interview.confirmed) {
        throw new HaggleError("your interview is confirmed already", {
          kind: "conflict",
          code: "interview/confirmed",
        });
      }
      if (this.record.phase === "closed") {
        throw new HaggleError("the market has closed: nobody can join it now", {
          kind: "conflict",
          code: "join/market-closed",
        });
      }
      const checked = checkInterviewForm(account.interview.form);
      if (!checked.draft) {
        throw new HaggleError(
          `your interview is not finished: ${Object.entries(checked.errors)
            .map(([field, problem]) => `${field}: ${problem}`)
            .join("; ")}`,
          {
            kind: "bad-input",
            code: "interview/incomplete",
          },
        );
      }
      const state = await this.state();
      const others = (await this.community.accounts()).flatMap((a) =>
        a.participant ? [a.participant.id] : [],
      );
      const taken = new Set([...(state?.participants.keys() ?? []), ...others]);
      const id = participantIdFor(checked.draft.name, taken);
      const participant = participantFromDraft(checked.draft, id);
      await this.community.updateAccount(accountId, (a) => {
        a.participant = participant;
        a.name = participant.name;
        a.interview.confirmed = true;
      });
      if (this.record.phase === "open") await this.join(accountId, participant);
      return (await this.community.account(accountId))!;
    });
    this.joining = run.catch(() => {});
    return run;
  }

  /** Pauses or resumes a person's agent: while paused it takes no turns (its threads may expire). */
  async setPaused(accountId: string, paused: boolean): Promise<Account> {
    return this.community.updateAccount(accountId, (account) => {
      account.paused = paused;
      if (account.participant) {
        if (paused) this.paused.add(account.participant.id);
        else this.paused.delete(account.participant.id);
      }
      return account;
    });
  }

  /** Stops the server's part: the market stops where it is (resumed at the next start). */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => {});
  }

  private async join(accountId: string, participant: Participant): Promise<void> {
    const host = await this.whenRunning();
    const spec = agentSpecFor(this.options.config.run.agents, participant.id, this.options.config.run.seed);
    await joinMarket(host, participant, spec);
    await this.community.updateAccount(accountId, (a) => {
      a.joined = true;
    });
  }

  private runOptions() {
    return {
      configDir: this.options.configDir,
      signal: this.abort.signal,
      createAgent: async (
        spec: string,
        context: AgentContext,
        options?: { baseDir?: string; llm?: LlmAgentOptions },
      ) => {
        const agent = await this.options.createAgent(spec, context, options);
        return pausable(agent, () => this.paused.has(context.participantId));
      },
      onHost: (host: MarketHost) => {
        this.host = host;
        host.onApplied((outcome) => {
          const now = Date.now();
          for (const event of outcome.events) this.appended.set(event.seq, now);
          if (this.appended.size > 20_000) {
            for (const seq of [...this.appended.keys()].slice(0, 10_000)) this.appended.delete(seq);
          }
        });
        this.options.onHost?.(host);
        for (const resolve of this.hostWaiters.splice(0)) resolve(host);
        this.emit();
      },
    };
  }

  private track(run: Promise<RunOutcome>): Promise<RunOutcome | undefined> {
    return run.then(
      async (outcome) => {
        this.host = undefined;
        if (!outcome.stopped) {
          this.closedState = outcome.state;
          this.record = { ...this.record, phase: "closed", closedAt: new Date().toISOString() };
          await this.writeRecord();
          this.options.log?.(`the market closed: ${counted(outcome.summary.deals, "deal")}`);
          this.emit();
        }
        return outcome;
      },
      (error) => {
        this.host = undefined;
        this.options.log?.(`the market stopped: ${(error as Error).message}`);
        return undefined;
      },
    );
  }

  private async loadClosedState(): Promise<MarketState> {
    const record = await readRunRecord(this.runDir);
    const store = await openStore(
      runStoreOptions(this.runDir, record, this.options.db ?? process.env.HAGGLE_DB),
    );
    try {
      this.closedState = replay(await store.read(record.marketId), emptyState({ transcripts: "all" }));
      return this.closedState;
    } finally {
      await store.close();
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.record.phase);
  }

  private async readRecord(): Promise<ServeRecord | undefined> {
    const path = join(this.options.dir, "serve.json");
    if (!existsSync(path)) return undefined;
    return JSON.parse(await readFile(path, "utf8")) as ServeRecord;
  }

  private async writeRecord(): Promise<void> {
    const path = join(this.options.dir, "serve.json");
    await writeFile(`${path}.tmp`, `${JSON.stringify(this.record, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
  }
}

/** An agent that takes no turns while its person has paused it. */
function pausable(agent: Agent, paused: () => boolean): Agent {
  return new Proxy(agent, {
    get(target, key, receiver) {
      if (key === "decide")
        return (view: Parameters<Agent["decide"]>[0]) => (paused() ? [] : target.decide(view));
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
