import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../paths.ts";
import { SHARED_SOURCES, WEB_SOURCES, webBuild } from "./build.ts";

describe("the web app's build", () => {
  let root: string;

  beforeAll(() => {
    // A copy of the package holding only what the build reads, so the test never touches dist/ of the checkout.
    root = mkdtempSync(join(tmpdir(), "haggle-web-build-"));
    for (const folder of [WEB_SOURCES, ...SHARED_SOURCES]) {
      cpSync(join(projectRoot(), folder), join(root, folder), { recursive: true });
    }
    symlinkSync(join(projectRoot(), "node_modules"), join(root, "node_modules"), "dir");
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("builds static files once, and again only when a source changes", async () => {
    const first = await webBuild({ root });
    expect(first.built).toBe(true);
    const html = readFileSync(join(first.dir, "index.html"), "utf8");
    const script = /<script type="module"[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    expect(existsSync(join(first.dir, script!))).toBe(true);
    expect(readdirSync(join(first.dir, "assets")).some((name) => name.endsWith(".css"))).toBe(true);

    const second = await webBuild({ root });
    expect(second).toEqual({ dir: first.dir, built: false });

    const main = join(root, WEB_SOURCES, "src", "main.tsx");
    const later = new Date(Date.now() + 5_000);
    utimesSync(main, later, later);
    const third = await webBuild({ root });
    expect(third.built).toBe(true);
    expect(third.dir).not.toBe(first.dir);
  });

  it("lets two builds of the same sources race: both get the same complete folder", async () => {
    const style = join(root, WEB_SOURCES, "src", "styles.css");
    const later = new Date(Date.now() + 10_000);
    utimesSync(style, later, later);
    const [a, b] = await Promise.all([webBuild({ root }), webBuild({ root })]);
    expect(a.dir).toBe(b.dir);
    expect(existsSync(join(a.dir, "index.html"))).toBe(true);
    expect(readdirSync(join(root, "dist", "web")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
