import { describe, expect, it } from "vitest";
import { isPostgresUrl, maskUrl } from "./database-url.ts";
import { openStore } from "./open-store.ts";
import { isStoreError } from "./store-error.ts";

describe("maskUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(maskUrl("postgres://haggle:s3cr%40t@db.example:5432/haggle")).toBe(
      "postgres://haggle:***@db.example:5432/haggle",
    );
    expect(maskUrl("postgresql://postgres@127.0.0.1/test")).toBe("postgresql://postgres@127.0.0.1/test");
    expect(maskUrl("postgres://user:pa ss@bad host/x")).not.toContain("pa ss");
  });
});

describe("isPostgresUrl", () => {
  it("accepts both schemes and nothing else", () => {
    expect(isPostgresUrl("postgres://h/db")).toBe(true);
    expect(isPostgresUrl("postgresql://h/db")).toBe(true);
    expect(isPostgresUrl("mysql://h/db")).toBe(false);
    expect(isPostgresUrl("runs/x/db")).toBe(false);
  });
});

describe("openStore", () => {
  it("explains an unreachable server, naming the URL without its password", async () => {
    const error = await openStore({ db: "postgres://haggle:hunter2@127.0.0.1:1/haggle" }).catch(
      (reason: unknown) => reason,
    );
    expect(isStoreError(error, "store/unreachable")).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain("postgres://haggle:***@127.0.0.1:1/haggle");
    expect(message).not.toContain("hunter2");
    expect(message).toContain("HAGGLE_DB");
  });

  it("reads HAGGLE_DB when no db is given", async () => {
    const error = await openStore({ env: { HAGGLE_DB: "postgresql://127.0.0.1:1/x" } }).catch(
      (reason: unknown) => reason,
    );
    expect(isStoreError(error, "store/unreachable")).toBe(true);
  });

  it("refuses a URL of another database rather than ignoring it", async () => {
    const error = await openStore({ db: "mysql://root:pw@localhost/x" }).catch((reason: unknown) => reason);
    expect(isStoreError(error, "store/invalid-options")).toBe(true);
    expect((error as Error).message).not.toContain(":pw@");
  });

  it("falls back to embedded PGlite in memory", async () => {
    const store = await openStore({ env: {} });
    expect(store.kind).toBe("pglite");
    await store.close();
  });
});
