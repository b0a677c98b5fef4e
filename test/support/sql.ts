import pg from "pg";

/** A query function on the PostgreSQL at `url`, a connection of its own for each query. */
export function sqlAt(url: string) {
  return async function sql<Row extends pg.QueryResultRow>(
    text: string,
    params: unknown[] = [],
  ): Promise<Row[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Row>(text, params)).rows;
    } finally {
      await client.end();
    }
  };
}
