import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { type Participant, personSchema } from "../domain/mandate.ts";
import { parseWith, ValidationError } from "../domain/validation.ts";

/** Reads one participant from a YAML (or JSON) file, validating every field. Errors name the file. */
export async function loadParticipantFile(path: string): Promise<Participant> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new ValidationError(`cannot read participant file ${path}: check the path`, [
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
  return parseWith(personSchema, data, path);
}

/** Loads participant files relative to `baseDir`, refusing duplicate ids. */
export async function loadParticipants(files: readonly string[], baseDir: string): Promise<Participant[]> {
  const people = await Promise.all(files.map((file) => loadParticipantFile(resolve(baseDir, file))));
  const seen = new Map<string, string>();
  people.forEach((person, index) => {
    const other = seen.get(person.id);
    if (other) {
      throw new ValidationError(
        `${files[index]}: id "${person.id}" is also used in ${other}: give each participant a unique id`,
        [{ path: "id", message: "duplicate" }],
      );
    }
    seen.set(person.id, files[index]!);
  });
  return people;
}
