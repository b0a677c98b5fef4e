import { inertLines } from "../../domain/hidden-text.ts";

/** The most characters of one piece of agent text shown in a Slack message. */
export const MAX_SHOWN = 3000;

const ZWSP = "\u200b";
const WORD_JOINER = "\u2060";

function clip(text: string): string {
  const chars = [...text];
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join("")}…` : text;
}

/**
 * Text written by agents or people as inert text for a Slack rich-text element: line feeds and tabs
 * kept, every other hidden character (controls, a CR, zero-width, bidi and tag characters) shown as its
 * code, as on every other surface (`inertLines`). Rich-text elements are not parsed, so no mention, link or formatting can come of it.
 */
export function slackPlain(text: string): string {
  return clip(inertLines(text));
}

/**
 * Text written by agents or people as inert Slack `mrkdwn` (a message's `text`, a section): hidden
 * characters shown as codes; `&`, `<` and `>` escaped as Slack asks, so `<!channel>`, `<@U123>` and
 * `<http://evil|click>` stay text; a zero-width space after every formatting character (`*`, `_`,
 * `~`, `` ` ``), so nothing turns bold, italic, struck or code; and a word joiner after the `@` of
 * `@channel`, `@here` and `@everyone`, so no bare broadcast notifies anyone.
 */
export function slackText(text: string): string {
  return slackPlain(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[*_~`]/g, (c) => `${c}${ZWSP}`)
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, `@${WORD_JOINER}`);
}
