import { randomUUID } from "node:crypto";
import { errorBase } from "../../domain/errors.ts";
import { ensureQueue, startBoss } from "../distributed/boss.ts";
import {
  NOTIFY_SQL,
  TURN_ANSWERS_CHANNEL,
  TURN_JOBS_CHANNEL,
  WakeChannel,
} from "../distributed/wake-channel.ts";
import type { TurnTransport } from "./travelling-turns.ts";
import type { TurnJob, TurnJobOutput } from "./turn-job.ts";

export const DEFAULT_TURN_QUEUE = "haggle-turns";
/** A turn job its worker stops renewing (killed, its machine gone) goes to another worker after this long. */
export const DEFAULT_TURN_EXPIRY_SECONDS = 20;
/** Further attempts of a turn job after its worker died or failed, before the turn is a fault. */
export const DEFAULT_TURN_RETRIES = 5;

/**
 * What a turn job holds in pg-boss: a few fields for `haggle queue` and the clean-up, and the job
 * itself as JSON text (jsonb would reorder its keys; kept as text, a worker reads exactly what the
 * market wrote).
 */
export interface QueuedTurn {
  runId: string;
  window: number;
  who: string;
  payload: string;
}

/** The turn queue gave something that is not a turn's answer (a job completed by something else). */
export class TurnQueueError extends errorBase("internal", "turns/bad-answer") {
  override name = "TurnQueueError";
}

export interface QueueTransportOptions {
  db: string;
  queue?: string;
  runId: string;
  expireSeconds?: number;
  retries?: number;
  /** Ms between checks for answers when no notification comes; 250 by default. */
  pollMs?: number;
  /** Told while a window waits for its answers: how many are still missing. */
  onWaiting?: (missing: number) => void;
}

/**
 * Sends a market's turn jobs through pg-boss and waits for their answers. Opened by the market's one
 * writer, under its lock: it first drops its run's jobs left unanswered by an earlier process on the
 * market (killed; they would only make workers busy), then sends each window's jobs at once, tells the
 * workers (NOTIFY), and collects the answers by job id as they complete. pg-boss keeps a job's first
 * completion only (a late answer from a slow worker finds its job no longer active), and each job is
 * read once here, so a turn answered twice is applied once. A job that fails for good (every retry
 * spent) is a fault of that turn, in the log like any other.
 */
export async function openQueueTransport(options: QueueTransportOptions): Promise<TurnTransport> {
  const queue = options.queue ?? DEFAULT_TURN_QUEUE;
  const boss = await startBoss(options.db, "market");
  let answers: WakeChannel | undefined;
  try {
    await ensureQueue(boss, queue);
    await boss
      .getDb()
      .executeSql("DELETE FROM pgboss.job WHERE name = $1 AND data->>'runId' = $2 AND state < 'completed'", [
        queue,
        options.runId,
      ]);
    answers = await WakeChannel.open(options.db, TURN_ANSWERS_CHANNEL, (runId) => runId === options.runId);
  } catch (error) {
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    throw error;
  }
  const channel = answers;
  const sendOptions = {
    retryLimit: options.retries ?? DEFAULT_TURN_RETRIES,
    retryDelay: 0,
    expireInSeconds: options.expireSeconds ?? DEFAULT_TURN_EXPIRY_SECONDS,
  };
  return {
    async send(jobs: readonly TurnJob[]): Promise<TurnJobOutput[]> {
      const ids: string[] = jobs.map(() => randomUUID());
      await boss.insert(
        jobs.map((job, i) => ({
          name: queue,
          id: ids[i]!,
          data: { runId: job.runId, window: job.window, who: job.who, payload: JSON.stringify(job) },
          ...sendOptions,
        })),
      );
      await boss.getDb().executeSql(NOTIFY_SQL, [TURN_JOBS_CHANNEL, queue]);
      const outputs: (TurnJobOutput | undefined)[] = new Array(jobs.length);
      const index = new Map(ids.map((id, i) => [id, i]));
      let missing = jobs.length;
      while (missing > 0) {
        const waiting = [...index.keys()];
        const result = await boss.getDb().executeSql(
          `SELECT id::text AS id, state::text AS state, output FROM pgboss.job
           WHERE name = $1 AND id = ANY($2::uuid[]) AND state IN ('completed', 'failed', 'cancelled')`,
          [queue, waiting],
        );
        for (const row of result.rows as { id: string; state: string; output: unknown }[]) {
          const i = index.get(row.id);
          if (i === undefined) continue;
          index.delete(row.id);
          missing--;
          outputs[i] = row.state === "completed" ? readOutput(row.output) : failedTurn(jobs[i]!, row.output);
        }
        if (missing > 0) {
          options.onWaiting?.(missing);
          await channel.wait(options.pollMs ?? 250);
        }
      }
      return outputs as TurnJobOutput[];
    },
    async close() {
      await channel.close();
      await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    },
  };
}

function readOutput(output: unknown): TurnJobOutput {
  const text = (output as { text?: unknown } | null)?.text;
  if (typeof text !== "string") throw new TurnQueueError("a turn job completed without an answer");
  return JSON.parse(text) as TurnJobOutput;
}

/** A turn no worker could take (every attempt failed): a fault, and the agent keeps its state. */
function failedTurn(job: TurnJob, output: unknown): TurnJobOutput {
  const value = (output as { message?: string; value?: { message?: string } } | null) ?? {};
  const message = value.message ?? value.value?.message ?? "its job failed";
  return {
    answer: {
      fault: "threw",
      reason: `no turn worker could take the turn: ${String(message).slice(0, 300)}`,
    },
    state: job.state,
    worker: "none",
  };
}
