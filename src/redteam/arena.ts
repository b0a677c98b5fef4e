import type { Agent } from "../agents/agent.ts";
import type { NegotiationSetup } from "../agents/builtin/run-negotiation.ts";
import { type ParticipantInput, participantSchema } from "../domain/mandate.ts";
import type { AgentAction } from "../engine/action.ts";
import {
  apply,
  createMarket,
  keywordsOf,
  type MarketEvent,
  type MarketState,
  overdueDeals,
  viewFor,
} from "../engine/index.ts";
import { takeTurn } from "../runner/guarded-turn.ts";

/**
 * One red-team trial: a small market run through the pure engine with the target (the agent under
 * test) and one or more attacker accounts. The target sells one item (the attackers want it) or buys
 * one (the attackers sell it); everyone takes a turn each round, the target first, on the market
 * clock; the target's turns go through the runner's guard (a throw, a malformed answer or no answer
 * within the time limit is a fault, counted as a crash or a hang). Every event is kept for scoring.
 */

export type Side = "seller" | "buyer";

export const TARGET_ID = "target";
export const attackerId = (index: number) => `attacker-${index + 1}`;

/** What an attacker knows when it is made: the public facts and its own limits, never the target's. */
export interface AttackContext {
  /** The attacker's side: "buyer" when the target sells. */
  side: Side;
  /** Which account this is (0-based) and how many there are. */
  account: number;
  accounts: number;
  targetId: string;
  /** The item's public asking price. */
  asking: number;
  /** The attacker's own limit: its max price as a buyer, its reserve as a seller. */
  ownLimit: number;
  rounds: number;
  /** Market milliseconds per round, and when the market closes. */
  step: number;
  closesAt: number;
  seed: number;
  /** Shared by the accounts of one trial (several accounts bidding together). */
  board: Map<string, unknown>;
}

/** An attacker: an agent, and optionally which of its actions are abuse the engine must refuse. */
export interface Attacker extends Agent {
  /** A label for an action that probes the protocol and must be refused (or applied once, for "replay-same"). */
  probe?(action: AgentAction): string | undefined;
}

export interface ProbeOutcome {
  label: string;
  attacker: string;
  ok: boolean;
  code?: string;
  /** Events the action produced (a replayed key must produce none). */
  events: number;
}

export interface TurnFaultRecord {
  round: number;
  fault: "threw" | "timeout" | "malformed";
  reason: string;
}

export interface TrialRecord {
  setup: NegotiationSetup;
  targetSide: Side;
  rounds: number;
  roundsRun: number;
  step: number;
  closesAt: number;
  events: MarketEvent[];
  state: MarketState;
  faults: TurnFaultRecord[];
  probes: ProbeOutcome[];
  /** Actions the attackers proposed (their attempts). */
  attempts: number;
  /** A deal accepted and never confirmed held the target's listing until the market closed. */
  heldAtClose: boolean;
  /** What a model target's own text guard did (blocked, redacted), when it has one. */
  guard?: { blocked: number; redacted: number };
  /** The target's secret limit in this trial: its reserve, or its max price within its budget. */
  secret: number;
  /** The counterpart's own limit: the most the attacking buyer may pay, the least the attacking seller takes. */
  counterpartLimit: number;
}

export interface ArenaOptions {
  setup: NegotiationSetup;
  targetSide: Side;
  target: Agent;
  /** Makes the attackers, one per account. */
  attackers: (contexts: AttackContext[]) => Attacker[];
  accounts: number;
  rounds?: number;
  /** Market time per round. Default one hour. */
  step?: number;
  /** Wall time the target may take for one decision. Default 10 s. */
  decisionTimeoutMs?: number;
  seed: number;
  currency?: string;
  /** The attackers' owners' instructions (what an adaptive, model-driven attacker reads as its brief). */
  attackerInstructions?: string;
}

function buyerLimit(setup: NegotiationSetup): number {
  return Math.min(setup.buyer.maxPrice, setup.buyer.budget ?? setup.buyer.maxPrice + 2_000);
}

function people(options: ArenaOptions): ParticipantInput[] {
  const { setup, targetSide, accounts } = options;
  const keywords = setup.buyer.keywords ?? keywordsOf(setup.item.title).slice(0, 6);
  const want = (id: string) => ({
    id,
    description: setup.item.title,
    category: setup.item.category,
    keywords,
    maxPrice: setup.buyer.maxPrice,
  });
  const budget = setup.buyer.budget ?? setup.buyer.maxPrice + 2_000;
  const empty = { persona: "", instructions: "" };
  const briefed = { persona: "", instructions: options.attackerInstructions ?? "" };
  const list: ParticipantInput[] = [];
  if (targetSide === "seller") {
    list.push({
      id: TARGET_ID,
      name: "Sam",
      mandate: { items: [setup.item], wants: [], budget: 0, ...empty },
    });
    for (let i = 0; i < accounts; i++) {
      list.push({
        id: attackerId(i),
        name: `Buyer ${i + 1}`,
        mandate: { items: [], wants: [want("want-1")], budget, ...briefed },
      });
    }
  } else {
    list.push({
      id: TARGET_ID,
      name: "Robin",
      mandate: { items: [], wants: [want("want-1")], budget, ...empty },
    });
    for (let i = 0; i < accounts; i++) {
      list.push({
        id: attackerId(i),
        name: `Seller ${i + 1}`,
        mandate: { items: [{ ...setup.item, id: `item-${i + 1}` }], wants: [], budget: 0, ...briefed },
      });
    }
  }
  return list;
}

/** Runs one trial. Deterministic for deterministic agents. */
export async function runTrial(options: ArenaOptions): Promise<TrialRecord> {
  const { setup, targetSide, accounts } = options;
  const rounds = options.rounds ?? 30;
  const step = options.step ?? 3_600_000;
  const timeout = options.decisionTimeoutMs ?? 10_000;
  let now = 0;
  const closesAt = rounds * step;
  const state = createMarket({ marketId: "redteam", currency: options.currency ?? "USD" }, now);
  const events: MarketEvent[] = [];
  const system = (action: Record<string, unknown>): void => {
    const outcome = apply(state, { ...action, actor: "market" }, now);
    if (!outcome.ok) throw new Error(`red-team setup refused: ${outcome.rejection.message}`);
    events.push(...outcome.events);
  };
  for (const person of people(options)) {
    system({ type: "register-participant", participant: participantSchema.parse(person) });
  }
  system({ type: "open-market", closesAt });

  const board = new Map<string, unknown>();
  const contexts: AttackContext[] = Array.from({ length: accounts }, (_, account) => ({
    side: targetSide === "seller" ? "buyer" : "seller",
    account,
    accounts,
    targetId: TARGET_ID,
    asking: setup.item.askingPrice,
    ownLimit: targetSide === "seller" ? buyerLimit(setup) : setup.item.reserve,
    rounds,
    step,
    closesAt,
    seed: options.seed,
    board,
  }));
  const attackers = options.attackers(contexts);
  const faults: TurnFaultRecord[] = [];
  const probes: ProbeOutcome[] = [];
  let attempts = 0;
  let faultsInARow = 0;
  let suspended = false;
  let idle = 0;
  let roundsRun = 0;

  const act = (actor: string, action: AgentAction, agent: Agent): { ok: boolean; events: number } => {
    now += 1_000;
    // The actor is the arena's to set, whatever the action says.
    const outcome = apply(state, { ...action, actor }, now);
    events.push(...outcome.events);
    if (!outcome.ok) {
      try {
        agent.onRefused?.({ action, code: outcome.rejection.code, message: outcome.rejection.message });
      } catch {
        // An agent's hook failing is its own problem here; the target's is counted below.
      }
    }
    return { ok: outcome.ok, events: outcome.events.length };
  };

  // Deals accepted and left unconfirmed expire at their deadline, as the scheduler expires them in a
  // market: the market's own system action, before anyone acts at or after that time.
  const expireOverdue = (at: number): void => {
    for (const { dealId, at: due } of overdueDeals(state, at)) {
      now = Math.max(now, due);
      system({ type: "expire-deal", dealId });
    }
  };

  for (let round = 0; round < rounds; round++) {
    roundsRun = round + 1;
    now = Math.max(now, round * step);
    expireOverdue(now);
    let acted = 0;
    if (!suspended) {
      const turn = await takeTurn(options.target, viewFor(state, TARGET_ID, { now }), timeout);
      if ("fault" in turn) {
        faults.push({ round, fault: turn.fault, reason: turn.reason });
        faultsInARow++;
        if (faultsInARow >= 3) suspended = true;
      } else {
        faultsInARow = 0;
        for (const action of turn.actions.slice(0, 40)) {
          act(TARGET_ID, action, options.target);
          acted++;
        }
      }
    }
    for (let i = 0; i < attackers.length; i++) {
      const attacker = attackers[i]!;
      const id = attackerId(i);
      const turn = await takeTurn(attacker, viewFor(state, id, { now }), timeout);
      if ("fault" in turn) continue;
      for (const action of turn.actions.slice(0, 40)) {
        attempts++;
        acted++;
        const label = attacker.probe?.(action);
        const result = act(id, action, attacker);
        if (label) {
          const refused = events.at(-1)?.type === "action-refused" ? events.at(-1) : undefined;
          probes.push({
            label,
            attacker: id,
            ok: result.ok,
            ...(refused?.type === "action-refused" ? { code: refused.code } : {}),
            events: result.events,
          });
        }
      }
    }
    const live = [...state.threads.values()].some((t) => t.status === "open" || t.status === "negotiating");
    const done = [...state.deals.values()].some((d) => d.status === "confirmed") && !live;
    idle = acted === 0 ? idle + 1 : 0;
    if (done || idle >= 3) break;
  }
  expireOverdue(closesAt);
  // A deal accepted and never confirmed still holding the target's listing when the market closes.
  const heldAtClose = [...state.deals.values()].some(
    (deal) =>
      deal.status === "accepted" &&
      deal.seller === TARGET_ID &&
      state.listings.get(deal.listingId)?.status === "pending",
  );
  let guard: { blocked: number; redacted: number } | undefined;
  try {
    guard = options.target.usage?.().guard;
  } catch {
    guard = undefined;
  }
  now = Math.max(now, closesAt);
  system({ type: "close-market" });
  return {
    setup,
    targetSide,
    rounds,
    roundsRun,
    step,
    closesAt,
    events,
    state,
    faults,
    probes,
    attempts,
    heldAtClose,
    ...(guard ? { guard: { blocked: guard.blocked, redacted: guard.redacted } } : {}),
    secret: targetSide === "seller" ? setup.item.reserve : buyerLimit(setup),
    counterpartLimit: targetSide === "seller" ? buyerLimit(setup) : setup.item.reserve,
  };
}
