import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haggle } from "./support/haggle-cli.ts";
import { testPostgresUrl } from "./support/test-postgres.ts";

// A run folder records where its log lives (run.json `store`); every command reads it from there or
// refuses clearly, and none makes a stray embedded database in the run folder.
// The tests' PostgreSQL (test/support/postgres.ts); without one (HAGGLE_TEST_PG=off) the first test skips
// and the second, which never connects, names the usual URL.
const pgUrl = testPostgresUrl();
const url = pgUrl ?? "postgres://postgres@127.0.0.1:5432/test";
const root = mkdtempSync(join(tmpdir(), "haggle-run-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const noDb = { HAGGLE_DB: "" };

describe("a run's log is where its run folder says", () => {
  it.skipIf(pgUrl === undefined)(
    "a run kept in PostgreSQL, opened without --db, is refused by show and handover, with no stray database",
    async () => {
      const run = join(root, `pg-${process.pid}`);
      const made = await haggle(["demo", "--participants", "6", "--db", url, "--out", run, "--json"], {
        env: noDb,
      });
      expect(made.code, made.stderr).toBe(0);
      const before = readdirSync(run).sort();

      const shown = await haggle(["show", run], { env: noDb });
      expect(shown.code).toBe(2);
      expect(shown.stderr).toContain("keeps its log in PostgreSQL");
      expect(shown.stderr).toContain("--db");

      const handed = await haggle(["handover", "D1", "--as", "p001", "--run", run], { env: noDb });
      expect(handed.code).toBe(2);
      expect(handed.stderr).toContain("keeps its log in PostgreSQL");
      expect(handed.stderr).not.toContain("not a participant");

      expect(existsSync(join(run, "db"))).toBe(false);
      expect(readdirSync(run).sort()).toEqual(before);

      // With the URL it reads the run, as before.
      const withDb = await haggle(["show", run, "--db", url], { env: noDb });
      expect(withDb.code, withDb.stderr).toBe(0);
      expect(withDb.stdout).toMatch(/^T1 /m);
    },
  );

  it("a PGlite run is read from its folder even with HAGGLE_DB set, and refused if its log is gone", async () => {
    const run = join(root, "embedded");
    const made = await haggle(["demo", "--participants", "6", "--out", run, "--json"], { env: noDb });
    expect(made.code, made.stderr).toBe(0);
    const shown = await haggle(["show", run], { env: { HAGGLE_DB: url } });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^T1 /m);

    rmSync(join(run, "db"), { recursive: true, force: true });
    const gone = await haggle(["show", run], { env: noDb });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain("which is missing");
    expect(existsSync(join(run, "db"))).toBe(false);
  });
});
