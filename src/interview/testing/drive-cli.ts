import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..", "..");

/** The command line that runs `haggle interview`: the real CLI, as a person runs it. */
export const INTERVIEW_COMMAND: readonly string[] = [join(root, "bin", "haggle.js"), "interview"];

export interface Session {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout so far. */
  output(): string;
  stderr(): string;
  /** Waits until stdout, after what was already answered, matches `pattern`; then writes `line`. */
  answer(pattern: RegExp | string, line: string): Promise<void>;
  /** Waits for stdout to match (after what was already answered) without answering. */
  waitFor(pattern: RegExp | string): Promise<void>;
  /** Closes stdin and waits for the exit code. */
  end(): Promise<number>;
}

/** Spawns `node bin/haggle.js interview ...args` with piped stdin, as a person at a terminal would use it. */
export function startInterview(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Session {
  const child = spawn(process.execPath, [...INTERVIEW_COMMAND, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let answered = 0;
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    out += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  child.on("close", () => {
    for (const wake of waiters.splice(0)) wake();
  });

  const matches = (pattern: RegExp | string) => {
    const rest = out.slice(answered);
    return typeof pattern === "string" ? rest.includes(pattern) : pattern.test(rest);
  };
  const waitFor = async (pattern: RegExp | string) => {
    const deadline = Date.now() + timeoutMs;
    while (!matches(pattern)) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `the interview never asked ${String(pattern)}; output so far:\n${out.slice(answered)}\nstderr:\n${err}`,
        );
      }
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  return {
    child,
    output: () => out,
    stderr: () => err,
    waitFor,
    async answer(pattern, line) {
      await waitFor(pattern);
      answered = out.length;
      child.stdin.write(`${line}\n`);
    },
    async end() {
      child.stdin.end();
      return exited;
    },
  };
}
