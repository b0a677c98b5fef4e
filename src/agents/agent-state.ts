import type { AgentView } from "../engine/view.ts";

/**
 * What an agent keeps between two turns, as plain JSON data: what a turn taken on another process
 * (a turn worker, src/app/turn-workers) starts from and gives back. An agent that can save its state
 * can take its turns anywhere: made again from its spec and context, loaded with the state, it decides
 * exactly as the one that saved it would have.
 */
export type AgentState = { kind: string; data: PlainData };

/** JSON-safe data (what `encodePlain` makes). */
export type PlainData = null | boolean | number | string | PlainData[] | { [key: string]: PlainData };

/**
 * Encodes Maps and Sets (and the objects and arrays around them) as plain JSON data that
 * `decodePlain` turns back into them: a Map as `{ $map: [[key, value], ...] }`, a Set as
 * `{ $set: [...] }`, in insertion order (an agent that iterates its memory must find the same order
 * on any process). Properties holding `undefined` are left out, as JSON would.
 */
export function encodePlain(value: unknown): PlainData {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodePlain(k), encodePlain(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encodePlain) };
  if (Array.isArray(value)) return value.map(encodePlain);
  if (typeof value === "object") {
    const out: { [key: string]: PlainData } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = encodePlain(item);
    }
    return out;
  }
  throw new TypeError(`cannot keep a ${typeof value} in an agent's state`);
}

export function decodePlain<T>(data: PlainData): T {
  return decode(data) as T;
}

function decode(data: PlainData): unknown {
  if (data === null || typeof data !== "object") return data;
  if (Array.isArray(data)) return data.map(decode);
  const keys = Object.keys(data);
  if (keys.length === 1 && keys[0] === "$map" && Array.isArray(data.$map)) {
    return new Map((data.$map as PlainData[][]).map(([k, v]) => [decode(k!), decode(v!)]));
  }
  if (keys.length === 1 && keys[0] === "$set" && Array.isArray(data.$set)) {
    return new Set((data.$set as PlainData[]).map(decode));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decode(data[key]!);
  return out;
}

/** An agent whose turns can travel: it saves its state after a turn and loads it before one. */
export interface TravellingAgent {
  saveState(): AgentState;
  /**
   * Replaces what the agent remembers with `state`. `view` is the market as the agent saw it at that
   * state's turn (or sees it now, for the turn about to be taken): what its own mandate says, and
   * what the ids in a refusal it is told of next refer to.
   */
  loadState(state: AgentState, view: AgentView): void;
}
