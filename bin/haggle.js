#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: from a bundle made on first use and kept until the
// sources change (bin/bundle.js), else through tsx. HAGGLE_NO_BUNDLE=1 always uses tsx.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));

async function bundle() {
  if (process.env.HAGGLE_NO_BUNDLE) return undefined;
  try {
    const { bundledCli } = await import("./bundle.js");
    return await bundledCli(root);
  } catch (error) {
    if (process.env.HAGGLE_DEBUG) console.error("haggle: running from source:", error);
    return undefined;
  }
}

const dir = await bundle();
if (dir) {
  globalThis[Symbol.for("haggle.bundleDir")] = dir;
  await import(pathToFileURL(join(dir, "interfaces", "cli", "main.mjs")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/interfaces/cli/main.ts");
}
