import type { MarketState } from "../../engine/state.ts";
import { summariseThread, type ThreadSummary } from "./thread-summary.ts";
import { checkViewer, threadAudience, type Viewer, viewerMaySee } from "./viewer.ts";

/**
 * The threads `viewer` may see, in the order they were opened: every thread for the operator, a
 * participant's own (as seller or buyer) for a participant.
 */
export function threadList(state: MarketState, viewer: Viewer): ThreadSummary[] {
  checkViewer(state, viewer);
  const ids =
    viewer === "operator" ? state.threads.keys() : state.participants.get(viewer.participant)!.threadIds;
  const summaries: ThreadSummary[] = [];
  for (const id of ids) {
    const thread = state.threads.get(id)!;
    if (viewerMaySee(viewer, threadAudience(thread))) summaries.push(summariseThread(state, thread));
  }
  return summaries;
}
