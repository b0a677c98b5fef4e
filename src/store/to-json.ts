import { StoreError } from "./store-error.ts";

/**
 * JSON text for a query parameter. Both drivers pass strings through untouched, so stringifying
 * here gives one behaviour on both (pg would turn a top-level array into a PostgreSQL array).
 * Values JSON cannot carry are refused rather than stored altered; `what` names them.
 */
export function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new StoreError("store/invalid-data", `${what} is not JSON-serialisable: ${String(error)}`, {
      cause: error,
    });
  }
  if (json === undefined) throw new StoreError("store/invalid-data", `${what} is not JSON-serialisable.`);
  return json;
}
