import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-pipes-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs haggle with a reader that has gone before the output comes, as `| head -1` is after its line. */
function readerGone(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, "bin/haggle.js"), ...args], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.destroy();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("the CLI in a pipeline and at its limits", () => {
  it("show ... | head stops quietly, without an EPIPE stack trace", async () => {
    const run = join(root, "market");
    const made = await haggle(["demo", "--out", run, "--json"]);
    expect(made.code, made.stderr).toBe(0);
    const shown = await readerGone(["show", run, "--channel", "--json"]);
    expect(shown.stderr).not.toContain("EPIPE");
    expect(shown.code).toBe(0);
  });

  it("--participants beyond what a market can hold is refused before anything starts", async () => {
    const result = await haggle(["demo", "--participants", "100000"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--participants 100000 is too many: at most 20,000 people in one market");
    expect(existsSync(join(root, "runs")) ? readdirSync(join(root, "runs")) : []).toEqual([]);
  });
});
