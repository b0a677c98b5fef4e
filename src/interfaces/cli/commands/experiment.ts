import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { createAgent } from "../../../agents/registry.ts";
import type { MarketSummary } from "../../../analysis/market-summary.ts";
import {
  DEFAULT_JOB_EXPIRY_SECONDS,
  DEFAULT_QUEUE,
  DEFAULT_RETRIES,
  runDistributedExperiment,
} from "../../../app/distributed.ts";
import { type ExperimentRecord, runArm, runExperiment, stopWithParent } from "../../../app/experiment.ts";
import { formatMoney } from "../../../domain/money.ts";
import { type ExperimentConfig, loadExperimentConfig } from "../../../runner/experiment-config.ts";
import { MAX_MARKET_PARTICIPANTS, TOO_MANY_PARTICIPANTS } from "../../../runner/run-config.ts";
import { defaultRunDir, releaseRunDir } from "../../../runner/run-folder.ts";
import { isPostgresUrl, maskUrl } from "../../../store/database-url.ts";
import { analyzeFolder } from "../../report/analyze-folder.ts";
import { terminalSummary } from "../../report/terminal-summary.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";
import { runTranscriptLoader } from "../transcript-loader.ts";

async function armSummaries(dir: string, record: ExperimentRecord) {
  return Promise.all(
    record.arms.map(async (arm) => {
      const summary = JSON.parse(await readFile(join(dir, arm.dir, "summary.json"), "utf8")) as MarketSummary;
      return { id: arm.id, arm: arm.arm, repetition: arm.repetition, dir: arm.dir, summary };
    }),
  );
}

export function armTable(rows: Awaited<ReturnType<typeof armSummaries>>): string {
  const header = ["arm", "listings", "deals", "volume", "median price", "deals/person"];
  const lines = rows.map((row) => [
    row.id,
    String(row.summary.listings),
    String(row.summary.deals),
    // Always with cents, so a column never holds "$20" beside "$16.50".
    formatMoney(Math.round(row.summary.volume), "USD", { alwaysCents: true }),
    formatMoney(Math.round(row.summary.medianPrice), "USD", { alwaysCents: true }),
    row.summary.dealsPerPerson.toFixed(2),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  return [header, ...lines]
    .map((cells) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "),
    )
    .join("\n");
}

interface ExperimentRunOptions {
  out?: string;
  jobs?: string;
  participants?: string;
  db?: string;
  json?: boolean;
  distributed?: boolean;
  queue?: string;
  jobExpiry?: string;
  retries?: string;
}

function positiveInteger(name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be an integer of at least ${min}, got "${value}"`);
  return n;
}

/** `--participants N`: the same experiment with a generated population of another size. */
function overridePopulationSize(config: ExperimentConfig, value: string | undefined): void {
  if (value === undefined) return;
  const participants = Number(value);
  if (!Number.isInteger(participants) || participants < 2) {
    throw new UsageError(`--participants must be an integer of at least 2, got "${value}"`);
  }
  if (participants > MAX_MARKET_PARTICIPANTS)
    throw new UsageError(`--participants ${value} is too many: ${TOO_MANY_PARTICIPANTS}`);
  if (!("generate" in config.population)) {
    throw new UsageError("--participants only applies to a generated population; this config lists files");
  }
  config.population.generate.participants = participants;
}

export function register(program: Command): void {
  const experiment = program
    .command("experiment")
    .description("Run the same people through several markets that differ in which agents represent whom");

  experiment
    .command("run")
    .description("Run every arm of an experiment config, in parallel, then analyse it")
    .argument("<config>", "the experiment config (YAML), e.g. experiments/project-deal.yaml")
    .option("--out <dir>", "the experiment folder (default: runs/<name>-<time>); an existing one is resumed")
    .option("--jobs <n>", "arms to run at once (default: the machine's cores)")
    .option("--participants <n>", "override the generated population's size, e.g. for a quick try")
    .option("--db <url>", "a PostgreSQL URL for every arm's event log (default: PGlite in each arm's folder)")
    .option(
      "--distributed",
      "queue the arms for workers (haggle worker) instead of running them here; needs --db",
    )
    .option("--queue <name>", "with --distributed: the queue the workers take arms from", DEFAULT_QUEUE)
    .option(
      "--job-expiry <seconds>",
      `with --distributed: an arm whose worker stops renewing it goes to another worker after this long (default ${DEFAULT_JOB_EXPIRY_SECONDS})`,
    )
    .option(
      "--retries <n>",
      `with --distributed: further attempts of an arm after a failure or a dead worker (default ${DEFAULT_RETRIES})`,
    )
    .option("--json", "machine-readable output")
    .action(async (configPath: string, options: ExperimentRunOptions) => {
      const config = await loadExperimentConfig(configPath);
      overridePopulationSize(config, options.participants);
      const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
      if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
        throw new UsageError(`--jobs must be a positive integer, got "${options.jobs}"`);
      }
      // A folder claimed here is given back if the experiment is refused before writing in it.
      const claimed = options.out === undefined ? defaultRunDir("runs", config.name) : undefined;
      const dir = resolve(options.out ?? claimed!);
      const db = options.db ?? process.env.HAGGLE_DB;
      const live = !options.json && Boolean(process.stderr.isTTY);
      const started = performance.now();
      const configDir = dirname(resolve(configPath));
      if (options.distributed && !(db && isPostgresUrl(db))) {
        throw new UsageError("--distributed needs --db postgres://... (or HAGGLE_DB): the workers' database");
      }
      const expireSeconds = positiveInteger("--job-expiry", options.jobExpiry, 5);
      const retries = positiveInteger("--retries", options.retries, 0);
      let lastLine = "";
      let told = false;
      const run = options.distributed
        ? runDistributedExperiment(config, {
            out: dir,
            configDir,
            db: db!,
            ...(options.queue ? { queue: options.queue } : {}),
            ...(expireSeconds !== undefined ? { expireSeconds } : {}),
            ...(retries !== undefined ? { retries } : {}),
            onProgress: (progress) => {
              if (!told && !options.json) {
                process.stderr.write(
                  `${live ? "\r\x1b[2K" : ""}Experiment ${config.name} is recorded in PostgreSQL as ${progress.schema}: haggle analyze ${progress.schema} --db ${maskUrl(db!)} reads it from any machine\n`,
                );
                told = true;
              }
              const running = progress.running.length ? `, running ${progress.running.join(", ")}` : "";
              const line = `arms ${progress.done}/${progress.total} done, ${progress.queued} waiting for a worker${running}${progress.retries ? `, ${progress.retries} retried` : ""}${progress.failed ? `, ${progress.failed} failed` : ""}`;
              if (live) process.stderr.write(`\r\x1b[2K${line}`);
              else if (!options.json && line !== lastLine) process.stderr.write(`${line}\n`);
              lastLine = line;
            },
          })
        : runExperiment(config, {
            out: dir,
            configDir,
            ...(jobs !== undefined ? { jobs } : {}),
            ...(db ? { db } : {}),
            onProgress: (progress) => {
              if (live) {
                const running = progress.running.length ? `, running ${progress.running.join(", ")}` : "";
                process.stderr.write(`\r\x1b[2Karms ${progress.done}/${progress.total} done${running}`);
              }
            },
          });
      const record = await run.catch((error: unknown) => {
        if (claimed) releaseRunDir(claimed);
        throw error;
      });
      const arms = await armSummaries(dir, record);
      const runSeconds = (performance.now() - started) / 1000;
      if (live) process.stderr.write("\r\x1b[2Kanalysing...");
      const analysis = await analyzeFolder(dir, {
        seed: record.seed,
        loadTranscript: runTranscriptLoader(db),
      });
      if (live) process.stderr.write("\r\x1b[2K");
      const seconds = (performance.now() - started) / 1000;
      emit(
        Boolean(options.json),
        {
          dir,
          name: record.name,
          ...(record.distributed ? { schema: record.distributed.schema } : {}),
          arms,
          seconds,
          runSeconds,
          report: analysis.report,
          results: analysis.resultsFile,
          findings: analysis.findings,
        },
        () =>
          [
            `Experiment ${record.name}: ${record.arms.length} markets of ${record.participants.length} people, run in ${runSeconds.toFixed(1)} s, analysed in ${(seconds - runSeconds).toFixed(1)} s`,
            "",
            armTable(arms),
            "",
            terminalSummary(analysis.results, analysis.findings, analysis.outDir),
          ].join("\n"),
      );
    });

  // Internal: the child process that runs one arm (see runExperiment).
  experiment
    .command("arm", { hidden: true })
    .argument("<dir>", "the experiment folder")
    .argument("<arm>", "the arm id")
    .option("--db <url>", "a PostgreSQL URL")
    .action(async (dir: string, armId: string, options: { db?: string }) => {
      // The experiment is gone (killed, even by SIGKILL): stop, as the next run resumes this arm.
      stopWithParent(() => {
        process.stderr.write(
          `haggle: the experiment that started arm ${armId} has stopped; stopping it too\n`,
        );
        process.exit(1);
      });
      await runArm(resolve(dir), armId, { createAgent, ...(options.db ? { db: options.db } : {}) });
    });
}
