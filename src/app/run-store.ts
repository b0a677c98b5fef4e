import { existsSync } from "node:fs";
import { join } from "node:path";
import { RunFolderError, type RunRecord } from "../runner/run-folder.ts";
import { isPostgresUrl, maskUrl } from "../store/database-url.ts";

/**
 * Where a run's event log lives, from what its run.json records (`store`, and for PostgreSQL the URL
 * it used, password masked), as options for `openStore`/`openStoreInWorker`. A run kept in PostgreSQL
 * needs a URL (`--db` or HAGGLE_DB) and is refused clearly without one; a run kept in PGlite always
 * opens its own `<run>/db` (a HAGGLE_DB set for other runs does not apply). A command that reads the
 * log is refused if that folder is gone rather than make a new, empty database there; `resume` may
 * make it (`resuming`), since a run killed before its store was made starts its log afresh.
 */
export function runStoreOptions(
  dir: string,
  record: Pick<RunRecord, "store" | "db" | "schema">,
  url: string | undefined,
  options: { resuming?: boolean } = {},
): { db: string; schema?: string } {
  if (record.store === "postgres") {
    const used = record.db ? ` (it used ${record.db})` : "";
    if (!url) {
      throw new RunFolderError(
        `the run in ${dir} keeps its log in PostgreSQL${used}: pass the same --db URL (or set HAGGLE_DB)`,
        { code: "runner/run-needs-db" },
      );
    }
    if (!isPostgresUrl(url)) {
      throw new RunFolderError(
        `the run in ${dir} keeps its log in PostgreSQL${used}, and "${maskUrl(url)}" is not a postgres:// URL: pass the --db URL the run used`,
        { code: "runner/run-needs-db" },
      );
    }
    return { db: url, ...(record.schema ? { schema: record.schema } : {}) };
  }
  const dataDir = join(dir, "db");
  if (!options.resuming && !existsSync(dataDir)) {
    throw new RunFolderError(
      `the run in ${dir} keeps its log in ${dataDir}, which is missing: restore that folder, or start the run again`,
      { code: "runner/run-log-missing", kind: "not-found" },
    );
  }
  return { db: dataDir };
}

/** The refusal for a log that holds none of the run's events: most likely another database. */
export function noEventsError(
  dir: string,
  record: Pick<RunRecord, "store" | "db" | "marketId">,
  url?: string,
) {
  const where = record.store === "postgres" && url ? `the database ${maskUrl(url)}` : join(dir, "db");
  const fix =
    record.store === "postgres"
      ? `pass the --db URL the run used${record.db ? ` (${record.db})` : ""}`
      : "the log was lost; start the run again";
  return new RunFolderError(`${where} holds no events of market ${record.marketId}: ${fix}`, {
    code: "runner/run-log-empty",
    kind: "not-found",
  });
}
