/** The interview: from a conversation (or a guided form) to a participant file. */
export { readAmount, readCondition, readList, readReserve, readYesNo } from "./answers.ts";
export {
  describeParticipant,
  draftFromModel,
  type InterviewDraft,
  modelDraftSchema,
  participantFromDraft,
  participantYaml,
} from "./draft.ts";
export { runFormInterview } from "./form-interview.ts";
export { type InterviewOptions, runInterview } from "./interview.ts";
export { createModelInterview } from "./model-interview.ts";
export { askUntil, createTerminal, InterviewAbortedError, type Terminal } from "./terminal.ts";
