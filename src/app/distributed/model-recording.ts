import { open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LLM_RECORDING_FILE } from "../../agents/llm/run-context.ts";
import type { EventStore } from "../../store/event-store.ts";
import { openPostgresStore } from "../../store/postgres-store.ts";
import type { ArmJob } from "./arm-job.ts";

/**
 * An arm's model recording (`llm-cache.jsonl`) kept in the arm's schema as well as in the worker's
 * run folder: in chunks (`llm-cache.<n>` documents, `llm-cache.count` of them), each saved before the
 * batch of events that follows it is written. An attempt on any machine starts from every chunk saved,
 * so a model arm resumed elsewhere replays its model's answers instead of asking again.
 */
export class ModelRecording {
  private offset = 0;
  private chunks = 0;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: EventStore,
    private readonly runId: string,
    private readonly file: string,
  ) {}

  static async open(db: string, job: ArmJob, dir: string): Promise<ModelRecording> {
    const store = await openPostgresStore(db, { schema: job.schema, maxConnections: 1 });
    const recording = new ModelRecording(store, job.runId, join(dir, LLM_RECORDING_FILE));
    const count = (await store.getDocument<{ n: number }>(job.runId, "llm-cache.count"))?.n ?? 0;
    let text = "";
    for (let n = 0; n < count; n++) {
      text += (await store.getDocument<{ text: string }>(job.runId, `llm-cache.${n}`))?.text ?? "";
    }
    await writeFile(recording.file, text);
    recording.offset = Buffer.byteLength(text);
    recording.chunks = count;
    return recording;
  }

  /** Saves the lines recorded since the last save (one at a time, in order). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const added = await this.readAdded();
      const end = added.lastIndexOf(10) + 1; // complete lines only
      if (end === 0) return;
      const text = added.subarray(0, end).toString("utf8");
      await this.store.putDocument(this.runId, `llm-cache.${this.chunks}`, { text });
      await this.store.putDocument(this.runId, "llm-cache.count", { n: this.chunks + 1 });
      this.chunks++;
      this.offset += end;
    });
    return this.saving;
  }

  /** What the recording holds past what was saved: the file only grows, so only its new end is read. */
  private async readAdded(): Promise<Buffer> {
    const handle = await open(this.file, "r").catch(() => undefined);
    if (!handle) return Buffer.alloc(0);
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return Buffer.alloc(0);
      const buffer = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    await this.saving.catch(() => {});
    await this.store.close();
  }
}
