import type { Agent } from "../agents/agent.ts";
import { AgentTimeoutError } from "../agents/agent-timeout.ts";
import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";

/** How an agent's turn failed, as the log records it (`agent-faulted`). */
export type TurnFault = { fault: "threw" | "timeout" | "malformed"; reason: string };

/** The agent's own words never reach the log through a fault: only a bounded, plain description. */
function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${String(error.message).slice(0, 300)}`;
    return `threw a ${typeof error}`;
  } catch {
    return "threw something that cannot be described";
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === "object" || typeof value === "function") &&
      value !== null &&
      typeof (value as { then?: unknown }).then === "function"
    );
  } catch {
    return false;
  }
}

/**
 * Asks an agent for its turn so that nothing it does can stop the market: a throw, an answer that is
 * not an array of plain actions (proxies, throwing getters, cycles of functions), or a promise that
 * does not settle within `timeoutMs`. The actions come back as structured clones, so the engine only
 * ever reads plain data the agent can no longer change.
 */
export async function takeTurn(
  agent: Agent,
  view: AgentView,
  timeoutMs: number,
): Promise<{ actions: AgentAction[] } | TurnFault> {
  let answer: unknown;
  try {
    answer = agent.decide(view);
  } catch (error) {
    return { fault: "threw", reason: describeError(error) };
  }
  if (isThenable(answer)) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = Symbol("timeout");
    try {
      answer = await Promise.race([
        Promise.resolve(answer),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(timedOut), timeoutMs);
        }),
      ]);
    } catch (error) {
      // The agent's own time limit (a module agent's worker, stopped) is a timeout like ours.
      if (error instanceof AgentTimeoutError) return { fault: "timeout", reason: describeError(error) };
      return { fault: "threw", reason: describeError(error) };
    } finally {
      clearTimeout(timer);
    }
    if (answer === timedOut) return { fault: "timeout", reason: `no answer within ${timeoutMs} ms` };
  }
  try {
    if (!Array.isArray(answer)) {
      const what = answer === null ? "null" : typeof answer;
      return { fault: "malformed", reason: `decide returned ${what}, not an array of actions` };
    }
    const actions = structuredClone(answer) as unknown[];
    const bad = actions.findIndex(
      (action) => typeof action !== "object" || action === null || Array.isArray(action),
    );
    if (bad !== -1) return { fault: "malformed", reason: `action ${bad} is not an object` };
    return { actions: actions as AgentAction[] };
  } catch (error) {
    return {
      fault: "malformed",
      reason: `its actions cannot be read as plain data (${describeError(error)})`,
    };
  }
}

/** Calls an optional hook of the agent's, telling whether it threw (a fault like any other). */
export function callHook(hook: () => void): TurnFault | undefined {
  try {
    hook();
    return undefined;
  } catch (error) {
    return { fault: "threw", reason: describeError(error) };
  }
}
