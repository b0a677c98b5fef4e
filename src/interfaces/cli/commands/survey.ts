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
    .option("--replace", "let this file's answers replace different answers imported before")
    .option("--json", "machine-readable output")
    .action(async (csv: string, options: { into: string; replace?: boolean; json?: boolean }) => {
      const imported = await importSurvey(csv, options.into, { replace: Boolean(options.replace) });
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      emit(Boolean(options.json), imported, () =>
        [
          `Read ${count(imported.responses, "rating", "ratings")} from ${count(imported.people, "person", "people")}: ${imported.added} added, ${imported.changed} changed, ${imported.kept} kept from before.`,
          ...(imported.unanswered.length > 0
            ? [
                `Skipped ${count(imported.unanswered.length, "row", "rows")} that answered nothing (line ${imported.unanswered.join(", ")}).`,
              ]
            : []),
          `${imported.path} now holds ${count(imported.total.responses, "rating", "ratings")} from ${count(imported.total.people, "person", "people")}.`,
          `Run haggle analyze ${imported.dealsFile ? `${imported.dealsFile} --out <dir>` : options.into} to see rated fairness against measured surplus shares.`,
        ].join("\n"),
      );
    });
}
