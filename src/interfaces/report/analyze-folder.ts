import { existsSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type AnalysisResults, type AnalyzeOptions, analyzeRecords } from "../../analysis/analyze.ts";
import { AnalysisInputError } from "../../analysis/errors.ts";
import { mergeRecords, type RecordsLoader, readAnalysisInput } from "../../analysis/read-input.ts";
import { readSurvey } from "../../analysis/survey.ts";
import type { ExampleTranscripts, TranscriptLoader } from "./example-transcripts.ts";
import { type Finding, findings } from "./findings.ts";
import { reportHtml } from "./html.ts";
import { renderPlots } from "./plots.ts";
import { reportTables } from "./tables.ts";

export interface AnalyzeFolderOptions extends Omit<AnalyzeOptions, "survey"> {
  /** Where to write the report; default: the experiment or run folder analysed. Required for a deals file. */
  out?: string;
  /** Rebuilds an arm's records when its run folder has no records.json. */
  loadRecords?: RecordsLoader;
  /** The time printed in the report (default: now). */
  now?: Date;
  /** Drop deals that repeat an earlier one exactly (counted in the report) instead of refusing them. */
  dedupe?: boolean;
  /** Reads the example deals' negotiations from their arms' logs; without it the report has no examples. */
  loadTranscript?: TranscriptLoader;
}

export interface AnalyzeFolderResult {
  outDir: string;
  report: string;
  resultsFile: string;
  tables: string[];
  results: AnalysisResults;
  findings: Finding[];
}

async function writeAtomic(path: string, content: string): Promise<void> {
  await writeFile(`${path}.tmp`, content);
  await rename(`${path}.tmp`, path);
}

/**
 * Analyses an experiment folder, a run folder or a deals file and writes report.html, results.json
 * and tables/*.csv into `options.out`, or into the folder analysed. Reads `survey.json` from the
 * folder (or from `out`) when there is one.
 */
export async function analyzeFolder(
  path: string,
  options: AnalyzeFolderOptions = {},
): Promise<AnalyzeFolderResult> {
  if (existsSync(path) && statSync(path).isFile() && !options.out) {
    throw new AnalysisInputError(`${path} is a file: say where to write the report with --out <dir>`, [
      { path: "--out", message: "required when the input is a deals file" },
    ]);
  }
  const input = await readAnalysisInput(path, {
    ...(options.loadRecords ? { loadRecords: options.loadRecords } : {}),
    ...(options.dedupe ? { dedupe: true } : {}),
  });
  const outDir = resolve(options.out ?? input.path);
  await mkdir(join(outDir, "tables"), { recursive: true });
  const inputFolder = statSync(input.path).isDirectory() ? input.path : dirname(input.path);
  const survey =
    (await readSurvey(inputFolder)) ?? (outDir !== inputFolder ? await readSurvey(outDir) : undefined);
  const { out: _out, loadRecords: _load, now, dedupe: _dedupe, loadTranscript, ...analysis } = options;
  const results = await analyzeRecords(input, { ...analysis, ...(survey ? { survey } : {}) });
  const list = findings(results);
  const plots = await renderPlots(results);
  const generatedAt = (now ?? new Date()).toISOString().replace("T", " ").slice(0, 16);
  const report = join(outDir, "report.html");
  const examples = await exampleTranscripts(results, input.arms, loadTranscript);
  await writeAtomic(
    report,
    reportHtml(results, list, plots, {
      generatedAt: `${generatedAt} UTC`,
      ...(examples ? { examples } : {}),
    }),
  );
  const resultsFile = join(outDir, "results.json");
  await writeAtomic(resultsFile, `${JSON.stringify({ ...results, findings: list }, null, 2)}\n`);
  const tables: string[] = [];
  for (const table of reportTables(results, mergeRecords(input.arms))) {
    const file = join(outDir, "tables", `${table.name}.csv`);
    await writeAtomic(file, table.csv);
    tables.push(file);
  }
  return { outDir, report, resultsFile, tables, results, findings: list };
}

/**
 * The example pair's two negotiations, read from their arms' run folders; undefined (and the report
 * goes without them) when there is no pair, no loader, or either cannot be read.
 */
async function exampleTranscripts(
  results: AnalysisResults,
  arms: readonly { id: string; dir?: string }[],
  load: TranscriptLoader | undefined,
): Promise<ExampleTranscripts | undefined> {
  const pair = results.examplePair;
  if (!pair || !load) return undefined;
  const read = async (deal: { arm: string; dealId: string }) => {
    const dir = arms.find((arm) => arm.id === deal.arm)?.dir;
    if (!dir) return undefined;
    return load(dir, deal.arm, deal.dealId).catch(() => undefined);
  };
  const [strong, weak] = [await read(pair.strong), await read(pair.weak)];
  return strong && weak ? { pair, strong, weak } : undefined;
}
