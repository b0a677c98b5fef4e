import { Command } from "commander";

/**
 * Builds the `haggle` command. Each subcommand lives in `commands/<name>.ts` and exports a
 * `register(program)` function; add yours to the list below.
 */
export async function buildProgram(): Promise<Command> {
  const program = new Command("haggle")
    .description(
      "Haggle: AI agents buy, sell and haggle over second-hand items; run markets and experiments.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  const modules = await Promise.all([
    import("./commands/demo.ts"),
    import("./commands/run.ts"),
    import("./commands/show.ts"),
    import("./commands/negotiate.ts"),
    import("./commands/parse.ts"),
    import("./commands/handover.ts"),
    import("./commands/experiment.ts"),
  ]);
  for (const module of modules) module.register(program);
  return program;
}
