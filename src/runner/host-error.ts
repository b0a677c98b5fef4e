import { type ErrorKind, HaggleError } from "../domain/errors.ts";

/** Why a market host refused a call: a closed host, an unknown participant, a taken lock. */
export class HostError extends HaggleError {
  override name = "HostError";
  constructor(kind: ErrorKind, code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, { kind, code, ...options });
  }
}
