import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { mergeRecords, readAnalysisInput } from "../../../analysis/read-input.ts";
import { parseSurveyCsv, SURVEY_COLUMNS, writeSurvey } from "../../../analysis/survey.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";

export function register(program: Command): void {
  const survey = program
    .command("survey")
    .description("People's ratings of their deals, for the perception-gap analysis");
  survey
    .command("import")
    .description(
      `Import survey answers from a CSV (columns ${SURVEY_COLUMNS.join(", ")}; fairness and satisfaction 1-7, would_pay yes/no) into an experiment or run folder as survey.json`,
    )
    .argument("<csv>", "the survey answers")
    .requiredOption("--into <folder>", "the experiment or run folder the deals belong to")
    .option("--json", "machine-readable output")
    .action(async (csv: string, options: { into: string; json?: boolean }) => {
      if (!existsSync(csv)) throw new UsageError(`${csv} does not exist: give the survey CSV file`);
      const folder = resolve(options.into);
      if (!existsSync(folder) || !statSync(folder).isDirectory())
        throw new UsageError(`--into ${options.into} is not a folder: give the experiment or run folder`);
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
      emit(Boolean(options.json), { path, responses: responses.length, people }, () =>
        [
          `Imported ${responses.length} ratings from ${people} people into ${path}.`,
          `Run haggle analyze ${options.into} to see rated fairness against measured surplus shares.`,
        ].join("\n"),
      );
    });
}
