/**
 * The layers' boundaries, checked over the import graph: dependencies point inward, to the pure core
 * (README, "How the code is organised"). Every non-test .ts file under src/ is read, its relative
 * imports (static `import ... from`, `export ... from`, side-effect `import "..."`, dynamic and type
 * `import("...")`, type-only ones too) are resolved to their top-level folder, and each edge must be
 * one its layer's rule allows.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

type Layer =
  | "domain"
  | "engine"
  | "agents"
  | "store"
  | "analysis"
  | "interview"
  | "runner"
  | "app"
  | "redteam"
  | "interfaces";

/** What each layer may import besides itself. A folder with no rule here fails the check: add one. */
const RULES: Record<Layer, readonly Layer[]> = {
  // Money, mandates, listings, errors: nothing outside.
  domain: [],
  // The pure market.
  engine: ["domain"],
  agents: ["domain", "engine"],
  store: ["domain", "engine"],
  // Analysis records each agent's usage (agents/agent.ts) and groups deals by the style the built-in
  // negotiator reads from a persona (agents/builtin/language/persona-style.ts).
  analysis: ["domain", "engine", "agents"],
  interview: ["domain", "engine", "agents"],
  runner: ["domain", "engine", "agents", "store", "analysis"],
  // The application layer: use cases over everything but the interfaces that call them.
  app: ["domain", "engine", "agents", "store", "analysis", "interview", "runner"],
  // The red team: attacks run through the pure engine against any agent, scored on its records; the
  // CLI's `haggle redteam` is a shell over it.
  redteam: ["domain", "engine", "agents", "runner", "analysis"],
  interfaces: ["domain", "engine", "agents", "store", "analysis", "interview", "runner", "app", "redteam"],
};

/**
 * Files directly in src/ (paths.ts: where the package's own files are, in the source tree or a
 * bundle) are shared leaves: every layer may import them, and they may import nothing under src/.
 */
const SHARED_ROOT = "(src)";

/** Edges that break a rule today and are being removed. Each must still occur, so the list stays true. */
const KNOWN_VIOLATIONS: readonly { file: string; import: string }[] = [];

interface SourceFile {
  /** Relative to src/, with forward slashes: "runner/run-market.ts". */
  path: string;
  source: string;
}

interface Violation {
  file: string;
  import: string;
  message: string;
}

const REGEX_AFTER_WORD = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/**
 * The source with comments, template literals, regular expression literals and the insides of string
 * literals blanked out (newlines kept): what is left is code, where an import can be found by pattern
 * without being fooled by `import` in a comment, a string, a template or a regex with a quote in it.
 * `strings` keeps each string literal's text by the offset of its opening quote.
 */
function codeOnly(source: string): { code: string; strings: Map<number, string> } {
  const out = source.split("");
  const strings = new Map<number, string>();
  let lastSignificant = "";
  let lastWord = "";

  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n") out[k] = " ";
  };
  const skipString = (start: number): number => {
    const quote = source[start];
    let k = start + 1;
    while (k < source.length && source[k] !== quote && source[k] !== "\n") k += source[k] === "\\" ? 2 : 1;
    return k + 1;
  };
  const skipRegex = (start: number): number => {
    let k = start + 1;
    let inClass = false;
    while (k < source.length && source[k] !== "\n") {
      const c = source[k];
      if (c === "\\") k += 2;
      else {
        if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
        k++;
      }
    }
    k++;
    while (k < source.length && /[a-z]/i.test(source[k]!)) k++;
    return k;
  };
  // Scans code from `start`; inside a template's `${`, stops after the brace that closes it.
  const scanCode = (start: number, inTemplateExpression: boolean): number => {
    let k = start;
    let depth = 0;
    while (k < source.length) {
      const c = source[k]!;
      const next = source[k + 1];
      if (c === "/" && next === "/") {
        const end = source.indexOf("\n", k);
        const to = end === -1 ? source.length : end;
        blank(k, to);
        k = to;
      } else if (c === "/" && next === "*") {
        const end = source.indexOf("*/", k + 2);
        const to = end === -1 ? source.length : end + 2;
        blank(k, to);
        k = to;
      } else if (c === '"' || c === "'") {
        const end = skipString(k);
        strings.set(k, source.slice(k + 1, end - 1));
        blank(k + 1, end - 1);
        k = end;
        lastSignificant = c;
        lastWord = "";
      } else if (c === "`") {
        const end = skipTemplate(k);
        blank(k, end);
        k = end;
        lastSignificant = "`";
        lastWord = "";
      } else if (
        c === "/" &&
        (lastSignificant === "" ||
          /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant) ||
          REGEX_AFTER_WORD.has(lastWord))
      ) {
        const end = skipRegex(k);
        blank(k, end);
        k = end;
        lastSignificant = "/";
        lastWord = "";
      } else {
        if (c === "{") depth++;
        if (c === "}") {
          if (inTemplateExpression && depth === 0) return k + 1;
          depth--;
        }
        if (/[\w$]/.test(c)) {
          let end = k;
          while (end < source.length && /[\w$]/.test(source[end]!)) end++;
          lastWord = source.slice(k, end);
          lastSignificant = "a";
          k = end;
          continue;
        }
        if (!/\s/.test(c)) {
          lastSignificant = c;
          lastWord = "";
        }
        k++;
      }
    }
    return k;
  };
  // From a backtick to just past its closing backtick, expressions and nested templates included.
  const skipTemplate = (start: number): number => {
    let k = start + 1;
    while (k < source.length) {
      const c = source[k];
      if (c === "\\") k += 2;
      else if (c === "`") return k + 1;
      else if (c === "$" && source[k + 1] === "{") k = scanCode(k + 2, true);
      else k++;
    }
    return k;
  };

  scanCode(0, false);
  return { code: out.join(""), strings };
}

// Group 1 is the specifier's opening quote; the text between the quotes is blanked in the code.
const STATIC_IMPORT =
  /(?<![\w$.])(?:import|export)(?:\s+type)?\s*(?:[\w$*{},\s]+?\s*from\s*)?(["'])[^"'\n]*\1/dg;
const DYNAMIC_IMPORT = /(?<![\w$.])import\s*\(\s*(["'])[^"'\n]*\1\s*[,)]/dg;

/** Every module specifier a file imports or re-exports, in order, relative or not. */
function importsOf(source: string): string[] {
  const { code, strings } = codeOnly(source);
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of [STATIC_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of code.matchAll(pattern)) {
      const quote = match.indices![1]![0];
      found.push({ at: quote, specifier: strings.get(quote)! });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.specifier);
}

/** The layer of a path relative to src/: its top-level folder, or SHARED_ROOT for a file in src/ itself. */
function layerOf(path: string): string {
  const slash = path.indexOf("/");
  return slash === -1 ? SHARED_ROOT : path.slice(0, slash);
}

function isLayer(name: string): name is Layer {
  return Object.hasOwn(RULES, name);
}

/** Checks every relative import of `files` against RULES; returns each edge that breaks one. */
function checkImports(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    const fail = (specifier: string, message: string) =>
      violations.push({
        file: file.path,
        import: specifier,
        message: `src/${file.path} imports "${specifier}": ${message}`,
      });
    if (from !== SHARED_ROOT && !isLayer(from)) {
      violations.push({
        file: file.path,
        import: "",
        message: `src/${file.path} is in src/${from}/, which has no rule: add it to RULES in src/architecture.test.ts`,
      });
      continue;
    }
    for (const specifier of importsOf(file.source)) {
      if (!specifier.startsWith(".")) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      if (target.startsWith("../") || target === "..") {
        fail(specifier, "it leaves src/, where no layer rule applies (reach data files with projectPath)");
        continue;
      }
      const to = layerOf(target);
      // Within a layer anything goes, and every layer may use the shared files in src/ itself.
      if (to === from || (to === SHARED_ROOT && from !== SHARED_ROOT)) continue;
      if (from === SHARED_ROOT) {
        fail(
          specifier,
          `files directly in src/ are shared leaves and import nothing under src/ (it is in ${to})`,
        );
      } else if (!isLayer(to)) {
        fail(specifier, `src/${to}/ has no rule: add it to RULES in src/architecture.test.ts`);
      } else if (!RULES[from as Layer].includes(to)) {
        const allowed = RULES[from as Layer];
        fail(
          specifier,
          `${from} may not import ${to}; ${from} may import ${allowed.length ? allowed.join(", ") : "nothing outside itself"}`,
        );
      }
    }
  }
  return violations;
}

function sourceFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        files.push({ path: relative(root, path).split(sep).join("/"), source: readFileSync(path, "utf8") });
      }
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const isKnown = (violation: Violation) =>
  KNOWN_VIOLATIONS.some((known) => known.file === violation.file && known.import === violation.import);

describe("the layers' boundaries", () => {
  const files = sourceFiles(import.meta.dirname);

  it("hold: every import points inward", () => {
    expect(files.length).toBeGreaterThan(200);
    const fresh = checkImports(files).filter((violation) => !isKnown(violation));
    expect(fresh.map((violation) => violation.message)).toEqual([]);
  });

  it("list only known violations that still occur", () => {
    const found = checkImports(files);
    const gone = KNOWN_VIOLATIONS.filter(
      (known) =>
        !found.some((violation) => violation.file === known.file && violation.import === known.import),
    );
    expect(
      gone.map((known) => `${known.file} no longer imports ${known.import}: remove it from KNOWN_VIOLATIONS`),
    ).toEqual([]);
  });

  it("see the imports of real files, so the check is not vacuous", () => {
    const byPath = new Map(files.map((file) => [file.path, file]));
    expect(importsOf(byPath.get("runner/run-config.ts")!.source)).toContain("../agents/registry.ts");
    // Loaded on demand in the CLI's program: dynamic imports count.
    expect(importsOf(byPath.get("interfaces/cli/program.ts")!.source)).toContain("./commands/interview.ts");
  });
});

describe("the boundary checker", () => {
  const check = (path: string, source: string) => checkImports([{ path, source }]);

  it("catches a planted violation and names the file, the import and the rule", () => {
    const violations = check("domain/money.ts", 'import { openStore } from "../store/index.ts";\n');
    expect(violations).toEqual([
      {
        file: "domain/money.ts",
        import: "../store/index.ts",
        message:
          'src/domain/money.ts imports "../store/index.ts": domain may not import store; domain may import nothing outside itself',
      },
    ]);
    expect(
      check("engine/decide/offer.ts", 'export * from "../../runner/run-market.ts";')[0]?.message,
    ).toMatch(/engine may not import runner; engine may import domain$/);
    expect(check("runner/x.ts", 'const app = await import("../app/start.ts");')[0]?.message).toMatch(
      /runner may not import app/,
    );
    expect(check("app/x.ts", 'import type { Command } from "../interfaces/cli/program.ts";')).toHaveLength(1);
  });

  it("allows what the rules allow", () => {
    expect(
      check(
        "runner/x.ts",
        'import { z } from "zod";\nimport { a } from "../store/index.ts";\nimport "./y.ts";',
      ),
    ).toEqual([]);
    expect(check("interfaces/cli/x.ts", 'import { b } from "../../app/start.ts";')).toEqual([]);
    expect(check("domain/catalogue.ts", 'import { projectPath } from "../paths.ts";')).toEqual([]);
  });

  it("refuses new folders without a rule, shared root files that import layers, and imports out of src", () => {
    expect(check("web/page.ts", "export const x = 1;")[0]?.message).toBe(
      "src/web/page.ts is in src/web/, which has no rule: add it to RULES in src/architecture.test.ts",
    );
    expect(check("runner/x.ts", 'import "../web/page.ts";')[0]?.message).toMatch(/src\/web\/ has no rule/);
    expect(check("paths.ts", 'import { x } from "./domain/money.ts";')[0]?.message).toMatch(/shared leaves/);
    expect(check("store/x.ts", 'import data from "../../data/x.json";')[0]?.message).toMatch(/leaves src/);
  });

  it("finds every form of import, and none in comments, templates or regexes", () => {
    const source = [
      'import a from "./a.ts";',
      "import {",
      "  b,",
      "  type B,",
      '} from "./b.ts";',
      'import type { C } from "./c.ts";',
      'import * as d from "./d.ts";',
      'import "./e.ts";',
      'export { f } from "./f.ts";',
      'export * from "./g.ts";',
      'export type { H } from "./h.ts";',
      'const i = await import("./i.ts");',
      'type J = typeof import("./j.ts");',
      'import k from "./k.json" with { type: "json" };',
      '// import x from "./comment.ts";',
      '/* export * from "./block.ts"; */',
      [
        'const t = `import y from "./template.ts" $',
        '{inner(`import("./nested.ts")`)} and $',
        '{"}"}`;',
      ].join(""),
      "const quote = /[\"'`]/g; const slash = a / b / c;",
      "const s = \"import z from './string.ts'\";",
      "const m = import.meta.url;",
      'export const from = "./not-an-import.ts";',
      'export default function load() { return import("./l.ts"); }',
    ].join("\n");
    expect(importsOf(source)).toEqual([
      "./a.ts",
      "./b.ts",
      "./c.ts",
      "./d.ts",
      "./e.ts",
      "./f.ts",
      "./g.ts",
      "./h.ts",
      "./i.ts",
      "./j.ts",
      "./k.json",
      "./l.ts",
    ]);
  });
});
