import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HaggleError, httpStatusOf } from "../../domain/errors.ts";
import type { ApiError } from "./api-types.ts";

/** A request the HTTP layer refuses itself (a body that is not JSON, a missing field). */
export class ApiRequestError extends HaggleError {
  override name = "ApiRequestError";
  constructor(
    message: string,
    code: string,
    readonly field?: string,
    kind: "bad-input" | "forbidden" | "not-found" | "conflict" = "bad-input",
    /** A status the kind does not say: 401 (sign in first), 429 (slow down). */
    readonly status?: 401 | 429,
  ) {
    super(message, { kind, code });
  }
}

/** Field problems of a validation error, by path, so a form shows each beside its field. */
function fieldsOf(error: unknown): Record<string, string> | undefined {
  const issues = (error as { issues?: { path: string; message: string }[] }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
}

/**
 * Every failure as `{ error: { code, message, field? } }` with the status its kind maps to. A bug
 * answers 500 with a generic message: its details (which may hold anything) go to the server's log.
 */
export function errorResponse(c: Context, error: unknown, log: (line: string) => void = console.error) {
  if (!HaggleError.isInstance(error)) {
    log(`internal error on ${c.req.method} ${c.req.path}: ${(error as Error)?.stack ?? String(error)}`);
    const body: ApiError = {
      error: { code: "internal", message: "Something went wrong on the server; it is logged." },
    };
    return c.json(body, 500);
  }
  const fields = fieldsOf(error);
  const field = error instanceof ApiRequestError ? error.field : fields ? Object.keys(fields)[0] : undefined;
  const body: ApiError = {
    error: {
      code: error.code,
      message: error.message,
      ...(field ? { field } : {}),
      ...(fields ? { fields } : {}),
    },
  };
  const status = error instanceof ApiRequestError && error.status ? error.status : httpStatusOf(error);
  return c.json(body, status as ContentfulStatusCode);
}
