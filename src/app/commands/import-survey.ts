import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { mergeRecords, readAnalysisInput } from "../../analysis/read-input.ts";
import { parseSurveyCsv, writeSurvey } from "../../analysis/survey.ts";
import { HaggleError } from "../../domain/errors.ts";

export interface SurveyImport {
  path: string;
  responses: number;
  people: number;
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
  const input = await readAnalysisInput(folder);
  const deals = mergeRecords(input.arms).deals;
  const responses = parseSurveyCsv(await readFile(csv, "utf8"), basename(csv), deals);
  const path = await writeSurvey(folder, {
    version: 1,
    source: basename(csv),
    importedAt: new Date().toISOString(),
    responses,
  });
  const people = new Set(responses.map((r) => `${r.arm}|${r.participant}`)).size;
  return { path, responses: responses.length, people };
}
