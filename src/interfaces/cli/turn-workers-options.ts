import type { Command } from "commander";
import type { TurnWorkersOptions } from "../../app/run-market.ts";
import { DEFAULT_TURN_EXPIRY_SECONDS, DEFAULT_TURN_QUEUE } from "../../app/turn-workers/queue-transport.ts";
import { isPostgresUrl } from "../../store/database-url.ts";
import { UsageError } from "./errors.ts";

export interface TurnWorkerFlags {
  turnWorkers?: boolean;
  turnQueue?: string;
  turnExpiry?: string;
}

/** `--turn-workers` and its settings, on `haggle run` and `haggle resume`. */
export function addTurnWorkerOptions(command: Command): Command {
  return command
    .option(
      "--turn-workers",
      "send the agents' turns to `haggle worker` processes through the PostgreSQL queue (needs --db postgres://...)",
    )
    .option(
      "--turn-queue <name>",
      `the queue of turn jobs (with --turn-workers; default ${DEFAULT_TURN_QUEUE})`,
    )
    .option(
      "--turn-expiry <seconds>",
      `seconds after which a turn its worker stopped renewing (killed) goes to another worker (default ${DEFAULT_TURN_EXPIRY_SECONDS})`,
    );
}

/**
 * The run's turn-workers settings from the flags, or undefined without `--turn-workers`. Refuses
 * settings without the flag, a database that is not PostgreSQL and an expiry under 3 s, naming the fix.
 */
export function turnWorkersFrom(
  flags: TurnWorkerFlags,
  db: string | undefined,
): TurnWorkersOptions | undefined {
  if (!flags.turnWorkers) {
    if (flags.turnQueue !== undefined || flags.turnExpiry !== undefined) {
      throw new UsageError(
        `${flags.turnQueue !== undefined ? "--turn-queue" : "--turn-expiry"} is a setting of --turn-workers: add --turn-workers, or leave it out`,
      );
    }
    return undefined;
  }
  if (!db || !isPostgresUrl(db)) {
    throw new UsageError(
      "--turn-workers sends the agents' turns through PostgreSQL, where `haggle worker` processes take them: " +
        "give --db postgres://... (or set HAGGLE_DB), the database the workers were started with",
    );
  }
  let expireSeconds: number | undefined;
  if (flags.turnExpiry !== undefined) {
    expireSeconds = Number(flags.turnExpiry);
    if (!Number.isInteger(expireSeconds) || expireSeconds < 3) {
      throw new UsageError(
        `--turn-expiry must be a whole number of seconds, 3 or more (workers renew their turns every second), got "${flags.turnExpiry}"`,
      );
    }
  }
  return {
    ...(flags.turnQueue !== undefined ? { queue: flags.turnQueue } : {}),
    ...(expireSeconds !== undefined ? { expireSeconds } : {}),
  };
}

/** What to tell someone whose market sends turns to workers one at a time (no turn window). */
export function oneTurnAtATimeNote(turnWindowMs: number | undefined): string | undefined {
  if (turnWindowMs) return undefined;
  return (
    "haggle: note: the config has no turnWindow, so the market asks one agent at a time and each turn is a " +
    "round trip to a worker; set turnWindow (e.g. 30m) so the turns of a window go to the workers together\n"
  );
}
