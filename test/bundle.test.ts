import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module without types
import { bundledCli } from "../bin/bundle.js";
import { repoRoot } from "./support/haggle-cli.ts";

const exec = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "haggle-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A project with the two entry points the bundle has, each printing what it says. */
function project(says: string): void {
  for (const [path, text] of [
    ["src/interfaces/cli/main.ts", `import { word } from "../../word.ts";\nconsole.log(word);\n`],
    ["src/store/store-worker.ts", `export const worker: string = "worker";\n`],
    ["src/word.ts", `export const word: string = ${JSON.stringify(says)};\n`],
  ] as const) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe("the bundled CLI", () => {
  it("is rebuilt when a source changes, and runs what the sources say", async () => {
    project("first");
    const first: string = await bundledCli(root);
    expect(existsSync(join(first, "ready"))).toBe(true);
    expect(await bundledCli(root)).toBe(first);
    const run = (dir: string) => exec(process.execPath, [join(dir, "interfaces", "cli", "main.mjs")]);
    expect((await run(first)).stdout.trim()).toBe("first");

    project("second");
    // Same size, so only the time tells: set it apart explicitly.
    utimesSync(join(root, "src/word.ts"), new Date(), new Date(Date.now() + 5_000));
    const second: string = await bundledCli(root);
    expect(second).not.toBe(first);
    expect((await run(second)).stdout.trim()).toBe("second");
  });

  it("falls back to tsx when asked to", async () => {
    const { stdout } = await exec(process.execPath, ["bin/haggle.js", "--version"], {
      cwd: repoRoot,
      env: { ...process.env, HAGGLE_NO_BUNDLE: "1" },
    });
    expect(stdout.trim()).toBe("0.1.0");
  });
});
