import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { MIGRATIONS } from "./migrations.ts";

/**
 * A fresh PGlite folder costs seconds of `initdb` in WASM; loading a dump of an already migrated,
 * empty database costs a fraction of that. The dump is made once per PGlite version and schema and
 * kept in the user's cache folder (HAGGLE_CACHE_DIR, else ~/.cache/haggle); it holds no market data.
 */
export function templatePath(env: Record<string, string | undefined> = process.env): string {
  const dir = env.HAGGLE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "haggle");
  const schema = createHash("sha256")
    .update(MIGRATIONS.map((migration) => `${migration.id}\n${migration.sql}`).join("\n"))
    .digest("hex")
    .slice(0, 12);
  return join(dir, `pglite-${pgliteVersion()}-${schema}-slim.tar`);
}

function pgliteVersion(): string {
  // The package does not export its package.json; find it beside the resolved entry point.
  try {
    let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
    return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The cached template as a Blob for PGlite's `loadDataDir`, or undefined if there is none yet. */
export function readTemplate(path = templatePath()): Blob | undefined {
  if (process.env.HAGGLE_NO_TEMPLATE) return undefined;
  try {
    return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves a migrated, empty database as the template. Best effort: a cache that cannot be written is skipped.
 * The store never creates databases, so `template0` and `template1` are dropped first: that halves the
 * files every new run folder must write (about 400 instead of 1,000), which is most of its opening cost.
 */
export async function saveTemplate(db: PGlite, path = templatePath()): Promise<void> {
  if (process.env.HAGGLE_NO_TEMPLATE || existsSync(path)) return;
  try {
    await db.exec("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
    // DROP DATABASE refuses to run inside a transaction block, so one statement at a time.
    for (const name of ["template0", "template1"]) await db.exec(`DROP DATABASE IF EXISTS ${name}`);
    await db.exec("CHECKPOINT");
    const dump = await db.dumpDataDir("none");
    mkdirSync(join(path, ".."), { recursive: true });
    // Several runs may start at once (experiment arms): write aside, then rename atomically.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    renameSync(temp, path);
  } catch {
    // The template only saves time; without it the next run initialises from scratch.
  }
}
