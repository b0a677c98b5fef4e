import { storableText } from "../domain/storable-text.ts";
import { type Action, actionSchema, MARKET_ACTOR } from "./action.ts";
import { acceptOffer, confirmDeal, expireDeal, markHandedOver } from "./decide/deal-actions.ts";
import type { Decision } from "./decide/decision.ts";
import { postListing, postWantAd, withdrawListing } from "./decide/listing-actions.ts";
import { closeMarket, openMarket, registerParticipant, reportAgentFault } from "./decide/market-actions.ts";
import { makeOffer, withdrawOffer } from "./decide/offer-actions.ts";
import { declineThread, openThread, sendMessage } from "./decide/thread-actions.ts";
import type { EventBody, MarketEvent } from "./event.ts";
import { canonicalJson, fingerprint } from "./fingerprint.ts";
import { type Rejection, reject } from "./rejection.ts";
import type { MarketState } from "./state.ts";

/** What `decide` returns: events to append (a refusal is logged too), and the verdict. */
export type Outcome =
  | { ok: true; events: MarketEvent[]; duplicate?: boolean }
  | { ok: false; rejection: Rejection; events: MarketEvent[] };

const SYSTEM_ACTIONS = new Set([
  "register-participant",
  "open-market",
  "close-market",
  "report-agent-fault",
  "expire-deal",
]);
/** Actions that commit the owner to something new; refused once the mandate expired. */
const COMMITTING = new Set(["post-listing", "post-want-ad", "open-thread", "make-offer", "accept-offer"]);

/**
 * The refused input as plain JSON that the log can always store: any value an agent sent (bigints,
 * cycles, NUL characters, huge strings) becomes something bounded and serialisable.
 */
function summarise(input: unknown): { type: string; summary: Record<string, unknown> } {
  let text: string;
  try {
    text =
      JSON.stringify(input, (_key, value: unknown) => {
        if (typeof value === "bigint") return value.toString();
        if (typeof value === "string")
          return storableText(value.length > 300 ? `${value.slice(0, 300)}…` : value);
        return value;
      }) ?? "null";
  } catch {
    text = JSON.stringify(String(input));
  }
  if (text.length > 4000) text = JSON.stringify(`${text.slice(0, 4000)}…`);
  const value: unknown = JSON.parse(text);
  const summary =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  const type = summary.type;
  return { type: typeof type === "string" ? type : "unknown", summary };
}

function route(state: MarketState, action: Action, now: number): Decision {
  switch (action.type) {
    case "register-participant":
      return registerParticipant(state, action);
    case "open-market":
      return openMarket(state, action, now);
    case "close-market":
      return closeMarket(state);
    case "report-agent-fault":
      return reportAgentFault(state, action);
    case "expire-deal":
      return expireDeal(state, action, now);
    default:
      break;
  }
  const self = state.participants.get(action.actor)!;
  switch (action.type) {
    case "post-listing":
      return postListing(state, self, action, now);
    case "withdraw-listing":
      return withdrawListing(state, self, action);
    case "post-want-ad":
      return postWantAd(state, self, action, now);
    case "send-message":
      return sendMessage(state, self, action, now);
    case "open-thread":
      return openThread(state, self, action, now);
    case "make-offer":
      return makeOffer(state, self, action, now);
    case "withdraw-offer":
      return withdrawOffer(state, self, action);
    case "accept-offer":
      return acceptOffer(state, self, action, now);
    case "confirm-deal":
      return confirmDeal(state, self, action, now);
    case "decline-thread":
      return declineThread(state, self, action, now);
    case "mark-handed-over":
      return markHandedOver(state, self, action);
    case "record-usage":
      return [{ type: "usage-recorded", inputTokens: action.inputTokens, outputTokens: action.outputTokens }];
  }
}

function checkActor(state: MarketState, action: Action, now: number): Rejection | undefined {
  if (SYSTEM_ACTIONS.has(action.type)) {
    return action.actor === MARKET_ACTOR
      ? undefined
      : reject("participant/not-allowed", `Only the market operator may ${action.type.replace("-", " ")}.`);
  }
  const self = state.participants.get(action.actor);
  if (!self) return reject("participant/unknown", `"${action.actor}" is not registered in this market.`);
  if (action.type !== "record-usage" && self.tokens >= state.config.caps.maxTokensPerParticipant) {
    return reject("cap/tokens", "Your agent has used its whole allowance of model tokens for this market.");
  }
  const expiresAt = self.participant.mandate.expiresAt;
  if (expiresAt !== undefined && now > expiresAt && COMMITTING.has(action.type)) {
    return reject(
      "mandate/expired",
      "Your owner's mandate has expired; you may no longer make new commitments.",
    );
  }
  return undefined;
}

/**
 * The engine's pure core: given the state and a proposed action, returns the events it causes, or a
 * rejection with a stable code (itself logged as an `action-refused` event). Never throws on bad
 * input and never mutates `state`. `now` is the market clock, supplied by the runner.
 *
 * `options.refuse` refuses the action with that rejection whatever it is (the runner's caps, such as
 * the most actions one turn may propose): the log records it like any other refusal.
 */
export function decide(
  state: MarketState,
  input: unknown,
  now: number,
  options: { refuse?: Rejection } = {},
): Outcome {
  const at = Math.max(now, state.now);
  let seq = state.seq;
  const stamp = (bodies: EventBody[], actor: string, key?: string, fp?: string): MarketEvent[] =>
    bodies.map((body, index) => ({
      seq: ++seq,
      at,
      actor,
      ...(key !== undefined ? { key } : {}),
      ...(index === 0 && fp !== undefined ? { fingerprint: fp } : {}),
      ...body,
    }));
  const refuse = (rejection: Rejection, actor: string, key?: string): Outcome => ({
    ok: false,
    rejection,
    events: stamp([{ type: "action-refused", action: summarise(input), ...rejection }], actor, key),
  });

  const rawActor = (input as { actor?: unknown } | null)?.actor;
  const actorOf = typeof rawActor === "string" ? rawActor : "unknown";
  if (options.refuse) return refuse(options.refuse, actorOf);
  const parsed = actionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return refuse(
      reject(
        "action/invalid",
        `The action is malformed (${where}${issue?.message ?? "invalid"}); fix it and retry.`,
      ),
      actorOf,
    );
  }
  const action = parsed.data;
  const { idempotencyKey: key, ...content } = action;
  let fp: string | undefined;
  if (key !== undefined) {
    fp = fingerprint(canonicalJson(content));
    const seen = state.idempotency.get(`${action.actor}|${key}`);
    if (seen !== undefined) {
      if (seen === fp) return { ok: true, events: [], duplicate: true };
      return refuse(
        reject(
          "idempotency/conflict",
          `Idempotency key "${key}" was already used for a different action; use a new key.`,
        ),
        action.actor,
        key,
      );
    }
  }
  const denied = checkActor(state, action, at);
  if (denied) return refuse(denied, action.actor, key);
  const decision = route(state, action, at);
  if (!Array.isArray(decision)) return refuse(decision, action.actor, key);
  return { ok: true, events: stamp(decision, action.actor, key, fp) };
}
