import { parseWith, ValidationError } from "../domain/validation.ts";
import { readConfigFile } from "./read-config-file.ts";
import { type RunConfig, type RunConfigInput, runConfigSchema } from "./run-config.ts";

/** Reads and validates a run config file (YAML or JSON). */
export async function loadRunConfig(path: string): Promise<RunConfig> {
  return parseRunConfig(await readConfigFile(path), path);
}

export function parseRunConfig(input: RunConfigInput | unknown, source = "config"): RunConfig {
  if (input !== null && typeof input === "object" && "arms" in input) {
    throw new ValidationError(
      `${source} is an experiment config (it has arms): run it with haggle experiment run ${source}, or replace arms with agents for one market`,
      [{ path: "arms", message: "an experiment's field: use haggle experiment run" }],
    );
  }
  return parseWith(runConfigSchema, input, source);
}
