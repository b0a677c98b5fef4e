/** What the worker parts of bench:scale share: a log's hash, a child's start. */
import type { ChildProcess } from "node:child_process";

/** Resolves once the child has written a line matching `pattern` on stderr. */
export function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`a worker did not start within ${ms} ms`)), ms);
    child.stderr?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`a worker exited (${code}) before it started: ${text}`)));
  });
}
