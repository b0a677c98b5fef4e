/**
 * The code a `module:` agent runs in: a worker thread of its own (see module-agent.ts for why a
 * worker and what it prevents). Both parts are kept here as source text and started from `data:`
 * URLs, so the same code runs from the TypeScript sources, under vitest and from the bundled CLI,
 * with no file to find next to a bundle.
 */

/**
 * Node built-ins a module agent may import: pure computation only. Everything that reaches outside
 * the thread (fs, child_process, net, http, dns, tls, dgram, worker_threads, cluster, vm, inspector,
 * module, os, v8, wasi, repl, process bindings) is refused at import.
 */
export const ALLOWED_BUILTINS: readonly string[] = [
  "assert",
  "assert/strict",
  "buffer",
  "events",
  "path",
  "path/posix",
  "path/win32",
  "process",
  "querystring",
  "string_decoder",
  "timers",
  "timers/promises",
  "url",
  "util",
  "util/types",
];

/**
 * Module loader hooks, registered inside the worker before the agent's module is imported: a module
 * agent may import ES modules from `.js`/`.mjs` files (and `.ts`/`.mts` when run under tsx) and the
 * built-ins above, nothing else. So no JSON, WebAssembly, CommonJS (its `require` would go around
 * these hooks), `data:` or network imports: a run folder's `run.json`, `records.json`, memos or
 * database files cannot be imported.
 */
const HOOKS = `
let allowed = new Set();
export function initialize(data) { allowed = new Set(data.builtins); }
function denied(what) {
  const error = new Error("module agents may not import " + what + " (the agent runs isolated: see examples/README.md)");
  error.code = "ERR_HAGGLE_MODULE_DENIED";
  return error;
}
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const url = result.url;
  if (url.startsWith("node:")) {
    if (!allowed.has(url.slice(5))) throw denied(url);
    return result;
  }
  if (url.startsWith("file:")) {
    const path = new URL(url).pathname;
    if (!/\\.(m?js|m?ts|tsx)$/.test(path)) throw denied(url);
    return result;
  }
  throw denied(url.slice(0, 40));
}
export async function load(url, context, next) {
  const result = await next(url, context);
  if (result.format !== "module" && result.format !== "builtin") {
    throw denied(url + " as " + result.format + " (only ES modules)");
  }
  return result;
}
`;

/**
 * The worker's entry. It registers the hooks (and tsx first, for a TypeScript module), takes away
 * what would reach outside the thread that is not an import (process bindings, native addons, a
 * signal to the whole process, report files, .env files, fetch and sockets, and BroadcastChannel,
 * which would reach the other module agents' threads), loads the module, makes
 * the agent from its factory and answers the market's calls one at a time, in order.
 */
const BOOT = `
import { parentPort, workerData } from "node:worker_threads";
import { register } from "node:module";

if (workerData.tsx) {
  const tsx = await import(workerData.tsx);
  (tsx.register ?? tsx.default.register)();
}
register(workerData.hooks, { data: { builtins: workerData.builtins } });

const post = parentPort.postMessage.bind(parentPort);
const on = parentPort.on.bind(parentPort);
for (const name of [
  "binding", "_linkedBinding", "dlopen", "getBuiltinModule", "kill", "_kill", "report",
  "loadEnvFile", "_debugProcess", "_debugEnd", "_startProfilerIdleNotifier",
  "_stopProfilerIdleNotifier", "openStdin", "execve", "setSourceMapsEnabled",
]) {
  try { delete process[name]; } catch {}
  try { if (name in process) Object.defineProperty(process, name, { value: undefined }); } catch {}
}
for (const name of ["fetch", "WebSocket", "EventSource", "Request", "Response", "Headers", "FormData", "navigator", "BroadcastChannel"]) {
  try { delete globalThis[name]; } catch {}
}

function describe(error) {
  try {
    if (error instanceof Error) return { name: String(error.name), message: String(error.message).slice(0, 500) };
    return { name: "Error", message: "threw a " + typeof error };
  } catch {
    return { name: "Error", message: "threw something that cannot be described" };
  }
}

let agent;
try {
  const module = await import(workerData.file);
  const candidate = module.default ?? module.createAgent;
  let factory;
  if (typeof candidate === "function") factory = candidate;
  else if (candidate && typeof candidate === "object" && typeof candidate.decide === "function") factory = () => candidate;
  if (!factory) {
    post({ kind: "load-error", reason: "no-factory", message: "" });
  } else {
    try {
      agent = await factory({ ...workerData.context });
    } catch (error) {
      agent = undefined;
      post({ kind: "load-error", reason: "factory-threw", message: describe(error).message });
    }
    if (agent !== undefined) {
      if (!agent || typeof agent.decide !== "function") {
        post({ kind: "load-error", reason: "no-decide", message: "" });
        agent = undefined;
      } else {
        post({
          kind: "ready",
          restore: typeof agent.restore === "function",
          onRefused: typeof agent.onRefused === "function",
        });
      }
    }
  }
} catch (error) {
  post({ kind: "load-error", reason: "import", message: describe(error).message });
}

// One call at a time, in the order they came: a restore or a refusal is seen before the next decide.
let queue = Promise.resolve();
on("message", (call) => {
  queue = queue.then(() => handle(call));
});

async function handle(call) {
  if (!agent) return;
  if (call.kind === "restore") {
    try { agent.restore?.(call.view); } catch {}
    return;
  }
  if (call.kind === "refused") {
    try { agent.onRefused?.(call.refusal); } catch {}
    return;
  }
  if (call.kind !== "decide") return;
  let actions;
  try {
    actions = await agent.decide(call.view);
  } catch (error) {
    post({ id: call.id, ok: false, error: describe(error) });
    return;
  }
  try {
    if (actions === undefined || actions === null) actions = [];
    if (!Array.isArray(actions)) {
      post({ id: call.id, ok: false, error: { name: "ModuleAgentError", message: "decide(view) must return an array of actions (or a promise of one)" } });
      return;
    }
    post({ id: call.id, ok: true, actions: actions.filter((action) => typeof action === "object" && action !== null) });
  } catch (error) {
    post({ id: call.id, ok: false, error: { name: "ModuleAgentError", message: "its actions cannot be sent as plain data (" + describe(error).message + ")" } });
  }
}
`;

const dataUrl = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);

/** The worker's entry, as a URL `new Worker` takes. */
export const SANDBOX_ENTRY: URL = dataUrl(BOOT);

/** The loader hooks, as a URL `module.register` takes. */
export const SANDBOX_HOOKS: string = dataUrl(HOOKS).href;
