import { exitCodeFor } from "./errors.ts";
import { buildProgram } from "./program.ts";

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
    process.stderr.write(`haggle: ${(error as Error).message}\n`);
    if (process.env.HAGGLE_DEBUG) console.error(error);
    process.exitCode = exitCodeFor(error);
  }
}

await main();
