import { ValidationError } from "../domain/validation.ts";

/**
 * An input to the analysis (an experiment folder, a run folder, a deals file, a survey) that cannot be
 * used. A ValidationError, so the CLI maps it to exit code 2; each issue names the file, the line or
 * field and what to do about it.
 */
export class AnalysisInputError extends ValidationError {
  override name = "AnalysisInputError";
  override readonly code = "analysis/invalid-input";
}

/** Throws an AnalysisInputError listing `issues` (at most the first 20 in the message). */
export function failInput(source: string, issues: { path: string; message: string }[]): never {
  const shown = issues.slice(0, 20).map((issue) => `  ${source}: ${issue.path}: ${issue.message}`);
  if (issues.length > 20) shown.push(`  ... and ${issues.length - 20} more`);
  throw new AnalysisInputError(`invalid input in ${source}:\n${shown.join("\n")}`, issues);
}
