export {
  parseSlackBlock,
  type SlackConfig,
  type SlackConfigInput,
  type SlackSecrets,
  slackConfigSchema,
  slackSecrets,
  slackSigningSecret,
} from "./config.ts";
export {
  type SlackMirror,
  type SlackMirrorActions,
  type SlackMirrorTiming,
  type StartSlackMirrorOptions,
  type SurveyAnswer,
  slackLinkCode,
  startSlackMirror,
} from "./mirror.ts";
export { MIRROR_FILE } from "./mirror-state.ts";
export { listenForSlack, SLACK_EVENTS_PATH, slackMount, slackRequestsApp } from "./slack-server.ts";
export { slackPlain, slackText } from "./slack-text.ts";
