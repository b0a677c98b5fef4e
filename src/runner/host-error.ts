/** Why a market host refused a call: the kinds the CLI maps to exit codes and a server to statuses. */
export type HostErrorKind = "bad-input" | "not-found" | "forbidden" | "conflict" | "unavailable";

/** A call the market host could not take: a closed host, an unknown participant, a taken lock. */
export class HostError extends Error {
  override name = "HostError";
  constructor(
    readonly kind: HostErrorKind,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
