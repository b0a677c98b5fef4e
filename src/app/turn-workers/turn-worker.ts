import type PgBoss from "pg-boss";
import { CallLimiter } from "../../agents/llm/call-limiter.ts";
import { ensureQueue } from "../distributed/boss.ts";
import { rateLimitNotice } from "../distributed/rate-limit-notice.ts";
import {
  NOTIFY_SQL,
  TURN_ANSWERS_CHANNEL,
  TURN_JOBS_CHANNEL,
  WakeChannel,
} from "../distributed/wake-channel.ts";
import { trafficFields } from "../model-traffic.ts";
import type { QueuedTurn } from "./queue-transport.ts";
import { type MakeAgent, type TurnJob, takeTravellingTurn } from "./turn-job.ts";

const RENEW_EVERY_MS = 1000;

export interface TurnWorkerOptions {
  db: string;
  boss: PgBoss;
  queue: string;
  /** Turns taken at once in this process. */
  jobs: number;
  /** This worker's name in answers and logs (host:pid). */
  name: string;
  makeAgent: MakeAgent;
  /** Model calls in flight per provider in this process (as `llm.concurrency` in a market's). */
  modelConcurrency?: number;
  /** Ms between looks at the queue when no notification comes; 500 by default. */
  pollMs?: number;
  signal: AbortSignal;
  log: (line: string) => void;
  onTurn?: (turn: { job: string; who: string; ok: boolean; ms: number }) => void;
}

/**
 * A worker's share of markets' turns: takes up to `jobs` turn jobs at once, each on a fresh agent
 * loaded with the state the job carries (turn-job.ts), completes the job with the answer and tells
 * the market (NOTIFY). It looks at the queue when told a window went out, and every `pollMs` in case.
 * While it holds turns it renews their jobs every second or so; a worker killed mid-turn stops
 * renewing, and pg-boss gives its jobs to another worker once they expire. On `signal` it takes no
 * more turns and finishes those it holds (a turn is short).
 */
export async function runTurnWorker(options: TurnWorkerOptions): Promise<void> {
  const { boss, queue } = options;
  await ensureQueue(boss, queue);
  const told = await WakeChannel.open(options.db, TURN_JOBS_CHANNEL, (name) => name === queue);
  const limiter = new CallLimiter(options.modelConcurrency ?? 8);
  const running = new Map<string, Promise<void>>();
  const onAbort = () => told.wakeAll();
  options.signal.addEventListener("abort", onAbort, { once: true });

  const renew = async () => {
    if (running.size === 0) return;
    await boss
      .getDb()
      .executeSql(
        "UPDATE pgboss.job SET started_on = now() WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'",
        [queue, [...running.keys()]],
      )
      .catch((error: Error) => options.log(`renewing turn jobs failed: ${error.message}`));
  };
  let renewing: NodeJS.Timeout | undefined;
  const noticeRateLimits = rateLimitNotice(options.log, "turns");
  const scheduleRenewal = () => {
    // Every second (a job expires after 3 s at the least): a live worker's turns never expire.
    renewing = setTimeout(async () => {
      await renew();
      noticeRateLimits(trafficFields(limiter.traffic()));
      if (!options.signal.aborted || running.size > 0) scheduleRenewal();
    }, RENEW_EVERY_MS);
  };

  const take = async (job: PgBoss.Job<QueuedTurn>): Promise<void> => {
    const started = performance.now();
    try {
      const turn = JSON.parse(job.data.payload) as TurnJob;
      const output = await takeTravellingTurn(turn, options.makeAgent, { worker: options.name, limiter });
      await boss.complete(queue, job.id, { text: JSON.stringify(output) });
      await boss.getDb().executeSql(NOTIFY_SQL, [TURN_ANSWERS_CHANNEL, job.data.runId]);
      options.onTurn?.({ job: job.id, who: job.data.who, ok: true, ms: performance.now() - started });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log(`turn of ${job.data.who} (job ${job.id}) failed: ${message}`);
      await boss.fail(queue, job.id, { message }).catch(() => {});
      options.onTurn?.({ job: job.id, who: job.data.who, ok: false, ms: performance.now() - started });
    }
  };

  scheduleRenewal();
  try {
    while (!options.signal.aborted) {
      const free = options.jobs - running.size;
      const fetched = free > 0 ? await boss.fetch<QueuedTurn>(queue, { batchSize: free }) : [];
      for (const job of fetched) {
        const done = take(job).finally(() => {
          running.delete(job.id);
          // A slot is free: look at the queue again now rather than at the next poll.
          told.wakeAll();
        });
        running.set(job.id, done);
      }
      // A full batch may mean more are waiting: look again at once.
      if (free > 0 && fetched.length === free) continue;
      await told.wait(options.pollMs ?? 500);
    }
    await Promise.all(running.values());
  } finally {
    clearTimeout(renewing);
    options.signal.removeEventListener("abort", onAbort);
    await told.close();
  }
}
