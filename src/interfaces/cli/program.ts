import { Command } from "commander";

type CommandModule = { register(program: Command): void };

/**
 * Every subcommand: its name and its module in `commands/`, which exports `register(program)`.
 * Add yours here.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  demo: () => import("./commands/demo.ts"),
  run: () => import("./commands/run.ts"),
  resume: () => import("./commands/run.ts"),
  show: () => import("./commands/show.ts"),
  negotiate: () => import("./commands/negotiate.ts"),
  parse: () => import("./commands/parse.ts"),
  handover: () => import("./commands/handover.ts"),
  slack: () => import("./commands/slack.ts"),
  experiment: () => import("./commands/experiment.ts"),
  analyze: () => import("./commands/analyze.ts"),
  survey: () => import("./commands/survey.ts"),
  interview: () => import("./commands/interview.ts"),
  serve: () => import("./commands/serve.ts"),
  invite: () => import("./commands/invite.ts"),
  token: () => import("./commands/token.ts"),
  mcp: () => import("./commands/mcp.ts"),
  redteam: () => import("./commands/redteam.ts"),
  worker: () => import("./commands/worker.ts"),
  queue: () => import("./commands/worker.ts"),
};

/**
 * Builds the `haggle` command. Only the module of the subcommand being run is loaded (some pull in
 * large libraries: the AI SDK, vega), so `haggle demo` starts fast; help and unknown commands load all.
 */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command("haggle")
    .description(
      "Haggle: AI agents buy, sell and haggle over second-hand items; run markets and experiments.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  const requested = argv[2];
  const loaders =
    requested !== undefined && Object.hasOwn(COMMANDS, requested)
      ? [COMMANDS[requested]!]
      : [...new Set(Object.values(COMMANDS))];
  const modules = await Promise.all(loaders.map((load) => load()));
  for (const module of new Set(modules)) module.register(program);
  return program;
}
