import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { errorBase } from "../domain/errors.ts";
import type { AgentAction } from "../engine/action.ts";
import type { AgentView } from "../engine/view.ts";
import type { Agent, AgentContext, AgentFactory } from "./agent.ts";

/** A `module:<path>` agent could not be loaded, or broke the agent interface. */
export class ModuleAgentError extends errorBase("bad-input", "agents/module") {
  override name = "ModuleAgentError";
}

function factoryOf(module: Record<string, unknown>, path: string): AgentFactory {
  const candidate = module.default ?? module.createAgent;
  if (typeof candidate === "function") return candidate as AgentFactory;
  if (candidate && typeof candidate === "object" && typeof (candidate as Agent).decide === "function") {
    return () => candidate as Agent;
  }
  throw new ModuleAgentError(
    `${path} must export an agent factory: \`export default function createAgent({ participantId, seed }) { return { decide(view) { return []; } }; }\` (or a named export \`createAgent\`)`,
  );
}

/**
 * Loads a person's own agent from a JS (or, under tsx, TS) module: its default export (or its
 * `createAgent` export) is an `AgentFactory` called with `{ participantId, seed }` that returns an
 * object with `decide(view)`. The returned agent checks that `decide` keeps to the interface, so a
 * broken module fails with a message that says what to fix. The engine still checks every action.
 * @example const agent = await loadModuleAgent("./examples/my-agent.js", { participantId: "ann", seed: 1 })
 */
export async function loadModuleAgent(
  path: string,
  context: AgentContext,
  options: { baseDir?: string } = {},
): Promise<Agent> {
  if (!path) throw new ModuleAgentError('module agent: give a path, e.g. "module:./examples/my-agent.js"');
  const file = isAbsolute(path) ? path : resolve(options.baseDir ?? process.cwd(), path);
  if (!existsSync(file)) throw new ModuleAgentError(`module agent: no file at ${file}`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ModuleAgentError(`module agent ${path} failed to load: ${(error as Error).message}`);
  }
  const made = await factoryOf(module, path)({ ...context });
  if (!made || typeof made.decide !== "function") {
    throw new ModuleAgentError(`the factory in ${path} must return an object with a decide(view) method`);
  }
  const spec = `module:${path}`;
  return {
    spec,
    async decide(view: AgentView): Promise<AgentAction[]> {
      const actions = await made.decide(view);
      if (actions === undefined || actions === null) return [];
      if (!Array.isArray(actions)) {
        throw new ModuleAgentError(
          `${spec}: decide(view) must return an array of actions (or a promise of one)`,
        );
      }
      return actions.filter((action): action is AgentAction => typeof action === "object" && action !== null);
    },
    onRefused(refusal) {
      made.onRefused?.(refusal);
    },
    // Only an agent that can restore says it can: a live market's resume calls it with the view.
    ...(typeof made.restore === "function" ? { restore: (view: AgentView) => made.restore!(view) } : {}),
  };
}
