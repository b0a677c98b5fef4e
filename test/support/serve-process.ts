import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./haggle-cli.ts";

export interface ServedMarket {
  child: ChildProcess;
  /** The address it printed, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The organiser token it printed (a new one at each start). */
  organiserToken: string;
  /** Everything it wrote to stdout and stderr so far. */
  stdout: () => string;
  stderr: () => string;
  /** SIGKILL, as a crash would. */
  kill: () => Promise<void>;
  /** Ctrl-C, then waits for it to exit. */
  stop: () => Promise<void>;
}

/**
 * Starts `haggle serve` as a user would (`node bin/haggle.js serve ...`), on a free port unless the
 * args say otherwise, and resolves once it prints its address and organiser link.
 */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
): Promise<ServedMarket> {
  const child = spawn(
    "node",
    [...nodeArgs, join(repoRoot, "bin/haggle.js"), "serve", "--port", "0", ...args],
    {
      cwd: repoRoot,
      // Provider keys only when a test gives them: with one, the server would offer a real model.
      env: { ...withoutProviderKeys(process.env), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`haggle serve did not start in 60 s:\n${stdout}\n${stderr}`)),
      60_000,
    );
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`haggle serve exited with ${code}:\n${stdout}\n${stderr}`));
    };
    child.once("exit", early);
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const url = /is served at (\S+)/.exec(stdout)?.[1];
      const token = /organiser\?token=(\S+)/.exec(stdout)?.[1];
      if (!url || !token) return;
      clearTimeout(timer);
      child.removeListener("exit", early);
      resolve({
        child,
        url,
        organiserToken: token,
        stdout: () => stdout,
        stderr: () => stderr,
        kill: async () => {
          child.kill("SIGKILL");
          await exited;
        },
        stop: async () => {
          child.kill("SIGINT");
          await exited;
        },
      });
    });
  });
}

function withoutProviderKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ANTHROPIC_API_KEY: _a, OPENAI_API_KEY: _o, ...rest } = env;
  return rest;
}

/** A signed-in browser's requests, over the network: a cookie jar and JSON. */
export class HttpSession {
  cookie: string | undefined;

  constructor(public base: string) {}

  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = response.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed as T };
  }

  /** Reads the SSE stream for `ms`, from after `lastEventId`: each message's id, event and data. */
  async events(ms: number, lastEventId?: number): Promise<{ id?: number; event: string; data: string }[]> {
    const controller = new AbortController();
    const response = await fetch(`${this.base}/api/events`, {
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(lastEventId !== undefined ? { "last-event-id": String(lastEventId) } : {}),
      },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let text = "";
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString();
      }
    } catch {
      // aborted: the time is up
    } finally {
      clearTimeout(timer);
    }
    return text
      .split("\n\n")
      .filter((block) => /^(event|data|id):/m.test(block))
      .map((block) => {
        const field = (name: string) =>
          block
            .split("\n")
            .filter((line) => line.startsWith(`${name}:`))
            .map((line) => line.slice(name.length + 1).trimStart())
            .join("\n");
        const id = field("id");
        return { ...(id ? { id: Number(id) } : {}), event: field("event") || "message", data: field("data") };
      });
  }
}
