import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-experiment-kill-"));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids of `haggle experiment arm` processes whose parent is `parent`. */
function armsOf(parent: number): number[] {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(parent)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return out
    .split("\n")
    .filter((line) => line.includes("experiment arm"))
    .map((line) => Number.parseInt(line.trim(), 10));
}

async function until<T>(what: string, probe: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("an experiment killed with SIGKILL", () => {
  it("takes its arms with it, and the same command then finishes every arm", async () => {
    const out = join(root, "pd");
    const args = ["experiment", "run", "experiments/project-deal.yaml", "--participants", "24", "--out", out];
    const parent = spawn(process.execPath, [join(repoRoot, "bin/haggle.js"), ...args], {
      cwd: repoRoot,
      stdio: "ignore",
    });
    started.push(parent.pid!);
    // Wait until arms are under way: running, with their run folders (and data-folder locks) made.
    const arms = await until(
      "the arms to start",
      () => {
        const pids = armsOf(parent.pid!);
        if (pids.length === 0 || !existsSync(join(out, "experiment.json"))) return undefined;
        const record = JSON.parse(readFileSync(join(out, "experiment.json"), "utf8")) as {
          arms: { dir: string }[];
        };
        return record.arms.some((arm) => existsSync(join(out, arm.dir, "run.json"))) ? pids : undefined;
      },
      60_000,
    );
    started.push(...arms);
    parent.kill("SIGKILL");
    await until("the arms to stop", () => (arms.every((pid) => !alive(pid)) ? true : undefined), 15_000);

    const again = await haggle([...args, "--json"]);
    expect(again.code, again.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, "experiment.json"), "utf8")) as {
      arms: { status: string }[];
    };
    expect(record.arms.map((arm) => arm.status)).toEqual(["finished", "finished", "finished", "finished"]);
  }, 240_000);
});
