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
    "days: 6",
    "population:",
    "  generate:",
    "    participants: 45",
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

interface Progress {
  fraction: number;
  stored: number;
}

/**
 * Starts `haggle run` and kills it with SIGKILL as soon as `when` holds for its progress (read from
 * its JSON progress lines), or right after its run folder appears when `when` is "started".
 */
async function runAndKill(dir: string, when: "started" | ((progress: Progress) => boolean)): Promise<void> {
  const child = spawn(
    "node",
    [join(repoRoot, "bin/haggle.js"), "run", "--config", config, "--out", dir, "--progress-lines"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  if (when === "started") {
    while (!existsSync(join(dir, "run.json"))) await sleep(5);
    child.kill("SIGKILL");
  } else {
    let pending = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("{") && when(JSON.parse(line) as Progress)) child.kill("SIGKILL");
      }
    });
  }
  await exited;
}

describe("haggle resume after kill -9", () => {
  it("ends with exactly the events and deals of an uninterrupted run", { timeout: 300_000 }, async () => {
    const reference = join(root, "reference");
    const straight = await haggle(["run", "--config", config, "--out", reference, "--json"]);
    expect(straight.code, straight.stderr).toBe(0);
    const referenceLog = await logOf(reference);
    const referenceDeals = dealsOf(reference);
    expect(referenceDeals.length).toBeGreaterThan(5);

    let killedMidRun = 0;
    let killedMidLog = 0;
    const killPoints: [string, "started" | ((progress: Progress) => boolean)][] = [
      ["as it starts", "started"],
      // A slow machine may open the store late: then kill late in the run instead.
      ["after its first batch is stored", (progress) => progress.stored > 0 || progress.fraction >= 0.8],
      ["half way", (progress) => progress.fraction >= 0.5],
      ["near the end", (progress) => progress.fraction >= 0.9],
    ];
    for (const [name, when] of killPoints) {
      const dir = join(root, `killed ${name}`);
      await runAndKill(dir, when);
      const status = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).status;
      if (status !== "running") {
        console.warn(`kill ${name}: the run had already finished`);
        continue;
      }
      killedMidRun++;
      // Opening the folder also recovers it from the kill, as resume will.
      const stored = existsSync(join(dir, "db.ready")) ? (await logOf(dir)).length : 0;
      if (stored > 0 && stored < referenceLog.length) killedMidLog++;
      const resumed = await haggle(["resume", dir, "--json"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(await logOf(dir)).toEqual(referenceLog);
      expect(dealsOf(dir)).toEqual(referenceDeals);
    }
    // The kills must land mid-run, and some mid-log, for the test to mean anything.
    expect(killedMidRun).toBe(killPoints.length);
    expect(killedMidLog).toBeGreaterThanOrEqual(1);
  });
});
