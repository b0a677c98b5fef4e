import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { preflightAgentSpecs } from "../../../agents/llm/preflight.ts";
import { createLanguageModel } from "../../../agents/llm/providers.ts";
import { resilientModel } from "../../../agents/llm/resilient-model.ts";
import { runInterview } from "../../../interview/interview.ts";
import { createTerminal } from "../../../interview/terminal.ts";
import { UsageError } from "../errors.ts";

interface InterviewCommandOptions {
  model?: string;
  out: string;
  id?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command("interview")
    .description(
      "Set up a participant in a conversation: what to sell, what to buy, limits, budget and negotiating style; saves the participant YAML that markets load",
    )
    .option(
      "--model <spec>",
      'a model to hold the conversation, e.g. "llm:anthropic:claude-haiku-4-5" or "llm:openai-compatible:llama3.1"; without it, a guided form',
    )
    .option("--out <file>", "where to save the participant file", "participant.yaml")
    .option("--id <id>", "the participant's id (default: from the name)")
    .option("--force", "overwrite --out if it exists")
    .action(async (options: InterviewCommandOptions) => {
      const out = resolve(options.out);
      if (existsSync(out) && !options.force) {
        throw new UsageError(
          `${options.out} already exists: choose another --out, or pass --force to overwrite it`,
        );
      }
      let model: ReturnType<typeof createLanguageModel> | undefined;
      if (options.model !== undefined) {
        if (!options.model.trim().startsWith("llm:")) {
          throw new UsageError(
            `--model ${options.model}: the interview needs a language model, "llm:<provider>:<model>"; leave --model out for the guided form`,
          );
        }
        await preflightAgentSpecs([options.model]);
        model = resilientModel(createLanguageModel(options.model), { retry: { maxRetries: 3 } });
      }
      // The SDK's warnings (e.g. a server without JSON-schema output) would interrupt the conversation.
      (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
      const terminal = createTerminal();
      try {
        await runInterview({
          terminal,
          out,
          ...(model ? { model } : {}),
          ...(options.id ? { id: options.id } : {}),
        });
      } finally {
        terminal.close();
      }
    });
}
