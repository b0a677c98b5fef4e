import { RESERVED_PARTICIPANT_IDS } from "../../domain/mandate.ts";
import { slug } from "../../interview/draft.ts";

/**
 * A person's participant id, from their name ("Ana María" -> "ana-maria"), unique in the market and
 * never shaped like a built-in person's ("p001") or a reserved id; a name with no Latin letters gets
 * "person".
 */
export function participantIdFor(name: string, taken: ReadonlySet<string>): string {
  let base = slug(name, "person").slice(0, 40);
  if (/^p\d+$/.test(base) || RESERVED_PARTICIPANT_IDS.includes(base)) base = `${base}-person`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
