import { type MarketSummary, summariseMarket } from "../../analysis/market-summary.ts";
import type { MarketState } from "../../engine/state.ts";
import { forbidden } from "../errors.ts";
import { checkViewer, type Viewer, viewerMaySee } from "./viewer.ts";

/**
 * The market's headline numbers and a few sample deals (with the opening lines of their threads),
 * for the operator only: the samples quote private negotiations.
 *
 * @throws AppError "summary/forbidden" (forbidden) for a participant viewer.
 */
export function runSummary(
  state: MarketState,
  viewer: Viewer,
  options: { samples?: number } = {},
): MarketSummary {
  checkViewer(state, viewer);
  if (!viewerMaySee(viewer, { kind: "operator" })) {
    throw forbidden("summary/forbidden", "Only the market's operator sees the run summary.");
  }
  return summariseMarket(state, options);
}
