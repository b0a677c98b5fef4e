import { join, resolve } from "node:path";
import type { Command } from "commander";
import { HaggleError } from "../../../domain/errors.ts";
import { readRunRecord } from "../../../runner/run-folder.ts";
import { parseSlackBlock, slackSigningSecret } from "../../slack/config.ts";
import { slackLinkCode } from "../../slack/slack-requests.ts";
import { emit } from "../output.ts";
import { terminalText } from "../terminal-text.ts";

export function register(program: Command): void {
  const slack = program.command("slack").description("The market's Slack mirror");
  slack
    .command("link-code")
    .description(
      "Print the code each person types in Slack (/haggle link <id> <code>) to get their deals' confirmations there",
    )
    .argument("<run>", "the run folder of a market with a slack: block")
    .option("--as <participant>", "only this person's code (default: everyone's)")
    .option("--json", "machine-readable output")
    .action(async (run: string, options: { as?: string; json?: boolean }) => {
      const dir = resolve(run);
      const record = await readRunRecord(dir);
      const config = parseSlackBlock(record.config.slack, join(dir, "run.json"));
      if (!config) {
        throw new HaggleError(
          `${dir} has no slack: block in its config: the market is not mirrored to Slack`,
          {
            kind: "bad-input",
            code: "slack/not-configured",
          },
        );
      }
      const signingSecret = slackSigningSecret(config);
      const people = record.participants.filter((p) => options.as === undefined || p.id === options.as);
      if (people.length === 0) {
        throw new HaggleError(`--as ${options.as}: no such participant in this run`, {
          kind: "not-found",
          code: "slack/unknown-participant",
        });
      }
      const codes = people.map((p) => ({
        participant: p.id,
        name: p.name,
        code: slackLinkCode(signingSecret, config.channel, p.id),
      }));
      emit(Boolean(options.json), codes, () =>
        codes
          .map((c) => `${c.participant}  ${terminalText(c.name)}: /haggle link ${c.participant} ${c.code}`)
          .join("\n"),
      );
    });
}
