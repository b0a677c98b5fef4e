/**
 * Builds the web app (src/interfaces/web) into dist/web/<signature>/ if its sources changed since the
 * last build; `haggle serve` does the same by itself, so this is only for trying the build.
 *
 * Usage: npm run build:web [-- --force]
 */
import { webBuild } from "../src/interfaces/web/build.ts";

const started = performance.now();
const { dir, built } = await webBuild({ force: process.argv.includes("--force") });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(built ? `Built the web app in ${seconds} s: ${dir}` : `The web app is up to date: ${dir}`);
