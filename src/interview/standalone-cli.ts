/**
 * Runs `interview` as its own program (`node --import tsx src/interview/standalone-cli.ts interview`),
 * for tests while the command is not yet listed in src/interfaces/cli/program.ts.
 */
import { Command } from "commander";
import { register } from "../interfaces/cli/commands/interview.ts";
import { exitCodeFor } from "../interfaces/cli/errors.ts";

const program = new Command("haggle").exitOverride().showHelpAfterError();
register(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === "commander.helpDisplayed" || code === "commander.help") process.exitCode = 0;
  else {
    if (!code?.startsWith("commander.")) process.stderr.write(`haggle: ${(error as Error).message}\n`);
    process.exitCode = exitCodeFor(error);
  }
}
