import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { UnknownItemError } from "../../agents/builtin/negotiation-setup.ts";
import {
  LlmBudgetExhaustedError,
  LlmConfigError,
  LlmReplayMissError,
  RecordedLlmError,
} from "../../agents/llm/errors.ts";
import { ModuleAgentError } from "../../agents/module-agent.ts";
import { AgentSpecError } from "../../agents/registry.ts";
import { CsvSyntaxError } from "../../analysis/csv.ts";
import { AnalysisInputError } from "../../analysis/errors.ts";
import { ExperimentError } from "../../app/experiment.ts";
import { type ErrorKind, HaggleError, httpStatusOf, kindOf } from "../../domain/errors.ts";
import { MoneyError } from "../../domain/money.ts";
import { ValidationError } from "../../domain/validation.ts";
import { InterviewAbortedError } from "../../interview/terminal.ts";
import { LogDivergenceError } from "../../runner/event-sink.ts";
import { RunFolderError } from "../../runner/run-folder.ts";
import { STORE_ERROR_KINDS, StoreError, type StoreErrorCode } from "../../store/store-error.ts";
import { exitCodeFor, UsageError } from "./errors.ts";

/** Every error class Haggle throws on purpose, with the kind, code and exit code it must map to. */
const CASES: [error: Error, name: string, kind: ErrorKind, code: string, exit: number][] = [
  [new UsageError("x"), "UsageError", "bad-input", "cli/usage", 2],
  [new ValidationError("x", []), "ValidationError", "bad-input", "input/invalid", 2],
  [new AnalysisInputError("x", []), "AnalysisInputError", "bad-input", "analysis/invalid-input", 2],
  [new MoneyError("x"), "MoneyError", "bad-input", "money/invalid", 2],
  [new AgentSpecError("x"), "AgentSpecError", "bad-input", "agents/invalid-spec", 2],
  [new LlmConfigError("x"), "LlmConfigError", "bad-input", "llm/config", 2],
  [new ModuleAgentError("x"), "ModuleAgentError", "bad-input", "agents/module", 2],
  [new UnknownItemError("x"), "UnknownItemError", "not-found", "catalogue/unknown-item", 2],
  [new RunFolderError("x"), "RunFolderError", "bad-input", "runner/run-folder", 2],
  [new CsvSyntaxError("x", 3), "CsvSyntaxError", "bad-input", "csv/syntax", 2],
  [new InterviewAbortedError("x"), "InterviewAbortedError", "bad-input", "interview/aborted", 2],
  [new LogDivergenceError("x"), "LogDivergenceError", "conflict", "runner/log-divergence", 2],
  [new LlmReplayMissError("x"), "LlmReplayMissError", "conflict", "llm/replay-miss", 2],
  [new LlmBudgetExhaustedError("x"), "LlmBudgetExhaustedError", "unavailable", "llm/budget-exhausted", 1],
  [new RecordedLlmError("x", 529), "RecordedLlmError", "unavailable", "llm/recorded-failure", 1],
  [new ExperimentError("x"), "ExperimentError", "unavailable", "experiment/arms-failed", 1],
  [
    new ExperimentError("x", { kind: "not-found", code: "experiment/unknown-arm" }),
    "ExperimentError",
    "not-found",
    "experiment/unknown-arm",
    2,
  ],
];

describe("every Haggle error", () => {
  it.each(CASES)(
    "%s keeps its name and maps to its kind, code and exit code",
    (error, name, kind, code, exit) => {
      expect(HaggleError.isInstance(error)).toBe(true);
      expect(error.name).toBe(name);
      expect(error.message).toBe("x");
      expect(kindOf(error)).toBe(kind);
      expect((error as HaggleError).code).toBe(code);
      expect(exitCodeFor(error)).toBe(exit);
    },
  );

  it("keeps the subclasses the CLI and tests rely on", () => {
    expect(new LlmConfigError("x")).toBeInstanceOf(AgentSpecError);
    expect(new AnalysisInputError("x", [])).toBeInstanceOf(ValidationError);
  });
});

describe("StoreError", () => {
  it("takes its kind from its code", () => {
    const kinds = Object.fromEntries(
      (Object.keys(STORE_ERROR_KINDS) as StoreErrorCode[]).map((code) => [
        code,
        new StoreError(code, "x").kind,
      ]),
    );
    expect(kinds).toEqual({
      "store/sequence-gap": "conflict",
      "store/duplicate-seq": "conflict",
      "store/unknown-market": "not-found",
      "store/market-exists": "conflict",
      "store/invalid-data": "bad-input",
      "store/unreachable": "unavailable",
      "store/locked": "conflict",
      "store/schema-too-new": "conflict",
      "store/invalid-options": "bad-input",
      "store/closed": "internal",
    });
  });

  it("exits 2 for a locked data folder or bad options, 1 for an unreachable database or a bug", () => {
    const cause = new Error("driver");
    const locked = new StoreError("store/locked", "the data folder is open in another process", { cause });
    expect([locked.name, locked.code, locked.cause]).toEqual(["StoreError", "store/locked", cause]);
    expect(exitCodeFor(locked)).toBe(2);
    expect(httpStatusOf(locked)).toBe(409);
    expect(exitCodeFor(new StoreError("store/invalid-options", "x"))).toBe(2);
    expect(exitCodeFor(new StoreError("store/unreachable", "x"))).toBe(1);
    expect(httpStatusOf(new StoreError("store/unreachable", "x"))).toBe(503);
    expect(exitCodeFor(new StoreError("store/closed", "x"))).toBe(1);
  });
});

describe("exitCodeFor", () => {
  it("exits 2 for commander's usage errors and 1 for anything else", () => {
    expect(exitCodeFor(new CommanderError(1, "commander.unknownCommand", "unknown command"))).toBe(2);
    expect(exitCodeFor(new Error("boom"))).toBe(1);
    expect(exitCodeFor(Object.assign(new Error("no such file"), { code: "ENOENT" }))).toBe(1);
    expect(exitCodeFor("thrown text")).toBe(1);
    expect(exitCodeFor(undefined)).toBe(1);
  });

  it("maps a HaggleError from another copy of the class (another bundle) by its kind", async () => {
    const copy: typeof import("../../domain/errors.ts") = await import(
      /* @vite-ignore */ `${"../../domain/errors.ts"}?cli-copy`
    );
    const Foreign = copy.errorBase("not-found", "test/foreign");
    expect(exitCodeFor(new Foreign("x"))).toBe(2);
    expect(exitCodeFor(new Foreign("x", { kind: "unavailable" }))).toBe(1);
  });
});
