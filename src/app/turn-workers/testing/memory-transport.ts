import type { CallLimiter } from "../../../agents/llm/call-limiter.ts";
import type { TurnTransport } from "../travelling-turns.ts";
import { type MakeAgent, type TurnJob, type TurnJobOutput, takeTravellingTurn } from "../turn-job.ts";

export interface MemoryTransportOptions {
  makeAgent: MakeAgent;
  limiter?: CallLimiter;
  /**
   * How many times each job is taken (a retry after a slow worker takes it again) and how long each
   * attempt waits before it starts (ms), by job index and attempt: the interleaving of the answers.
   */
  attempts?: (job: number) => number;
  delayMs?: (job: number, attempt: number) => number;
}

/**
 * Turn jobs taken in this process, as workers would take them: each job and answer goes through
 * JSON (as through the queue), every attempt on a fresh agent, and the first answer to arrive is the
 * job's (as the queue keeps the first completion). For tests of the travelling turns.
 */
export function memoryTransport(options: MemoryTransportOptions): TurnTransport & { jobs: number } {
  const transport = {
    jobs: 0,
    async send(jobs: readonly TurnJob[]): Promise<TurnJobOutput[]> {
      return Promise.all(
        jobs.map((job, index) => {
          transport.jobs++;
          const text = JSON.stringify(job);
          const attempts = Math.max(1, options.attempts?.(index) ?? 1);
          const tries = Array.from({ length: attempts }, async (_, attempt) => {
            const delay = options.delayMs?.(index, attempt) ?? 0;
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            const output = await takeTravellingTurn(JSON.parse(text) as TurnJob, options.makeAgent, {
              worker: `memory#${attempt}`,
              ...(options.limiter ? { limiter: options.limiter } : {}),
            });
            return JSON.parse(JSON.stringify(output)) as TurnJobOutput;
          });
          return Promise.race(tries);
        }),
      );
    },
  };
  return transport;
}
