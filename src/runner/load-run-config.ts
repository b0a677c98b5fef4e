import { parseWith } from "../domain/validation.ts";
import { readConfigFile } from "./read-config-file.ts";
import { type RunConfig, type RunConfigInput, runConfigSchema } from "./run-config.ts";

/** Reads and validates a run config file (YAML or JSON). */
export async function loadRunConfig(path: string): Promise<RunConfig> {
  return parseRunConfig(await readConfigFile(path), path);
}

export function parseRunConfig(input: RunConfigInput | unknown, source = "config"): RunConfig {
  return parseWith(runConfigSchema, input, source);
}
