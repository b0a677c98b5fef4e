import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { parseWith, ValidationError } from "../domain/validation.ts";
import { type RunConfig, type RunConfigInput, runConfigSchema } from "./run-config.ts";

/** Reads and validates a run config file (YAML or JSON). */
export async function loadRunConfig(path: string): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new ValidationError(`cannot read config file ${path}: check the path`, [
      { path, message: "not readable" },
    ]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ValidationError(`${path} is not valid YAML: ${(error as Error).message}`, [
      { path, message: "bad YAML" },
    ]);
  }
  return parseRunConfig(data, path);
}

export function parseRunConfig(input: RunConfigInput | unknown, source = "config"): RunConfig {
  return parseWith(runConfigSchema, input, source);
}
