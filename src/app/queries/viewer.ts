import { type Audience, canSee } from "../../engine/audience.ts";
import type { MarketState } from "../../engine/state.ts";
import { badInput, forbidden } from "../errors.ts";

/**
 * Who is asking: the market's operator (who sees everything, as `canSee` grants "operator"), or one
 * participant (who sees what is public and what concerns them). An object, not a bare id, so a
 * participant can never pass as the operator by being called "operator".
 */
export type Viewer = "operator" | { participant: string };

export const OPERATOR: Viewer = "operator";

export function participantViewer(id: string): Viewer {
  return { participant: id };
}

/** The id of a participant viewer, or undefined for the operator. */
export function viewerParticipant(viewer: Viewer): string | undefined {
  return viewer === "operator" ? undefined : viewer.participant;
}

/**
 * Checks that the viewer belongs to this market: the operator always does; a participant must be
 * registered. `canSee` treats the id "operator" as the operator, so that id is refused for a
 * participant viewer rather than trusted (the engine does not reserve it; see the report).
 */
export function checkViewer(state: MarketState, viewer: Viewer): void {
  if (viewer === "operator") return;
  if (viewer.participant === "operator") {
    throw badInput("viewer/reserved-id", 'A participant viewer cannot have the id "operator".');
  }
  if (!state.participants.has(viewer.participant)) {
    throw forbidden("viewer/unknown", `"${viewer.participant}" is not a participant in this market.`);
  }
}

/** Whether the viewer may read something with this audience: the engine's rule (`canSee`). */
export function viewerMaySee(viewer: Viewer, audience: Audience): boolean {
  if (viewer === "operator") return canSee(audience, "operator");
  // `canSee` would take this participant for the operator.
  if (viewer.participant === "operator") return audience.kind === "public";
  return canSee(audience, viewer.participant);
}

/** The audience of a thread and everything in it (its messages, offers and deal): its two sides. */
export function threadAudience(thread: { seller: string; buyer: string }): Audience {
  return { kind: "participants", ids: [thread.seller, thread.buyer] };
}
