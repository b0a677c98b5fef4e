import { terminalJson } from "./terminal-text.ts";

/**
 * Prints either JSON (for `--json`, with every hidden character escaped: `terminalJson`) or human
 * text (each command makes agent text safe with `terminalText`).
 */
export function emit(json: boolean, data: unknown, human: () => string): void {
  if (json) process.stdout.write(`${terminalJson(data)}\n`);
  else process.stdout.write(`${human()}\n`);
}
