import type { Context } from "hono";
import type { z } from "zod";
import { ApiRequestError } from "./http-error.ts";

/**
 * The request's JSON body checked against `schema`: a body that is not JSON, or a field that is
 * wrong, is a 400 naming the field and the fix.
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiRequestError(
      "The request body must be JSON (content-type: application/json).",
      "request/not-json",
      "body",
    );
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".") || "body";
  const message =
    issue.code === "unrecognized_keys"
      ? `unknown field(s) ${issue.keys.join(", ")}: remove them`
      : issue.message;
  throw new ApiRequestError(`${field}: ${message}`, "request/invalid", field);
}
