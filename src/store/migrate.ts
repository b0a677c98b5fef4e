import { MIGRATION_LOCK_KEY, MIGRATIONS, type Migration } from "./migrations.ts";
import type { SqlClient } from "./sql-client.ts";
import { StoreError } from "./store-error.ts";

/**
 * Applies the migrations not yet recorded in `haggle_migrations`, in order, in one transaction:
 * a failure leaves the schema as it was. Refuses a database migrated by a newer Haggle, whose
 * schema this code does not know how to write.
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  await client.transaction(async (tx) => {
    // Taken before anything else: even CREATE TABLE IF NOT EXISTS races between two processes.
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS haggle_migrations (
      id         text        PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ id: string }>("SELECT id FROM haggle_migrations");
    const applied = new Set(rows.map((row) => row.id));
    const known = new Set(migrations.map((migration) => migration.id));
    const unknown = [...applied].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new StoreError(
        "store/schema-too-new",
        `The database has migrations this version of Haggle does not know (${unknown.join(", ")}); ` +
          "upgrade Haggle or use another database.",
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO haggle_migrations (id) VALUES ($1)", [migration.id]);
    }
  });
}
