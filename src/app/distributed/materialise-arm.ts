import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { emptyState } from "../../engine/create-market.ts";
import { replay } from "../../engine/replay.ts";
import { type RunRecord, writeRunRecord } from "../../runner/run-folder.ts";
import { openPostgresStore } from "../../store/postgres-store.ts";
import { dealMemoMarkdown } from "../documents/deal-memo.ts";
import { type ArmRun, armRunId, ExperimentError, type ExperimentRecord } from "../experiment.ts";
import { ARTIFACT_FILES } from "./arm-job.ts";

/**
 * Writes a finished arm's run folder in the experiment folder from what its worker left in the
 * database: run.json (its log is in PostgreSQL, in the arm's schema), summary.json, records.json and a
 * memo per settled deal, from the log replayed here.
 */
export async function materialiseArm(
  experimentDir: string,
  record: ExperimentRecord,
  arm: ArmRun,
  db: string,
  /** The arm's run id: by default the one the coordinator gave its job, from `experimentDir`'s name. */
  runId = armRunId(experimentDir, arm),
): Promise<void> {
  const store = await openPostgresStore(db, { schema: arm.schema!, maxConnections: 2 });
  try {
    const run = await store.getDocument<RunRecord>(runId, "run-record");
    const files = await Promise.all(
      ARTIFACT_FILES.map((file) => store.getDocument<{ text: string }>(runId, file)),
    );
    if (!run || files.some((file) => file === undefined)) {
      throw new ExperimentError(`arm ${arm.id} is done but its documents are missing from ${arm.schema}`);
    }
    const dir = join(experimentDir, arm.dir);
    await mkdir(join(dir, "memos"), { recursive: true });
    await writeRunRecord(dir, { ...run, configDir: record.configDir });
    for (const [i, file] of ARTIFACT_FILES.entries()) await writeFile(join(dir, file), files[i]!.text);
    const state = replay(await store.read(run.marketId), emptyState());
    for (const deal of state.deals.values()) {
      if (deal.status !== "confirmed" && deal.status !== "handed-over") continue;
      await writeFile(join(dir, "memos", `${deal.id}.md`), dealMemoMarkdown(state, deal, { runDir: dir }));
    }
  } finally {
    await store.close();
  }
}
