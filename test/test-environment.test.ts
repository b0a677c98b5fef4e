import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium } from "./support/chromium.ts";
import { freePort, planTestPostgres } from "./support/postgres.ts";

// What `npm test` uses on a machine without .ci/run's PostgreSQL on 127.0.0.1:5432 or Debian's Chromium.
const root = mkdtempSync(join(tmpdir(), "haggle-test-env-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the tests' PostgreSQL", () => {
  it("is the tests' own (embedded) when nothing answers where the local one would be", async () => {
    const closed = await freePort();
    const plan = await planTestPostgres({
      HAGGLE_TEST_PG_LOCAL: `postgres://postgres@127.0.0.1:${closed}/test`,
    });
    expect(plan.kind).toBe("embedded");
    expect(plan.kind === "embedded" && plan.why).toContain("ECONNREFUSED");
  });

  it("is what HAGGLE_TEST_PG says: off, embedded, or a URL used as given", async () => {
    expect(await planTestPostgres({ HAGGLE_TEST_PG: "off" })).toEqual({ kind: "off" });
    expect((await planTestPostgres({ HAGGLE_TEST_PG: "embedded" })).kind).toBe("embedded");
    expect(await planTestPostgres({ HAGGLE_TEST_PG: "postgres://u@db:5432/x" })).toEqual({
      kind: "url",
      url: "postgres://u@db:5432/x",
      source: "HAGGLE_TEST_PG",
    });
  });
});

describe("the browser tests' Chromium", () => {
  const fake = (path: string) => {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "");
    return path;
  };
  const none = {
    system: [],
    playwrightExpected: () => join(root, "nowhere"),
    playwrightCache: join(root, "none"),
  };

  it("is CHROME_PATH when it is set, and a CHROME_PATH that does not exist is said, not replaced", () => {
    const chrome = fake(join(root, "bin", "my-chrome"));
    expect(findChromium({ ...none, env: { CHROME_PATH: chrome } })).toEqual({ path: chrome });
    const system = fake(join(root, "usr", "chromium"));
    const missing = findChromium({ ...none, system: [system], env: { CHROME_PATH: join(root, "missing") } });
    expect(missing.path).toBeUndefined();
    expect(missing.reason).toContain("CHROME_PATH=");
  });

  it("is the system's, else playwright's own, else any in playwright's cache", () => {
    const system = fake(join(root, "usr2", "chromium"));
    const expected = fake(join(root, "pw", "chromium-1300", "chrome-linux64", "chrome"));
    expect(findChromium({ ...none, env: {}, system: ["/nope", system] })).toEqual({ path: system });
    expect(findChromium({ ...none, env: {}, playwrightExpected: () => expected })).toEqual({
      path: expected,
    });
    const cache = join(root, "cache");
    fake(join(cache, "chromium-1100", "chrome-linux64", "chrome"));
    const newest = fake(join(cache, "chromium-1200", "chrome-linux64", "chrome"));
    expect(findChromium({ ...none, env: {}, playwrightCache: cache })).toEqual({ path: newest });
  });

  it("where there is none, says in one line how to get one", () => {
    const found = findChromium({ ...none, env: {} });
    expect(found.path).toBeUndefined();
    expect(found.reason).toContain("npx playwright install chromium");
    expect(found.reason).not.toContain("\n");
  });
});
