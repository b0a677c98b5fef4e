import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../src/engine/fingerprint.ts";
import { openPgliteStore } from "../src/store/index.ts";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-resume-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = join(root, "market.yaml");
writeFileSync(
  config,
  [
    "name: resume-check",
    "seed: 11",
    "days: 5",
    "population:",
    "  generate:",
    "    participants: 40",
    "agents:",
    "  random: { engine:strong: 0.5, engine:weak: 0.5 }",
  ].join("\n"),
);

async function logOf(dir: string): Promise<string[]> {
  const runId = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).marketId as string;
  const store = await openPgliteStore(join(dir, "db"));
  try {
    // The market id is the run folder's name; the rest must match event for event.
    return (await store.read(runId)).map((event) => canonicalJson({ ...event }).replaceAll(runId, "<run>"));
  } finally {
    await store.close();
  }
}

/** The deals a run made, without the run's own label. */
function dealsOf(dir: string): unknown[] {
  const records = JSON.parse(readFileSync(join(dir, "records.json"), "utf8")) as { deals: { arm: string }[] };
  return records.deals.map(({ arm: _arm, ...deal }) => deal);
}

/** Starts `haggle run` and kills it with SIGKILL `afterMs` after its run folder appears. */
async function runAndKill(dir: string, afterMs: number): Promise<void> {
  const child = spawn("node", [join(repoRoot, "bin/haggle.js"), "run", "--config", config, "--out", dir], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  while (!existsSync(join(dir, "run.json"))) await sleep(20);
  await sleep(afterMs);
  child.kill("SIGKILL");
  await exited;
}

describe("haggle resume after kill -9", () => {
  it("ends with exactly the events and deals of an uninterrupted run", async () => {
    const reference = join(root, "reference");
    const straight = await haggle(["run", "--config", config, "--out", reference, "--json"]);
    expect(straight.code, straight.stderr).toBe(0);
    const referenceLog = await logOf(reference);
    const referenceDeals = dealsOf(reference);
    expect(referenceDeals.length).toBeGreaterThan(5);

    let killedMidRun = 0;
    let killedMidLog = 0;
    for (const afterMs of [0, 600, 1400, 2200]) {
      const dir = join(root, `killed-${afterMs}`);
      await runAndKill(dir, afterMs);
      const status = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).status;
      if (status !== "running") continue;
      killedMidRun++;
      // Opening the folder also recovers it from the kill, as resume will.
      const stored = existsSync(join(dir, "db.ready")) ? (await logOf(dir)).length : 0;
      if (stored > 0 && stored < referenceLog.length) killedMidLog++;
      const resumed = await haggle(["resume", dir, "--json"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(await logOf(dir)).toEqual(referenceLog);
      expect(dealsOf(dir)).toEqual(referenceDeals);
    }
    // The kills must land mid-run for the test to mean anything.
    expect(killedMidRun).toBeGreaterThanOrEqual(3);
    expect(killedMidLog).toBeGreaterThanOrEqual(1);
  });
});
