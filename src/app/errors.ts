import { HaggleError } from "../domain/errors.ts";

/**
 * What kind of failure an application-layer call met, so each interface can answer in its own terms
 * (the CLI's exit code 2, HTTP's 404/403/400, an MCP tool error) without matching on messages.
 */
export type AppErrorKind = "not-found" | "forbidden" | "bad-input";

/**
 * A typed failure of a command or query in `src/app`: a stable `code` ("thread/not-found") and its
 * `kind`. The message is written for the person who asked and never holds anyone's secrets.
 */
export class AppError extends HaggleError {
  override name = "AppError";
  declare readonly kind: AppErrorKind;

  constructor(kind: AppErrorKind, code: string, message: string) {
    super(message, { kind, code });
  }
}

export function notFound(code: string, message: string): AppError {
  return new AppError("not-found", code, message);
}

export function forbidden(code: string, message: string): AppError {
  return new AppError("forbidden", code, message);
}

export function badInput(code: string, message: string): AppError {
  return new AppError("bad-input", code, message);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
