import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { errorBase } from "../domain/errors.ts";
import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";
import type { Agent, AgentContext } from "./agent.ts";
import { AgentTimeoutError } from "./agent-timeout.ts";
import { ALLOWED_BUILTINS, SANDBOX_ENTRY, SANDBOX_HOOKS } from "./module-sandbox.ts";

/** A `module:<path>` agent could not be loaded, or broke the agent interface. */
export class ModuleAgentError extends errorBase("bad-input", "agents/module") {
  override name = "ModuleAgentError";
}

/** Environment variables a module agent sees: only those whose names start with this. */
export const MODULE_ENV_PREFIX = "MODULE_AGENT_";

export interface ModuleAgentOptions {
  baseDir?: string;
  /** Real ms one `decide` may take before it is a fault (and the worker is replaced); 10,000 by default. */
  decideTimeoutMs?: number;
  /** Real ms loading the module and running its factory may take; 30,000 by default. */
  loadTimeoutMs?: number;
  /** The old generation's limit of the module's worker, MB; 256 by default. */
  memoryMb?: number;
  /** Where the module's console output goes; the market's stderr by default (never its stdout). */
  output?: NodeJS.WritableStream;
}

type Reply =
  | { kind: "ready"; restore: boolean; onRefused: boolean }
  | { kind: "load-error"; reason: "no-factory" | "factory-threw" | "no-decide" | "import"; message: string }
  | { id: number; ok: true; actions: unknown[] }
  | { id: number; ok: false; error: { name: string; message: string } };

const FACTORY_HELP =
  "must export an agent factory: `export default function createAgent({ participantId, seed }) { return { decide(view) { return []; } }; }` (or a named export `createAgent`)";

function moduleEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith(MODULE_ENV_PREFIX) && value !== undefined) env[name] = value;
  }
  return env;
}

/** tsx's loader, for a TypeScript module: the worker registers it before the sandbox's hooks. */
function tsxLoader(file: string): string | undefined {
  if (!/\.(m|c)?tsx?$/.test(file)) return undefined;
  // Its ES module entry (the worker imports it); require.resolve would name the CommonJS one.
  const root = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  return pathToFileURL(join(root, "dist", "esm", "api", "index.mjs")).href;
}

/**
 * One running copy of the module, in its own worker thread. A worker that crashed, ran out of
 * memory or was stopped after a timeout is gone: the next call starts a new one (the factory runs
 * again, so the agent's memory starts empty).
 */
class ModuleWorker {
  private worker: Worker | undefined;
  private ready: Promise<{ restore: boolean; onRefused: boolean }> | undefined;
  private readonly pending = new Map<
    number,
    { resolve: (actions: unknown[]) => void; reject: (e: Error) => void }
  >();
  private next = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly spec: string,
    private readonly context: AgentContext,
    private readonly options: ModuleAgentOptions,
  ) {}

  /** Starts the worker if none runs; resolves once the module loaded and its factory made the agent. */
  start(): Promise<{ restore: boolean; onRefused: boolean }> {
    if (this.ready) return this.ready;
    const worker = new Worker(SANDBOX_ENTRY, {
      workerData: {
        file: pathToFileURL(this.file).href,
        context: { participantId: this.context.participantId, seed: this.context.seed },
        hooks: SANDBOX_HOOKS,
        builtins: ALLOWED_BUILTINS,
        tsx: tsxLoader(this.file),
      },
      // Its own, empty environment (a worker shares the process's by default): no API keys.
      env: moduleEnv(),
      execArgv: [],
      argv: [],
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.memoryMb ?? 256,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    // An idle module never keeps the process alive; a call in flight does (its timer is ref'd).
    worker.unref();
    const output = this.options.output ?? process.stderr;
    worker.stdout.on("data", (chunk: Buffer) => output.write(chunk));
    worker.stderr.on("data", (chunk: Buffer) => output.write(chunk));
    this.worker = worker;
    const loadMs = this.options.loadTimeoutMs ?? 30_000;
    this.ready = new Promise((resolveReady, rejectReady) => {
      const timer = setTimeout(() => {
        fail(new ModuleAgentError(`module agent ${this.spec} did not load within ${loadMs} ms`));
      }, loadMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        rejectReady(error);
        this.stop(worker, error);
      };
      worker.on("message", (reply: Reply) => {
        if ("kind" in reply) {
          clearTimeout(timer);
          if (reply.kind === "ready") resolveReady({ restore: reply.restore, onRefused: reply.onRefused });
          else fail(this.loadError(reply));
          return;
        }
        const call = this.pending.get(reply.id);
        if (!call) return;
        this.pending.delete(reply.id);
        if (reply.ok) call.resolve(reply.actions);
        else call.reject(Object.assign(new ModuleAgentError(`${this.spec}: ${reply.error.message}`)));
      });
      worker.on("error", (error) => {
        fail(new ModuleAgentError(`module agent ${this.spec} crashed: ${error.message.slice(0, 300)}`));
      });
      worker.on("exit", (code) => {
        fail(new ModuleAgentError(`module agent ${this.spec} stopped (exit code ${code})`));
      });
    });
    // A start that failed is awaited by whoever called; nothing else should see an unhandled rejection.
    this.ready.catch(() => {});
    return this.ready;
  }

  async decide(view: AgentView, timeoutMs: number): Promise<unknown[]> {
    if (this.closed) throw new ModuleAgentError(`module agent ${this.spec} was closed`);
    await this.start();
    const worker = this.worker!;
    const id = ++this.next;
    return new Promise<unknown[]>((resolveCall, rejectCall) => {
      const timer = setTimeout(() => {
        // A decide that never answers (an endless loop, a promise that never settles) takes its
        // worker with it: the thread is stopped, and the next turn starts a new one.
        const error = new AgentTimeoutError(
          `${this.spec}: decide(view) gave no answer within ${timeoutMs} ms`,
        );
        this.stop(worker, error);
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (actions) => {
          clearTimeout(timer);
          resolveCall(actions);
        },
        reject: (error) => {
          clearTimeout(timer);
          rejectCall(error);
        },
      });
      try {
        worker.postMessage({ kind: "decide", id, view });
      } catch (error) {
        this.pending
          .get(id)
          ?.reject(
            new ModuleAgentError(`${this.spec}: its view could not be sent (${(error as Error).message})`),
          );
        this.pending.delete(id);
      }
    });
  }

  /** A message the module gets before its next decide, with no answer (restore, a refusal). */
  tell(message: { kind: "restore"; view: AgentView } | { kind: "refused"; refusal: unknown }): void {
    if (this.closed) return;
    void this.start()
      .then(() => this.worker?.postMessage(message))
      .catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.worker) this.stop(this.worker, new ModuleAgentError(`module agent ${this.spec} was closed`));
  }

  private stop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
    void worker.terminate().catch(() => {});
  }

  private loadError(reply: Extract<Reply, { kind: "load-error" }>): ModuleAgentError {
    const path = this.spec.slice("module:".length);
    switch (reply.reason) {
      case "no-factory":
        return new ModuleAgentError(`${path} ${FACTORY_HELP}`);
      case "no-decide":
        return new ModuleAgentError(
          `the factory in ${path} must return an object with a decide(view) method`,
        );
      case "factory-threw":
        return new ModuleAgentError(`the factory in ${path} threw: ${reply.message}`);
      case "import":
        return new ModuleAgentError(`module agent ${path} failed to load: ${reply.message}`);
    }
  }
}

/**
 * Loads a person's own agent from a JS (or, under tsx, TS) module: its default export (or its
 * `createAgent` export) is an `AgentFactory` called with `{ participantId, seed }` that returns an
 * object with `decide(view)`. The engine checks every action the agent proposes.
 *
 * The module runs isolated, in a worker thread of its own. A worker rather than a child process: it
 * starts in tens of milliseconds and answers a call in well under one, with the same structured-clone
 * boundary, and worker_threads give what isolation needs here: a separate heap with `resourceLimits`,
 * its own (empty) environment, its own module loader to refuse imports, and `terminate()` for a
 * decide that never returns. What that gives, and what it does not (tested in module-agent.test.ts):
 *
 * - It gets only its own view, structured-cloned: no object of the market's, so it can change
 *   nothing in the market but by the actions it returns, which the engine checks like any other.
 * - Its environment holds only variables named `MODULE_AGENT_*`: no API keys or other secrets.
 * - It can import only ES modules from `.js`/`.mjs` files (`.ts` under tsx) and pure built-ins
 *   (ALLOWED_BUILTINS): not fs, child_process, net, http, worker_threads, vm, module, os and the like,
 *   nor JSON, CommonJS or WebAssembly files; process bindings, native addons, `process.kill`,
 *   `process.report`, `process.loadEnvFile` and `fetch` are taken away. So it cannot read the run
 *   folder's files (run.json, records.json, the log), nor reach the network.
 * - A decide gets `decideTimeoutMs` (10 s by default): one that does not answer in time is a fault
 *   (AgentTimeoutError, logged as agent-faulted "timeout") and its worker is stopped; a crash or an
 *   out-of-memory is a fault too. The next turn starts a new worker, whose memory is empty.
 * - It is NOT a security boundary against a hostile V8 or Node exploit: the worker is a thread of the
 *   market's process. It can read the source of any `.js` file it can name by importing it (code,
 *   not market data), spend CPU and memory up to its limits, and write to stderr.
 *
 * `restore` and `onRefused` reach the module as messages, in order, before its next decide; they
 * give no answer, so a throw in them is the module's own business.
 * @example const agent = await loadModuleAgent("./examples/my-agent.js", { participantId: "ann", seed: 1 })
 */
export async function loadModuleAgent(
  path: string,
  context: AgentContext,
  options: ModuleAgentOptions = {},
): Promise<Agent & { close(): Promise<void> }> {
  if (!path) throw new ModuleAgentError('module agent: give a path, e.g. "module:./examples/my-agent.js"');
  const file = isAbsolute(path) ? path : resolve(options.baseDir ?? process.cwd(), path);
  if (!existsSync(file)) throw new ModuleAgentError(`module agent: no file at ${file}`);
  const spec = `module:${path}`;
  const worker = new ModuleWorker(file, spec, context, options);
  const can = await worker.start();
  const timeoutMs = options.decideTimeoutMs ?? 10_000;
  return {
    spec,
    async decide(view: AgentView): Promise<AgentAction[]> {
      return (await worker.decide(view, timeoutMs)) as AgentAction[];
    },
    onRefused(refusal) {
      if (can.onRefused) worker.tell({ kind: "refused", refusal });
    },
    // Only an agent that can restore says it can: a live market's resume calls it with the view.
    ...(can.restore ? { restore: (view: AgentView) => worker.tell({ kind: "restore", view }) } : {}),
    close: () => worker.close(),
  };
}
