import pg from "pg";

/** Workers hear here that arm jobs were queued (payload: the queue's name). */
export const ARM_JOBS_CHANNEL = "haggle_arm_jobs";
/** Coordinators hear here that an arm's job ended, done or failed (payload: the experiment's schema). */
export const ARM_DONE_CHANNEL = "haggle_arm_done";
/** Workers hear here that turn jobs were queued (payload: the queue's name). */
export const TURN_JOBS_CHANNEL = "haggle_turn_jobs";
/** Market processes hear here that a turn was answered (payload: the run's id). */
export const TURN_ANSWERS_CHANNEL = "haggle_turn_answers";

/**
 * A PostgreSQL LISTEN on one channel: `wait` resolves at the next notification whose payload `match`
 * accepts, or after `ms` (a poll, in case a notification is missed: a connection lost and made again).
 * Turns are short (a model's answer, a built-in agent's milliseconds), so waiting on the queue's
 * polling alone (pg-boss's is 2 s by default) would add more than a turn takes; arms are longer, but
 * a worker polling every 500 ms and a coordinator every 250 ms added about half a second to every
 * run of bench:scale's worker part, a tenth of what separated 3.47x from 3.5x.
 */
export class WakeChannel {
  private waiters: (() => void)[] = [];

  private constructor(private readonly client: pg.Client) {}

  static async open(db: string, channel: string, match: (payload: string) => boolean): Promise<WakeChannel> {
    const client = new pg.Client({ connectionString: db, application_name: "haggle-turns-listen" });
    await client.connect();
    const wake = new WakeChannel(client);
    client.on("notification", (message) => {
      if (message.channel === channel && match(message.payload ?? "")) wake.wakeAll();
    });
    // A lost connection is no loss: the waits fall back to their polls.
    client.on("error", () => {});
    await client.query(`LISTEN ${channel}`);
    return wake;
  }

  /** Resolves at the next matching notification, a `wakeAll`, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        const index = waiters.indexOf(done);
        if (index !== -1) waiters.splice(index, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  async close(): Promise<void> {
    this.wakeAll();
    await this.client.end().catch(() => {});
  }
}

/** Tells the listeners of a channel ($1) a payload ($2): one statement, on any connection. */
export const NOTIFY_SQL = "SELECT pg_notify($1, $2)";
