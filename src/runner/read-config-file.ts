import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { ValidationError } from "../domain/validation.ts";

/** Reads a YAML (or JSON) file into plain data, or throws a ValidationError that names the file. */
export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new ValidationError(`cannot read config file ${path}: check the path`, [
      { path, message: "not readable" },
    ]);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ValidationError(`${path} is not valid YAML: ${(error as Error).message}`, [
      { path, message: "bad YAML" },
    ]);
  }
}
