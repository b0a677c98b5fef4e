import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createTerminal } from "./terminal.ts";

describe("the interview's terminal", () => {
  it("shows a model's words inert: no escape code, overwrite or invisible character reaches the screen", () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const terminal = createTerminal(input, output);
    terminal.say(
      "Hello!\u001b[2J\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007\nYour budget?\rSaved.\u202e\u200b",
    );
    void terminal.ask("Budget\u001b[8m?");
    terminal.close();
    const written = String(output.read());
    expect(written).toBe(
      "Hello!\\u001b[2J\\u001b]8;;https://evil.example/\\u0007link\\u001b]8;;\\u0007\nYour budget? / Saved.\\u202e\\u200b\nBudget\\u001b[8m? ",
    );
  });
});
