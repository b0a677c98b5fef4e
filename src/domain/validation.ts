import type { z } from "zod";
import { errorBase } from "./errors.ts";

/** Input from outside failed validation. `issues` name each field and what to do about it. */
export class ValidationError extends errorBase("bad-input", "input/invalid") {
  override name = "ValidationError";
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Renders a zod path as `items[0].reserve`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

/**
 * Parses `input` with `schema`, or throws a ValidationError whose message lists every bad field.
 * `source` names where the input came from (a file, a flag) so the message says where to look.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, source: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}: check the spelling`;
    }
    return { path: formatPath(issue.path), message };
  });
  const lines = issues.map((issue) => `  ${source}: ${issue.path}: ${issue.message}`);
  throw new ValidationError(`invalid input in ${source}:\n${lines.join("\n")}`, issues);
}
