/**
 * The one base of Haggle's own errors. Every error a layer throws on purpose is a HaggleError with a
 * stable `code` (callers and tests branch on it, never on message text) and a `kind` that says whose
 * move it is, so each interface maps errors the same way: the CLI to an exit code (`exitCodeFor` in
 * src/interfaces/cli/errors.ts), an HTTP server to a status (`httpStatusOf` below).
 *
 * This module imports nothing, so every layer (and every bundle) can use it.
 */

/**
 * - "bad-input": the caller gave something unusable (a config field, a flag, an amount, an agent spec).
 * - "not-found": a thing the caller named does not exist (an item, an arm, a thread).
 * - "forbidden": the caller may not do this.
 * - "conflict": the request clashes with the state of things (a locked data folder, a folder that
 *   holds another experiment, a resumed log that differs from the stored one).
 * - "unavailable": something outside is down or spent (a database server, a model provider, a budget).
 * - "internal": a bug; also what any error that is not a HaggleError counts as.
 */
export type ErrorKind = "bad-input" | "not-found" | "forbidden" | "conflict" | "unavailable" | "internal";

export const ERROR_KINDS: readonly ErrorKind[] = [
  "bad-input",
  "not-found",
  "forbidden",
  "conflict",
  "unavailable",
  "internal",
];

/** A registered symbol, so a HaggleError from another copy of this module (another bundle) is known too. */
const MARKER = Symbol.for("haggle.error");

export interface HaggleErrorOptions {
  kind: ErrorKind;
  /** Stable and namespaced, e.g. "money/invalid", "store/locked". */
  code: string;
  cause?: unknown;
}

export class HaggleError extends Error {
  override name = "HaggleError";
  readonly kind: ErrorKind;
  readonly code: string;

  constructor(message: string | undefined, options: HaggleErrorOptions) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.kind = options.kind;
    this.code = options.code;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /**
   * True for any HaggleError, also one made by another copy of this class (a second bundle, a module
   * loaded twice), where `instanceof` says no.
   */
  static isInstance(error: unknown): error is HaggleError {
    return typeof error === "object" && error !== null && (error as { [MARKER]?: unknown })[MARKER] === true;
  }
}

/** What a subclass made by `errorBase` takes besides its message: a cause, or a kind or code for this case. */
export type ErrorBaseOptions = Partial<HaggleErrorOptions>;

/**
 * A HaggleError base with a default kind and code, so an error class is declared in one line.
 * A throw may name another kind or code for its case: `new ExperimentError(msg, { kind: "conflict" })`.
 * @example export class MoneyError extends errorBase("bad-input", "money/invalid") { override name = "MoneyError"; }
 */
export function errorBase(kind: ErrorKind, code: string) {
  return class extends HaggleError {
    constructor(message?: string, options: ErrorBaseOptions = {}) {
      super(message, {
        kind: options.kind ?? kind,
        code: options.code ?? code,
        ...("cause" in options ? { cause: options.cause } : {}),
      });
    }
  };
}

/** The kind of any thrown value: a HaggleError's own kind; anything else is "internal" (a bug). */
export function kindOf(error: unknown): ErrorKind {
  if (!HaggleError.isInstance(error)) return "internal";
  return ERROR_KINDS.includes(error.kind) ? error.kind : "internal";
}

/** A HaggleError's code, or undefined for anything else. */
export function codeOf(error: unknown): string | undefined {
  return HaggleError.isInstance(error) ? error.code : undefined;
}

/** True when the error is the caller's to fix (bad input, not found, forbidden, conflict). */
export function isCallersFault(error: unknown): boolean {
  const kind = kindOf(error);
  return kind === "bad-input" || kind === "not-found" || kind === "forbidden" || kind === "conflict";
}

const HTTP_STATUS: Record<ErrorKind, number> = {
  "bad-input": 400,
  "not-found": 404,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** The HTTP status for an error, for a server in front of the market: by kind, 500 for anything else. */
export function httpStatusOf(error: unknown): number {
  return HTTP_STATUS[kindOf(error)];
}
