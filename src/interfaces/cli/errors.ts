import { UnknownItemError } from "../../agents/builtin/negotiation-setup.ts";
import { ModuleAgentError } from "../../agents/module-agent.ts";
import { AgentSpecError } from "../../agents/registry.ts";
import { MoneyError } from "../../domain/money.ts";
import { ValidationError } from "../../domain/validation.ts";
import { RunFolderError } from "../../runner/run-folder.ts";

/** A user gave the CLI something it cannot use: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Maps an error to the CLI's exit code: 2 for bad input, 1 for a runtime failure. */
export function exitCodeFor(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof ValidationError ||
    error instanceof MoneyError ||
    error instanceof AgentSpecError ||
    error instanceof ModuleAgentError ||
    error instanceof UnknownItemError ||
    error instanceof RunFolderError
  )
    return 2;
  if (error instanceof Error && (error as { code?: string }).code?.startsWith("commander.")) return 2;
  return 1;
}
