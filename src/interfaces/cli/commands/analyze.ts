import { existsSync } from "node:fs";
import type { Command } from "commander";
import { armRecords } from "../../../analysis/deal-record.ts";
import type { MatchRule } from "../../../analysis/efficiency.ts";
import {
  EXPERIMENT_SCHEMA,
  type FetchedExperiment,
  fetchStoredExperiment,
} from "../../../app/distributed.ts";
import { isPostgresUrl, maskUrl } from "../../../store/database-url.ts";
import { analyzeFolder } from "../../report/analyze-folder.ts";
import { terminalSummary } from "../../report/terminal-summary.ts";
import { UsageError } from "../errors.ts";
import { openRun } from "../open-run.ts";
import { emit } from "../output.ts";
import { runTranscriptLoader } from "../transcript-loader.ts";

const RULES: readonly MatchRule[] = ["serves-want", "category-or-keywords"];

function count(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}

/**
 * A distributed experiment named by its schema or name, written into a folder from the database
 * alone; undefined when `input` is a path here (or names nothing in a database).
 */
async function fetchedInput(input: string, db: string | undefined, out: string | undefined) {
  if (existsSync(input)) return undefined;
  const named = EXPERIMENT_SCHEMA.test(input);
  if (!db || !isPostgresUrl(db)) {
    if (!named) return undefined;
    throw new UsageError(
      `${input} is a distributed experiment's schema: say which database holds it with --db postgres://... (or HAGGLE_DB)`,
    );
  }
  return fetchStoredExperiment(db, input, out);
}

function fetchedLine(fetched: FetchedExperiment, db: string): string {
  const { record } = fetched;
  return `Experiment ${record.name} (${fetched.schema}) read from ${maskUrl(db)} into ${fetched.dir}: ${fetched.finished} of ${record.arms.length} arms finished`;
}

export function register(program: Command): void {
  program
    .command("analyze")
    .description(
      "Analyse an experiment folder, a run folder or a deals file (.csv/.jsonl): tier effects, prices, efficiency, fairness; writes report.html, results.json and tables/",
    )
    .argument(
      "<input>",
      "an experiment folder, a run folder, a deals file (.csv in dollars, .jsonl in cents), or with --db a distributed experiment's schema (hx_...) or name",
    )
    .option(
      "--out <dir>",
      "where to write the report (default: the folder analysed; required for a file; for an experiment read from --db, its folder, default runs/<name>-<schema>)",
    )
    .option("--seed <n>", "seed of the bootstrap and permutations (default: the experiment's seed)")
    .option("--bootstrap <n>", "bootstrap resamples for the intervals", "1000")
    .option("--permutations <n>", "permutations for the p-values", "1000")
    .option(
      "--match-rule <rule>",
      `how wants match listings for the best possible surplus: ${RULES.join(" or ")}`,
      "serves-want",
    )
    .option(
      "--reference <tier>",
      "the tier the others are compared with, e.g. engine:weak (default: the experiment config's reference:, else the tier absent from the one-tier arms, else the one named weak)",
    )
    .option(
      "--db <url>",
      "the PostgreSQL URL of runs without records.json, or of the distributed experiment named (default: HAGGLE_DB)",
    )
    .option(
      "--dedupe",
      "drop deals that repeat an earlier row exactly (counted in the report) instead of refusing the input",
    )
    .option("--json", "print every result as JSON instead of the summary")
    .action(
      async (
        input: string,
        options: {
          out?: string;
          seed?: string;
          bootstrap: string;
          permutations: string;
          matchRule: string;
          reference?: string;
          db?: string;
          dedupe?: boolean;
          json?: boolean;
        },
      ) => {
        if (!RULES.includes(options.matchRule as MatchRule))
          throw new UsageError(`--match-rule must be ${RULES.join(" or ")}, got "${options.matchRule}"`);
        const seed = count(options.seed, "--seed", 0);
        const db = options.db ?? process.env.HAGGLE_DB;
        const fetched = await fetchedInput(input, db, options.out);
        const outcome = await analyzeFolder(fetched?.dir ?? input, {
          ...(options.out && !fetched ? { out: options.out } : {}),
          ...(seed !== undefined ? { seed } : {}),
          bootstrap: count(options.bootstrap, "--bootstrap", 0)!,
          permutations: count(options.permutations, "--permutations", 0)!,
          matchRule: options.matchRule as MatchRule,
          ...(options.dedupe ? { dedupe: true } : {}),
          ...(options.reference ? { reference: options.reference } : {}),
          loadTranscript: runTranscriptLoader(db),
          loadRecords: async (dir, arm) => {
            const { record, state } = await openRun(dir, db);
            return armRecords(state, record.arm ?? arm, record.assignment);
          },
        });
        emit(
          Boolean(options.json),
          {
            files: {
              outDir: outcome.outDir,
              report: outcome.report,
              results: outcome.resultsFile,
              tables: outcome.tables,
            },
            ...(fetched
              ? {
                  fetched: {
                    schema: fetched.schema,
                    dir: fetched.dir,
                    arms: fetched.record.arms.length,
                    finished: fetched.finished,
                  },
                }
              : {}),
            ...outcome.results,
            findings: outcome.findings,
          },
          () =>
            [
              ...(fetched ? [fetchedLine(fetched, db!), ""] : []),
              terminalSummary(outcome.results, outcome.findings, outcome.outDir),
            ].join("\n"),
        );
      },
    );
}
