import type { Command } from "commander";
import { armRecords } from "../../../analysis/deal-record.ts";
import type { MatchRule } from "../../../analysis/efficiency.ts";
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

export function register(program: Command): void {
  program
    .command("analyze")
    .description(
      "Analyse an experiment folder, a run folder or a deals file (.csv/.jsonl): tier effects, prices, efficiency, fairness; writes report.html, results.json and tables/",
    )
    .argument(
      "<input>",
      "an experiment folder, a run folder, or a deals file (.csv in dollars, .jsonl in cents)",
    )
    .option("--out <dir>", "where to write the report (default: the folder analysed; required for a file)")
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
    .option("--db <url>", "the PostgreSQL URL of runs without records.json, if any")
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
        const outcome = await analyzeFolder(input, {
          ...(options.out ? { out: options.out } : {}),
          ...(seed !== undefined ? { seed } : {}),
          bootstrap: count(options.bootstrap, "--bootstrap", 0)!,
          permutations: count(options.permutations, "--permutations", 0)!,
          matchRule: options.matchRule as MatchRule,
          ...(options.dedupe ? { dedupe: true } : {}),
          ...(options.reference ? { reference: options.reference } : {}),
          loadTranscript: runTranscriptLoader(options.db),
          loadRecords: async (dir, arm) => {
            const { record, state } = await openRun(dir, options.db);
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
            ...outcome.results,
            findings: outcome.findings,
          },
          () => terminalSummary(outcome.results, outcome.findings, outcome.outDir),
        );
      },
    );
}
