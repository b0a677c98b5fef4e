// The CLI bundled with esbuild and kept in node_modules/.cache/haggle-cli, rebuilt when a source
// file changes. Loading ~300 TypeScript modules through tsx costs about half a second at every
// start; one bundle loads in a tenth of that. Any failure here falls back to tsx (bin/haggle.js).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";

/** Every source file's path, size and time, so any edit, addition or removal makes a new bundle. */
function signatureOf(root) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith(".test.ts")) {
        const stat = statSync(path);
        hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, "src"));
  // How the bundle is made is part of what it is.
  const self = statSync(new URL(import.meta.url));
  hash.update(`bin/bundle.js\0${self.size}\0${self.mtimeMs}\n`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * The bundle's folder for the current sources, building it first if needed. Concurrent first runs
 * (parallel tests, experiment arms) each build aside and the first rename wins.
 */
export async function bundledCli(root) {
  const cache = join(root, "node_modules", ".cache", "haggle-cli");
  const dir = join(cache, signatureOf(root));
  if (existsSync(join(dir, "ready"))) return dir;
  const { build } = await import("esbuild");
  const temp = `${dir}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ["src/interfaces/cli/main.ts", "src/store/store-worker.ts"],
    outbase: "src",
    outdir: temp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  writeFileSync(join(temp, "ready"), "");
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(join(dir, "ready"))) throw new Error(`could not place the CLI bundle in ${dir}`);
  }
  removeOldBundles(cache, dir);
  return dir;
}

/**
 * Bundles of older sources pile up while someone edits: keep the newest few, and drop the rest once
 * they are an hour old, since a long run started from one may still load its lazy chunks.
 */
function removeOldBundles(cache, current) {
  try {
    const entries = readdirSync(cache)
      .filter((name) => name !== basename(current))
      .map((name) => ({ name, path: join(cache, name), at: statSync(join(cache, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    const old = (at) => Date.now() - at > 3_600_000;
    // A build that died half-way leaves its .tmp folder behind; one that is an hour old is not running.
    const stale = [
      ...entries.filter((entry) => entry.name.endsWith(".tmp")),
      ...entries.filter((entry) => !entry.name.endsWith(".tmp")).slice(3),
    ];
    for (const { path, at } of stale) if (old(at)) rmSync(path, { recursive: true, force: true });
  } catch {
    // Only disk space is at stake.
  }
}
