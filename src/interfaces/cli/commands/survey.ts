import type { Command } from "commander";
import { SURVEY_COLUMNS } from "../../../analysis/survey.ts";
import { importSurvey } from "../../../app/commands/import-survey.ts";
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
    .requiredOption(
      "--into <folder>",
      "the experiment or run folder the deals belong to, or a folder holding the deals file (.csv/.jsonl)",
    )
    .option("--json", "machine-readable output")
    .action(async (csv: string, options: { into: string; json?: boolean }) => {
      const imported = await importSurvey(csv, options.into);
      emit(Boolean(options.json), imported, () =>
        [
          `Imported ${imported.responses} ratings from ${imported.people} people into ${imported.path}.`,
          `Run haggle analyze ${imported.dealsFile ? `${imported.dealsFile} --out <dir>` : options.into} to see rated fairness against measured surplus shares.`,
        ].join("\n"),
      );
    });
}
