/**
 * The web app's static files, built with Vite on first use and kept in dist/web/<signature>/ until
 * its sources change, as bin/bundle.js keeps the CLI's bundle: `haggle serve` needs no build step.
 * Concurrent first starts (a test and a server, two servers) each build aside and the first rename
 * wins; the others use it.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { projectRoot } from "../../paths.ts";

/** Where the web app's sources are, relative to the package root. */
export const WEB_SOURCES = join("src", "interfaces", "web");

/**
 * Sources outside it that the app's code imports (the domain's hidden-text, for showing agent text):
 * a change there makes a new build too. Its type-only imports (api-types) leave nothing in the build.
 */
export const SHARED_SOURCES = [join("src", "domain")];

const READY = ".ready";

export interface WebBuildOptions {
  /** The package root (tests point it at a copy); the project's own by default. */
  root?: string;
  /** Build even when a build of these sources exists. */
  force?: boolean;
}

export interface WebBuild {
  /** The folder of static files: index.html and assets/. */
  dir: string;
  /** Whether this call built it (false: an earlier build of the same sources was used). */
  built: boolean;
}

/** Every source file's path, size and time, and the versions of the tools, so any change makes a new build. */
export function webSignature(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const stat = statSync(path);
        hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, WEB_SOURCES));
  for (const shared of SHARED_SOURCES) walk(join(root, shared));
  for (const name of ["vite", "@vitejs/plugin-react", "react", "react-dom", "@tanstack/react-query"]) {
    hash.update(`${name}@${versionOf(root, name)}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

function versionOf(root: string, name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8"));
    return String((manifest as { version?: unknown }).version ?? "?");
  } catch {
    return "?";
  }
}

/** The built web app for the current sources, building it first if needed. */
export async function webBuild(options: WebBuildOptions = {}): Promise<WebBuild> {
  const root = options.root ?? projectRoot();
  const cache = join(root, "dist", "web");
  const dir = join(cache, webSignature(root));
  if (!options.force && existsSync(join(dir, READY))) return { dir, built: false };
  // Vite and its plugin load only when a build is needed: a server with a fresh build never pays for them.
  const [{ build }, { default: react }] = await Promise.all([import("vite"), import("@vitejs/plugin-react")]);
  const temp = `${dir}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  try {
    await build({
      root: join(root, WEB_SOURCES),
      configFile: false,
      envFile: false,
      publicDir: false,
      cacheDir: join(temp, ".vite"),
      base: "/",
      // Always React's production build: under a test runner NODE_ENV is "test", which would otherwise
      // give the development build (three times the size, and slower to start).
      mode: "production",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      logLevel: "silent",
      plugins: [react()],
      build: { outDir: temp, emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
    });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  rmSync(join(temp, ".vite"), { recursive: true, force: true });
  writeFileSync(join(temp, READY), `${new Date().toISOString()}\n`);
  if (options.force) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(temp, dir);
  } catch {
    // Another process placed the same build first: use theirs.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(join(dir, READY))) throw new Error(`could not place the web app's build in ${dir}`);
    return { dir, built: false };
  }
  removeOldBuilds(cache, dir);
  return { dir, built: true };
}

/** The folder of the web app's static files (index.html, assets/), built when its sources changed. */
export async function ensureWebBuild(options: WebBuildOptions = {}): Promise<string> {
  return (await webBuild(options)).dir;
}

/**
 * Builds of older sources pile up while someone edits: keep the newest few, and drop the rest once
 * they are an hour old, since a server started from one may still be serving it.
 */
function removeOldBuilds(cache: string, current: string): void {
  try {
    const entries = readdirSync(cache)
      .filter((name) => name !== basename(current))
      .map((name) => ({ name, path: join(cache, name), at: statSync(join(cache, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    const old = (at: number) => Date.now() - at > 3_600_000;
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
