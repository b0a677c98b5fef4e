import { existsSync, statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { mergeRecords, readAnalysisInput } from "../../analysis/read-input.ts";
import { parseSurvey, readSurvey, type SurveyResponse, writeSurvey } from "../../analysis/survey.ts";
import { HaggleError } from "../../domain/errors.ts";

export interface SurveyImport {
  path: string;
  /** Rows of this file that answer at least one question. */
  responses: number;
  /** Distinct people (participant ids) who answered in this file. */
  people: number;
  /** Ratings of a deal nobody had rated before. */
  added: number;
  /** Earlier ratings this file changed (with `replace`) or completed (answered a question left blank). */
  changed: number;
  /** Earlier ratings left as they were (not in this file, or the same answers again). */
  kept: number;
  /** Lines of rows that answered no question at all (skipped). */
  unanswered: number[];
  /** What survey.json holds now. */
  total: { responses: number; people: number };
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

export interface ImportSurveyOptions {
  /** Let this file's answers replace different earlier answers to the same question. */
  replace?: boolean;
}

const ANSWERS = ["fairness", "satisfaction", "wouldPay"] as const;
const keyOf = (r: SurveyResponse) => `${r.arm}|${r.dealId}|${r.participant}`;
const shown = (value: number | boolean) => (value === true ? "yes" : value === false ? "no" : String(value));
const peopleIn = (responses: readonly SurveyResponse[]) => new Set(responses.map((r) => r.participant)).size;

/**
 * Records people's ratings of their deals (a survey CSV) beside the experiment or run they rated,
 * checking each row names a deal of that arm and one of its two parties. Answers already imported are
 * merged by (arm, deal, participant): a blank never erases an answer, a new answer fills a blank, and
 * an answer that differs from an earlier one is refused unless `replace` is set.
 */
export async function importSurvey(
  csv: string,
  into: string,
  options: ImportSurveyOptions = {},
): Promise<SurveyImport> {
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
  const { responses, unanswered } = parseSurvey(await readFile(csv, "utf8"), basename(csv), deals);
  const earlier = await readSurvey(folder);

  const merged = new Map<string, SurveyResponse>();
  for (const response of earlier?.responses ?? []) merged.set(keyOf(response), response);
  const conflicts: string[] = [];
  let added = 0;
  let changed = 0;
  for (const response of responses) {
    const key = keyOf(response);
    const before = merged.get(key);
    if (!before) {
      merged.set(key, response);
      added++;
      continue;
    }
    const after: SurveyResponse = { ...before };
    for (const answer of ANSWERS) {
      const now = response[answer];
      if (now === undefined) continue;
      const was = before[answer];
      if (was !== undefined && was !== now && !options.replace) {
        conflicts.push(
          `${response.participant} on deal ${response.dealId} in arm ${response.arm}: ${answer} was ${shown(was)}, this file says ${shown(now)}`,
        );
      }
      (after as Record<string, unknown>)[answer] = now;
    }
    if (ANSWERS.some((answer) => after[answer] !== before[answer])) {
      merged.set(key, after);
      changed++;
    }
  }
  if (conflicts.length > 0) {
    const list = conflicts.slice(0, 10).map((line) => `  ${line}`);
    if (conflicts.length > 10) list.push(`  ... and ${conflicts.length - 10} more`);
    throw new HaggleError(
      `${basename(csv)} answers ${conflicts.length === 1 ? "1 question" : `${conflicts.length} questions`} differently from the survey already imported into ${folder}:\n${list.join("\n")}\nNothing was imported. Pass --replace to take this file's answers, or correct the file.`,
      { kind: "conflict", code: "survey/conflict" },
    );
  }

  const all = [...merged.values()];
  const path = await writeSurvey(folder, {
    version: 1,
    source: basename(csv),
    sources: [...(earlier?.sources ?? (earlier ? [earlier.source] : [])), basename(csv)],
    importedAt: new Date().toISOString(),
    responses: all,
  });
  return {
    path,
    responses: responses.length,
    people: peopleIn(responses),
    added,
    changed,
    kept: (earlier?.responses.length ?? 0) - changed,
    unanswered,
    total: { responses: all.length, people: peopleIn(all) },
    ...(source !== folder ? { dealsFile: source } : {}),
  };
}
