import { threadTranscript } from "../../app/queries/thread-transcript.ts";
import { OPERATOR } from "../../app/queries/viewer.ts";
import type { TranscriptLoader } from "../report/example-transcripts.ts";
import { openRun } from "./open-run.ts";

/** The report's example negotiations, read from each arm's run folder (its log, with `db` if in PostgreSQL). */
export function runTranscriptLoader(db?: string): TranscriptLoader {
  return async (dir, _arm, dealId) => {
    const { state } = await openRun(dir, db);
    const thread = threadTranscript(state, OPERATOR, dealId);
    return {
      seller: thread.seller.name,
      buyer: thread.buyer.name,
      messages: thread.messages.map((message) => ({
        side: message.from.id === thread.seller.id ? "seller" : "buyer",
        name: message.from.name,
        text: message.text,
      })),
    };
  };
}
