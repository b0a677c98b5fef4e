import { basename, dirname, join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { createAgent } from "../../../agents/registry.ts";
import { type RunProgress, resumeRun, startRun } from "../../../app/run-market.ts";
import { loadRunConfig } from "../../../runner/load-run-config.ts";
import type { MarketHost } from "../../../runner/market-host.ts";
import type { RunConfig } from "../../../runner/run-config.ts";
import { defaultRunDir, readRunRecord, releaseRunDir } from "../../../runner/run-folder.ts";
import { emitOutcome } from "../format-summary.ts";
import { estimateMarketEvents, progressBar } from "../progress-bar.ts";
import { serveRun } from "../serve-run.ts";
import { slackForRun } from "../slack-run.ts";
import {
  addTurnWorkerOptions,
  oneTurnAtATimeNote,
  type TurnWorkerFlags,
  turnWorkersFrom,
} from "../turn-workers-options.ts";

/** For tools that drive a run: progress as one JSON object a line on stderr. */
function progressLinesOption(): Option {
  return new Option("--progress-lines", "print progress as JSON lines on stderr").hideHelp();
}

function progressLine(progress: RunProgress): void {
  process.stderr.write(`${JSON.stringify(progress)}\n`);
}

/**
 * Progress by work done where the estimate was measured: a week's virtual-clock market of generated
 * people with the default items and wants, and built-in agents only. Elsewhere (model or module agents,
 * people from files, other lengths, a wall clock) the market's clock is the honest measure.
 */
function estimateFor(config: RunConfig): { estimatedEvents?: number } {
  const population = config.population;
  if (config.clock !== "virtual" || config.days !== 7 || !("generate" in population)) return {};
  const { participants, itemsPerPerson, wantsPerPerson } = population.generate;
  const defaults =
    JSON.stringify([itemsPerPerson, wantsPerPerson]) ===
    JSON.stringify([
      [7, 9],
      [3, 5],
    ]);
  const builtIn = !/"(llm|module):/.test(JSON.stringify(config.agents));
  return defaults && builtIn ? { estimatedEvents: estimateMarketEvents(participants) } : {};
}

/** The run's hooks, with the Slack mirror started on its host too when there is one. */
function withSlack<H extends { onHost: (host: MarketHost) => void }>(
  hooks: H,
  slack: ReturnType<typeof slackForRun>,
): H {
  if (!slack) return hooks;
  return {
    ...hooks,
    onHost: (host: MarketHost) => {
      hooks.onHost(host);
      slack.onHost(host);
    },
  };
}

export function register(program: Command): void {
  const run = program
    .command("run")
    .description("Run a market from a YAML config to the end")
    .requiredOption("--config <file>", "the market config (YAML)")
    .option("--out <dir>", "the run folder to create (default: runs/<name>-<time>)")
    .option(
      "--db <url>",
      "a PostgreSQL URL for the event log (default: embedded PGlite in the run folder; or HAGGLE_DB)",
    )
    .option("--json", "machine-readable output")
    .addOption(progressLinesOption());
  addTurnWorkerOptions(run).action(
    async (
      options: TurnWorkerFlags & {
        config: string;
        out?: string;
        db?: string;
        json?: boolean;
        progressLines?: boolean;
      },
    ) => {
      const db = options.db ?? process.env.HAGGLE_DB;
      const turnWorkers = turnWorkersFrom(options, db);
      const config = await loadRunConfig(options.config);
      const note = turnWorkers ? oneTurnAtATimeNote(config.turnWindow) : undefined;
      if (note) process.stderr.write(note);
      // A folder claimed here is given back if the run is refused before writing in it.
      const claimed = options.out === undefined ? defaultRunDir("runs", config.name) : undefined;
      const dir = resolve(options.out ?? claimed!);
      const bar = progressBar(config.name, {
        json: Boolean(options.json) || Boolean(options.progressLines),
        ...estimateFor(config),
      });
      let slack: ReturnType<typeof slackForRun>;
      try {
        slack = slackForRun(config, options.config, dir, () => basename(dir));
      } catch (error) {
        if (claimed) releaseRunDir(claimed);
        throw error;
      }
      const served = serveRun(dir, bar);
      const outcome = await startRun(config, {
        dir,
        ...withSlack(served.hooks, slack),
        configDir: dirname(resolve(options.config)),
        createAgent,
        onProgress: options.progressLines ? progressLine : bar.update,
        ...(db ? { db } : {}),
        ...(turnWorkers ? { turnWorkers } : {}),
      })
        .finally(async () => {
          await slack?.finish();
          await served.done();
        })
        .catch((error: unknown) => {
          if (claimed) releaseRunDir(claimed);
          throw error;
        });
      emitOutcome(Boolean(options.json), outcome);
    },
  );

  const resume = program
    .command("resume")
    .description("Continue a run that was stopped; it ends exactly as an uninterrupted run would")
    .argument("<run>", "the run folder")
    .option("--db <url>", "the PostgreSQL URL the run used, if any")
    .option("--json", "machine-readable output");
  // A run started with --turn-workers resumes with them (run.json says so); the flag sends the turns
  // of any run to workers from here on (the log is the same either way).
  addTurnWorkerOptions(resume).action(
    async (run: string, options: TurnWorkerFlags & { db?: string; json?: boolean }) => {
      const db = options.db ?? process.env.HAGGLE_DB;
      const turnWorkers = turnWorkersFrom(options, db);
      const dir = resolve(run);
      const bar = progressBar("resume", { json: Boolean(options.json) });
      const record = await readRunRecord(dir);
      const slack = slackForRun(record.config, join(dir, "run.json"), dir, () => record.arm ?? record.runId);
      const served = serveRun(dir, bar);
      const outcome = await resumeRun(dir, {
        ...withSlack(served.hooks, slack),
        createAgent,
        onProgress: bar.update,
        ...(db ? { db } : {}),
        ...(turnWorkers ? { turnWorkers } : {}),
      }).finally(async () => {
        await slack?.finish();
        await served.done();
      });
      emitOutcome(Boolean(options.json), outcome, { resumed: true });
    },
  );
}
