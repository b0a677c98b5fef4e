import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's own files (the catalogue, the CLI, the store's worker), found from the package root
 * rather than from this module's place: `bin/haggle.js` runs the CLI from a bundle in
 * node_modules/.cache, where paths relative to a source file point nowhere.
 */
let root: string | undefined;

export function projectRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "haggle"
    ) {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the haggle package root above ${import.meta.url}`);
    dir = parent;
  }
}

export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}

const BUNDLE = Symbol.for("haggle.bundleDir");

/** The folder of the bundled CLI this process runs from (set by bin/haggle.js), if it does. */
export function bundleDir(): string | undefined {
  return (globalThis as { [BUNDLE]?: string })[BUNDLE];
}
