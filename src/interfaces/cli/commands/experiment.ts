import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { createAgent } from "../../../agents/registry.ts";
import type { MarketSummary } from "../../../analysis/market-summary.ts";
import { formatMoney } from "../../../domain/money.ts";
import { type ExperimentRecord, runArm, runExperiment } from "../../../runner/experiment.ts";
import { loadExperimentConfig } from "../../../runner/experiment-config.ts";
import { defaultRunDir } from "../../../runner/run-folder.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";

async function armSummaries(dir: string, record: ExperimentRecord) {
  return Promise.all(
    record.arms.map(async (arm) => {
      const summary = JSON.parse(await readFile(join(dir, arm.dir, "summary.json"), "utf8")) as MarketSummary;
      return { id: arm.id, arm: arm.arm, repetition: arm.repetition, dir: arm.dir, summary };
    }),
  );
}

function armTable(rows: Awaited<ReturnType<typeof armSummaries>>): string {
  const header = ["arm", "listings", "deals", "volume", "median price", "deals/person"];
  const lines = rows.map((row) => [
    row.id,
    String(row.summary.listings),
    String(row.summary.deals),
    formatMoney(row.summary.volume, "USD"),
    formatMoney(row.summary.medianPrice, "USD"),
    row.summary.dealsPerPerson.toFixed(2),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  return [header, ...lines]
    .map((cells) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "),
    )
    .join("\n");
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
    .option("--db <url>", "a PostgreSQL URL for every arm's event log (default: PGlite in each arm's folder)")
    .option("--json", "machine-readable output")
    .action(
      async (configPath: string, options: { out?: string; jobs?: string; db?: string; json?: boolean }) => {
        const config = await loadExperimentConfig(configPath);
        const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
        if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
          throw new UsageError(`--jobs must be a positive integer, got "${options.jobs}"`);
        }
        const dir = resolve(options.out ?? defaultRunDir("runs", config.name));
        const db = options.db ?? process.env.HAGGLE_DB;
        const live = !options.json && Boolean(process.stderr.isTTY);
        const started = performance.now();
        const record = await runExperiment(config, {
          out: dir,
          configDir: dirname(resolve(configPath)),
          ...(jobs !== undefined ? { jobs } : {}),
          ...(db ? { db } : {}),
          onProgress: (progress) => {
            if (live) {
              process.stderr.write(
                `\r\x1b[2Karms ${progress.done}/${progress.total} done${progress.running.length ? `, running ${progress.running.join(", ")}` : ""}`,
              );
            }
          },
        });
        if (live) process.stderr.write("\r\x1b[2K");
        const arms = await armSummaries(dir, record);
        const seconds = (performance.now() - started) / 1000;
        emit(Boolean(options.json), { dir, name: record.name, arms, seconds }, () =>
          [
            `Experiment ${record.name}: ${record.arms.length} markets of ${record.participants.length} people in ${seconds.toFixed(1)} s`,
            "",
            armTable(arms),
            "",
            `Experiment folder: ${dir}`,
          ].join("\n"),
        );
      },
    );

  // Internal: the child process that runs one arm (see runExperiment).
  experiment
    .command("arm", { hidden: true })
    .argument("<dir>", "the experiment folder")
    .argument("<arm>", "the arm id")
    .option("--db <url>", "a PostgreSQL URL")
    .action(async (dir: string, armId: string, options: { db?: string }) => {
      await runArm(resolve(dir), armId, { createAgent, ...(options.db ? { db: options.db } : {}) });
    });
}
