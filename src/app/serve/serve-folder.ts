import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
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
