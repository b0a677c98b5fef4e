import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultRunDir } from "./run-folder.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-run-folder-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("defaultRunDir", () => {
  it("gives runs started in the same second folders of their own, each made as it is named", () => {
    const now = new Date("2026-11-26T10:15:00Z");
    const runs = join(root, "runs");
    const dirs = Array.from({ length: 3 }, () => defaultRunDir(runs, "market", now));
    expect(dirs).toEqual([
      join(runs, "market-20261126-101500"),
      join(runs, "market-20261126-101500-2"),
      join(runs, "market-20261126-101500-3"),
    ]);
    for (const dir of dirs) expect(existsSync(dir)).toBe(true);
  });
});
