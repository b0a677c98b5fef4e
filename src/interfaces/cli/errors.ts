import { errorBase, HaggleError, kindOf } from "../../domain/errors.ts";

/** A user gave the CLI something it cannot use: exit code 2. */
export class UsageError extends errorBase("bad-input", "cli/usage") {
  override name = "UsageError";
}

/**
 * Maps an error to the CLI's exit code by its kind (src/domain/errors.ts):
 * - 2, "your input": bad-input, not-found, forbidden and conflict. A conflict is the user's to settle
 *   too: a data folder another process has open ("store/locked"), an --out folder holding another
 *   experiment, a resumed log that differs from the stored one.
 * - 1, a runtime failure: unavailable (a database or model server down, a budget spent), internal
 *   (a bug) and any error that is not a HaggleError.
 * Commander's own errors (an unknown command or option) are usage errors: 2.
 */
export function exitCodeFor(error: unknown): number {
  if (!HaggleError.isInstance(error)) {
    return error instanceof Error && (error as { code?: string }).code?.startsWith("commander.") ? 2 : 1;
  }
  switch (kindOf(error)) {
    case "bad-input":
    case "not-found":
    case "forbidden":
    case "conflict":
      return 2;
    case "unavailable":
    case "internal":
      return 1;
  }
}
