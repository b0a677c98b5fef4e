import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { Participant } from "../domain/mandate.ts";
import { readText, readYesNo } from "./answers.ts";
import { describeParticipant, participantFromDraft, participantYaml } from "./draft.ts";
import { runFormInterview } from "./form-interview.ts";
import { createModelInterview } from "./model-interview.ts";
import { askUntil, type Terminal } from "./terminal.ts";

export interface InterviewOptions {
  terminal: Terminal;
  /** With a model, a conversation; without one, the guided form. */
  model?: LanguageModelV3;
  /** Where the participant YAML goes. */
  out: string;
  /** Participant id (default: from the name). */
  id?: string;
}

/**
 * `haggle interview`: asks what to sell and buy, the limits, the budget and how to negotiate, shows
 * the resulting mandate and persona for confirmation, and saves the participant file markets load.
 * @example await runInterview({ terminal: createTerminal(), out: "participant.yaml" })
 */
export async function runInterview(options: InterviewOptions): Promise<Participant> {
  const { terminal } = options;
  const conversation = options.model
    ? createModelInterview(terminal, options.model, options.id ? { id: options.id } : {})
    : undefined;
  const form = async () => participantFromDraft(await runFormInterview(terminal), options.id);
  let participant = conversation ? await conversation.run() : await form();
  for (;;) {
    terminal.say("");
    terminal.say("Here is what your agent will work with:");
    terminal.say(describeParticipant(participant));
    terminal.say("");
    const save = await askUntil(terminal, `Save this to ${options.out}? (yes/no)`, readYesNo);
    if (save) break;
    if (conversation) {
      const change = await askUntil(terminal, "What should change?", (a) =>
        readText(a, "what should change", 2000),
      );
      participant = await conversation.revise(change);
    } else {
      terminal.say("Let's go through it again.");
      participant = await form();
    }
  }
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, participantYaml(participant));
  terminal.say(`Saved ${options.out}. Add it to a market's config under population.files.`);
  return participant;
}
