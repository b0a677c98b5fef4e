/**
 * Stable, machine-readable reasons an action is refused. The message beside the code is a sentence
 * a person or a model can act on, and never contains a secret number.
 */
export const REJECTION_CODES = [
  "action/invalid",
  "market/not-open",
  "market/already-open",
  "market/closed",
  "participant/unknown",
  "participant/exists",
  "participant/not-allowed",
  "mandate/expired",
  "item/unknown",
  "item/already-listed",
  "item/sold",
  "want/unknown",
  "want/fulfilled",
  "want-ad/unknown",
  "want-ad/exists",
  "listing/unknown",
  "listing/not-active",
  "listing/own",
  "listing/not-owner",
  "listing/below-reserve",
  "thread/unknown",
  "thread/exists",
  "thread/not-party",
  "thread/closed",
  "thread/want-mismatch",
  "offer/unknown",
  "offer/not-recipient",
  "offer/not-maker",
  "offer/stale-version",
  "offer/expired",
  "offer/withdrawn",
  "offer/not-open",
  "offer/below-reserve",
  "offer/above-max-price",
  "budget/exceeded",
  "deal/unknown",
  "deal/not-party",
  "deal/not-confirmer",
  "deal/wrong-state",
  "deal/expired",
  "idempotency/conflict",
  "trade/not-allowed",
  "cap/offers",
  "cap/message-length",
  "cap/turns",
  "cap/tokens",
  "cap/actions",
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export function reject(code: RejectionCode, message: string): Rejection {
  return { code, message };
}

export function isRejection(value: unknown): value is Rejection {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    !Array.isArray(value)
  );
}
