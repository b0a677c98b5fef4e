export { type FeedEntry, type FeedOptions, type FeedPage, feed, MAX_FEED_LIMIT } from "./feed.ts";
export { type ParticipantDeal, type ParticipantPage, participantPage } from "./participant-page.ts";
export type { PersonRef } from "./person-ref.ts";
export { runSummary } from "./run-summary.ts";
export { threadList } from "./thread-list.ts";
export type { DealSummary, ThreadSummary } from "./thread-summary.ts";
export {
  dealIdFor,
  type ThreadTranscript,
  type TranscriptMessage,
  type TranscriptOffer,
  threadIdFor,
  threadTranscript,
} from "./thread-transcript.ts";
export { checkViewer, OPERATOR, participantViewer, type Viewer } from "./viewer.ts";
