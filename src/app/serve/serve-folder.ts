import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Where a served market keeps everything by default: `runs/<name>`, the same at every start. */
export function defaultServeDir(name: string, cwd = process.cwd()): string {
  return resolve(cwd, "runs", name);
}

/** The address a served market was last reached at, from its serve.json. */
export async function servedUrl(dir: string): Promise<string | undefined> {
  const path = join(dir, "serve.json");
  if (!existsSync(path)) return undefined;
  return (JSON.parse(await readFile(path, "utf8")) as { url?: string }).url;
}

/** The served markets' folders under `runs/` (each holds a serve.json), for commands given no folder. */
export async function servedMarketsIn(cwd = process.cwd()): Promise<string[]> {
  const runs = resolve(cwd, "runs");
  if (!existsSync(runs)) return [];
  const entries = await readdir(runs, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(runs, entry.name, "serve.json")))
    .map((entry) => join(runs, entry.name))
    .sort();
}
