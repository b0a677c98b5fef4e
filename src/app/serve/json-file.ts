import { mkdir, readFile, rename, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { HaggleError } from "../../domain/errors.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A JSON document in a file that two processes may change (the server, and `haggle invite` beside it):
 * each change reads the file, applies, and writes it back atomically (temp file, then rename) under a
 * lock folder, so neither loses the other's change and a kill never leaves half a file. Reads are
 * cached until the file changes.
 */
export class JsonFile<T> {
  private cached: { mtimeMs: number; size: number; value: T } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly empty: () => T,
  ) {}

  async read(): Promise<T> {
    let info: { mtimeMs: number; size: number };
    try {
      info = await stat(this.path);
    } catch {
      return this.empty();
    }
    if (this.cached && this.cached.mtimeMs === info.mtimeMs && this.cached.size === info.size) {
      return this.cached.value;
    }
    const value = JSON.parse(await readFile(this.path, "utf8")) as T;
    this.cached = { mtimeMs: info.mtimeMs, size: info.size, value };
    return value;
  }

  /** Applies `change` to the stored value and writes it; resolves with what `change` returned. */
  update<R>(change: (value: T) => R | Promise<R>): Promise<R> {
    const run = this.queue.then(() => this.locked(change));
    this.queue = run.catch(() => {});
    return run;
  }

  private async locked<R>(change: (value: T) => R | Promise<R>): Promise<R> {
    const lock = `${this.path}.lock`;
    await mkdir(dirname(this.path), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        await mkdir(lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        // A lock left by a process killed mid-write is taken over after a few seconds.
        const age = await stat(lock).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > 5_000) await rmdir(lock).catch(() => {});
        if (attempt > 400) {
          throw new HaggleError(`${this.path} stays locked: remove ${lock} if no haggle process runs`, {
            kind: "conflict",
            code: "serve/file-locked",
          });
        }
        await sleep(10 + Math.random() * 15);
      }
    }
    try {
      this.cached = undefined;
      const value = structuredClone(await this.read());
      const result = await change(value);
      const temp = `${this.path}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(value, null, 1)}\n`);
      await rename(temp, this.path);
      return result;
    } finally {
      await rmdir(lock).catch(() => {});
    }
  }
}
