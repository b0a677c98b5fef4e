/** The pg-boss queue the workers share: starting it, making a queue, and the default names. */
import PgBoss from "pg-boss";
import { toOpenError } from "../../store/postgres-store.ts";

export const DEFAULT_QUEUE = "haggle-arms";

export async function startBoss(db: string, role: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: db,
    application_name: `haggle-${role}`,
    max: 4,
    schedule: false,
    // Expired jobs (a dead worker's) go back to the queue within seconds; pg-boss lets one instance
    // at a time do this maintenance, whichever process it is.
    supervise: true,
    maintenanceIntervalSeconds: 5,
    monitorStateIntervalSeconds: 60,
  });
  boss.on("error", (error) => process.stderr.write(`haggle ${role}: queue error: ${error.message}\n`));
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw toOpenError(error, db, { embedded: false });
  }
  return boss;
}

/**
 * Makes the queue if it is missing. Workers starting together all try: pg-boss makes a queue's table
 * and attaches it as a partition, which can deadlock between processes, so a failed try is tried again.
 */
export async function ensureQueue(boss: PgBoss, queue: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue);
      return;
    } catch (error) {
      if (attempt >= 8) throw error;
      await sleep(50 * attempt + Math.floor(Math.random() * 100));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
