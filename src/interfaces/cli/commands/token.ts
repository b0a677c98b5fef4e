import { resolve } from "node:path";
import type { Command } from "commander";
import { AgentTokens } from "../../../app/agent-tokens.ts";
import { readRunRecord } from "../../../runner/run-folder.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";
import { terminalText as safe } from "../terminal-text.ts";

export function register(program: Command): void {
  const token = program
    .command("token")
    .description("Agent tokens: let an outside agent (an MCP client) act for one person in a run");

  token
    .command("create")
    .description("Make a token that acts for one participant only; it is shown once and stored hashed")
    .requiredOption("--as <participant>", "the participant the token acts for, e.g. p007")
    .option("--run <dir>", "the run folder", ".")
    .option("--label <text>", "a note to tell your tokens apart, e.g. the agent's name")
    .option("--json", "machine-readable output")
    .action(async (options: { as: string; run: string; label?: string; json?: boolean }) => {
      const dir = resolve(options.run);
      const record = await readRunRecord(dir);
      if (!record.participants.some((participant) => participant.id === options.as)) {
        throw new UsageError(
          `--as "${options.as}" is not a participant of the run in ${dir}: use an id that haggle show ${options.run} lists`,
        );
      }
      const created = await new AgentTokens(dir).create(options.as, {
        ...(options.label ? { label: options.label } : {}),
      });
      const spec = record.assignment[options.as];
      emit(Boolean(options.json), { ...created.record, token: created.token, agent: spec }, () =>
        [
          `Token ${created.record.id} acts for ${options.as}. It is shown only now: keep it secret.`,
          "",
          `  ${created.token}`,
          "",
          `Connect an MCP client: npx haggle mcp --market ${options.run} --token <token>`,
          `(or to a market server: npx haggle mcp --market http://<host>/mcp --token <token>)`,
          ...(spec && spec !== "remote"
            ? [
                `Note: ${options.as} is also played by ${safe(spec)} in this run; the token's actions go in beside that agent's (agents: explicit: { ${options.as}: remote } hands them over entirely).`,
              ]
            : []),
        ].join("\n"),
      );
    });

  token
    .command("revoke")
    .description("Revoke a token: it is refused from its next request on")
    .argument("<token id>", "the token's id (tok_...), from haggle token list")
    .option("--run <dir>", "the run folder", ".")
    .option("--json", "machine-readable output")
    .action(async (id: string, options: { run: string; json?: boolean }) => {
      const revoked = await new AgentTokens(resolve(options.run)).revoke(id);
      emit(Boolean(options.json), revoked, () => `Token ${revoked.id} (${revoked.participant}) is revoked.`);
    });

  token
    .command("list")
    .description("The run's tokens (never the tokens themselves): id, participant, label, created, revoked")
    .option("--run <dir>", "the run folder", ".")
    .option("--json", "machine-readable output")
    .action(async (options: { run: string; json?: boolean }) => {
      const tokens = await new AgentTokens(resolve(options.run)).list();
      emit(Boolean(options.json), tokens, () =>
        tokens.length === 0
          ? "No agent tokens in this run: haggle token create --as <participant> makes one."
          : tokens
              .map(
                (t) =>
                  `${t.id}  ${safe(t.participant)}  created ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : "  active"}${t.label ? `  ${safe(t.label)}` : ""}`,
              )
              .join("\n"),
      );
    });
}
