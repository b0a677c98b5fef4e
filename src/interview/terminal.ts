import { createInterface } from "node:readline/promises";
import { errorBase } from "../domain/errors.ts";
import { inertLines } from "../domain/hidden-text.ts";

/**
 * The interview's side of a conversation in a terminal: it says things and asks questions. What it
 * says can be a model's words: a terminal shows them inert (`inertLines`).
 */
export interface Terminal {
  say(text: string): void;
  /** Writes the question and waits for one line; undefined when the input ended. */
  ask(question: string): Promise<string | undefined>;
  close(): void;
}

/** The interview ended (end of input) before a participant file was saved. */
export class InterviewAbortedError extends errorBase("bad-input", "interview/aborted") {
  override name = "InterviewAbortedError";
}

/**
 * A terminal on streams (stdin and stdout by default). Lines typed (or piped) before a question is
 * asked are kept for it, so answers written ahead of the questions are not lost.
 */
export function createTerminal(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Terminal {
  const rl = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const lines = rl[Symbol.asyncIterator]();
  let ended = false;
  return {
    say(text) {
      output.write(`${inertLines(text)}\n`);
    },
    async ask(question) {
      output.write(`${inertLines(question)} `);
      if (ended) return undefined;
      const next = await lines.next();
      if (next.done) {
        ended = true;
        output.write("\n");
        return undefined;
      }
      return next.value;
    },
    close() {
      rl.close();
    },
  };
}

/** Asks until `read` accepts the answer; each refusal is said, naming the problem. */
export async function askUntil<T>(
  terminal: Terminal,
  question: string,
  read: (answer: string) => { value: T } | { problem: string },
): Promise<T> {
  for (;;) {
    const answer = await terminal.ask(question);
    if (answer === undefined)
      throw new InterviewAbortedError("the interview ended before it was finished; nothing was saved");
    const result = read(answer.trim());
    if ("value" in result) return result.value;
    terminal.say(`  ${result.problem}`);
  }
}
