import { existsSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { mergeRecords, readAnalysisInput } from "../../analysis/read-input.ts";
import { parseSurveyCsv, writeSurvey } from "../../analysis/survey.ts";
import { HaggleError } from "../../domain/errors.ts";

export interface SurveyImport {
  path: string;
  responses: number;
  people: number;
  /** The deals file the answers were checked against, when the folder holds one rather than runs. */
  dealsFile?: string;
}

const DEALS_EXTENSIONS = new Set([".csv", ".jsonl", ".ndjson"]);

/**
 * What `haggle analyze` reads in `folder`: the folder itself when it is an experiment or a run, else
 * the one deals file it holds (`haggle analyze <file>` reads survey.json beside the file). The survey
 * CSV itself is not a candidate; with several deals files, one named deals.* is taken.
 */
async function analysisSource(folder: string, csv: string): Promise<string> {
  if (["experiment.json", "records.json", "run.json"].some((name) => existsSync(join(folder, name))))
    return folder;
  const survey = resolve(csv);
  const files = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && DEALS_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(folder, entry.name))
    .filter((file) => file !== survey)
    .sort();
  if (files.length === 0) return folder;
  const named = files.filter((file) => /^deals\./i.test(basename(file)));
  const pick = files.length === 1 ? files : named;
  if (pick.length !== 1) {
    throw new HaggleError(
      `--into ${folder} holds several deals files (${files.map((file) => basename(file)).join(", ")}): keep only the one the survey rates, or name it deals.csv`,
      { kind: "bad-input", code: "survey/several-deals-files" },
    );
  }
  return pick[0]!;
}

/**
 * Records people's ratings of their deals (a survey CSV) beside the experiment or run they rated,
 * checking each row names a deal of that arm and one of its two parties.
 */
export async function importSurvey(csv: string, into: string): Promise<SurveyImport> {
  if (!existsSync(csv)) {
    throw new HaggleError(`${csv} does not exist: give the survey CSV file`, {
      kind: "not-found",
      code: "survey/no-file",
    });
  }
  const folder = resolve(into);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new HaggleError(`--into ${into} is not a folder: give the experiment or run folder`, {
      kind: "bad-input",
      code: "survey/no-folder",
    });
  }
  const source = await analysisSource(folder, csv);
  const input = await readAnalysisInput(source);
  const deals = mergeRecords(input.arms).deals;
  const responses = parseSurveyCsv(await readFile(csv, "utf8"), basename(csv), deals);
  const path = await writeSurvey(folder, {
    version: 1,
    source: basename(csv),
    importedAt: new Date().toISOString(),
    responses,
  });
  const people = new Set(responses.map((r) => `${r.arm}|${r.participant}`)).size;
  return { path, responses: responses.length, people, ...(source !== folder ? { dealsFile: source } : {}) };
}
