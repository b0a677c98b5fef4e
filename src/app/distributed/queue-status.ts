import { toOpenError } from "../../store/postgres-store.ts";

/** The queue's jobs by state, and the arms under way: what `haggle queue` shows. */
export async function queueStatus(
  db: string,
): Promise<{ queues: { name: string; states: Record<string, number> }[]; active: ActiveJob[] }> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: db });
  await client.connect().catch((error: unknown) => {
    throw toOpenError(error, db, { embedded: false });
  });
  try {
    const installed = await client.query("SELECT to_regclass('pgboss.job') AS table");
    if (!installed.rows[0]?.table) return { queues: [], active: [] };
    const counts = await client.query<{ name: string; state: string; n: string }>(
      "SELECT name, state::text, count(*) AS n FROM pgboss.job GROUP BY name, state ORDER BY name, state",
    );
    const queues = new Map<string, Record<string, number>>();
    for (const row of counts.rows) {
      const states = queues.get(row.name) ?? {};
      states[row.state] = Number(row.n);
      queues.set(row.name, states);
    }
    const active = await client.query<ActiveJob>(
      `SELECT name AS queue, id, data->>'arm' AS arm, data->>'schema' AS schema, data->>'who' AS who, data->>'runId' AS "runId", retry_count AS "retryCount",
              started_on AS "startedOn"
       FROM pgboss.job WHERE state = 'active' ORDER BY started_on`,
    );
    return { queues: [...queues].map(([name, states]) => ({ name, states })), active: active.rows };
  } finally {
    await client.end();
  }
}

/**
 * Removes a queue and every job in it, finished ones included (pg-boss refuses to delete a queue that
 * still holds jobs). For tests and benchmarks that make their own queues.
 */
export async function dropQueue(db: string, queue: string): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const installed = await client.query("SELECT to_regclass('pgboss.job') AS table");
    if (!installed.rows[0]?.table) return;
    await client.query("DELETE FROM pgboss.job WHERE name = $1", [queue]);
    await client.query("DELETE FROM pgboss.archive WHERE name = $1", [queue]);
    await client.query("SELECT pgboss.delete_queue($1)", [queue]);
  } finally {
    await client.end();
  }
}

export interface ActiveJob {
  queue: string;
  id: string;
  arm: string | null;
  schema: string | null;
  /** A turn job's participant and run (haggle run --turn-workers). */
  who: string | null;
  runId: string | null;
  retryCount: number;
  startedOn: Date;
}
