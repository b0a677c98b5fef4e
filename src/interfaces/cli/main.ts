import { exitCodeFor } from "./errors.ts";
import { buildProgram } from "./program.ts";
import { terminalLines } from "./terminal-text.ts";

/**
 * A reader that stops early (`haggle show run | head`) closes the pipe: stop quietly, as `cat` does,
 * rather than die with an EPIPE stack trace.
 */
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

async function main(): Promise<void> {
  const program = await buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") {
      process.exitCode = 0;
      return;
    }
    if (code?.startsWith("commander.")) {
      process.exitCode = 2;
      return;
    }
    // A message can quote an owner's file or what an agent threw: shown inert.
    process.stderr.write(`haggle: ${terminalLines(String((error as Error).message))}\n`);
    if (process.env.HAGGLE_DEBUG) console.error(error);
    process.exitCode = exitCodeFor(error);
  }
}

await main();
