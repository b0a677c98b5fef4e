import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

/**
 * Where the browser tests find Chromium, in this order:
 *
 * 1. `CHROME_PATH`, when set (and only it: a path given on purpose that does not exist is reported, not
 *    replaced by another browser);
 * 2. the system's: Debian's `/usr/bin/chromium` (what `.ci/run` installs), Ubuntu's `chromium-browser`,
 *    Google Chrome;
 * 3. a browser playwright already downloaded (`npx playwright install chromium`): the revision this
 *    playwright-core expects, else any Chromium in playwright's cache.
 *
 * Where none is found the browser tests skip, saying in one line how to get one.
 */
export type ChromiumLookup = { path: string; reason?: undefined } | { path?: undefined; reason: string };

const SYSTEM = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

export const HOW_TO_GET_CHROMIUM =
  "install one with `npx playwright install chromium` (or `apt-get install chromium`), or set CHROME_PATH";

export interface ChromiumLookupOptions {
  env?: NodeJS.ProcessEnv;
  /** The system paths to try (the defaults above). */
  system?: readonly string[];
  /** Playwright's browser cache (`PLAYWRIGHT_BROWSERS_PATH`, else `~/.cache/ms-playwright`). */
  playwrightCache?: string;
  /** The path playwright-core expects for its own revision. */
  playwrightExpected?: () => string;
}

export function findChromium(options: ChromiumLookupOptions = {}): ChromiumLookup {
  const env = options.env ?? process.env;
  const given = env.CHROME_PATH?.trim();
  if (given) {
    return existsSync(given)
      ? { path: given }
      : { reason: `CHROME_PATH=${given} does not exist: point it at a Chromium or Chrome, or unset it` };
  }
  for (const path of options.system ?? SYSTEM) if (existsSync(path)) return { path };
  const expected = safely(options.playwrightExpected ?? (() => chromium.executablePath()));
  if (expected && existsSync(expected)) return { path: expected };
  const cache =
    options.playwrightCache ?? env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), ".cache", "ms-playwright");
  const cached = inPlaywrightCache(cache);
  if (cached) return { path: cached };
  return { reason: `no Chromium found: ${HOW_TO_GET_CHROMIUM}` };
}

function safely(get: () => string): string | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/** Any Chromium in playwright's cache, newest revision first (full browser before the headless shell). */
function inPlaywrightCache(cache: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(cache);
  } catch {
    return undefined;
  }
  const revision = (name: string) => Number(name.slice(name.lastIndexOf("-") + 1)) || 0;
  const full = names.filter((name) => /^chromium-\d+$/.test(name)).sort((a, b) => revision(b) - revision(a));
  const shells = names
    .filter((name) => /^chromium_headless_shell-\d+$/.test(name))
    .sort((a, b) => revision(b) - revision(a));
  const candidates = [
    ...full.flatMap((name) => [
      join(cache, name, "chrome-linux64", "chrome"),
      join(cache, name, "chrome-linux", "chrome"),
    ]),
    ...shells.flatMap((name) => [
      join(cache, name, "chrome-headless-shell-linux64", "chrome-headless-shell"),
      join(cache, name, "chrome-linux", "headless_shell"),
    ]),
  ];
  return candidates.find((path) => existsSync(path));
}

/** The lookup done once per test file, with its one line said once when the browser tests skip. */
let found: ChromiumLookup | undefined;
export function testChromium(): ChromiumLookup {
  if (!found) {
    found = findChromium();
    if (found.reason) console.warn(`Skipping browser tests: ${found.reason}`);
  }
  return found;
}

/** Headless Chromium as every browser test and benchmark launches it: nothing from the network. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
