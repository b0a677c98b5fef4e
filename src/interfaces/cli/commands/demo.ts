import { resolve } from "node:path";
import type { Command } from "commander";
import { createAgent } from "../../../agents/registry.ts";
import { startRun } from "../../../app/run-market.ts";
import { parseRunConfig } from "../../../runner/load-run-config.ts";
import { MAX_MARKET_PARTICIPANTS, TOO_MANY_PARTICIPANTS } from "../../../runner/run-config.ts";
import { defaultRunDir, releaseRunDir } from "../../../runner/run-folder.ts";
import { UsageError } from "../errors.ts";
import { emitOutcome } from "../format-summary.ts";
import { estimateMarketEvents, progressBar } from "../progress-bar.ts";
import { serveRun } from "../serve-run.ts";

export function register(program: Command): void {
  program
    .command("demo")
    .description(
      "Run a Project-Deal-shaped market: 69 people, 500+ listings, one simulated week, built-in agents",
    )
    .option("--seed <n>", "seed for people, items and agents", "42")
    .option("--participants <n>", "number of people", "69")
    .option("--out <dir>", "the run folder to create (default: runs/demo-<time>)")
    .option("--db <url>", "a PostgreSQL URL for the event log (default: embedded PGlite in the run folder)")
    .option("--json", "machine-readable output")
    .action(
      async (options: { seed: string; participants: string; out?: string; db?: string; json?: boolean }) => {
        const seed = Number(options.seed);
        const participants = Number(options.participants);
        if (!Number.isInteger(seed) || seed < 0)
          throw new UsageError(`--seed must be a non-negative integer, got "${options.seed}"`);
        if (!Number.isInteger(participants) || participants < 2) {
          throw new UsageError(
            `--participants must be an integer of at least 2, got "${options.participants}"`,
          );
        }
        if (participants > MAX_MARKET_PARTICIPANTS)
          throw new UsageError(
            `--participants ${options.participants} is too many: ${TOO_MANY_PARTICIPANTS}`,
          );
        const config = parseRunConfig(
          {
            name: "demo",
            seed,
            days: 7,
            population: { generate: { participants } },
            agents: { random: { "engine:strong": 0.5, "engine:weak": 0.5 } },
          },
          "demo",
        );
        // A folder claimed here is given back if the run is refused before writing in it.
        const claimed = options.out === undefined ? defaultRunDir("runs", "demo") : undefined;
        const dir = resolve(options.out ?? claimed!);
        const bar = progressBar("demo", {
          json: Boolean(options.json),
          estimatedEvents: estimateMarketEvents(participants),
        });
        const served = serveRun(dir, bar);
        const outcome = await startRun(config, {
          dir,
          ...served.hooks,
          createAgent,
          onProgress: bar.update,
          ...((options.db ?? process.env.HAGGLE_DB) ? { db: options.db ?? process.env.HAGGLE_DB } : {}),
        })
          .finally(served.done)
          .catch((error: unknown) => {
            if (claimed) releaseRunDir(claimed);
            throw error;
          });
        emitOutcome(Boolean(options.json), outcome);
      },
    );
}
