import { styleFromPersona } from "../agents/builtin/language/persona-style.ts";

/**
 * A few groups of negotiating instructions, read from the owner's persona text with the same keyword
 * cues the built-in negotiator uses (styleFromPersona). When several apply, the first in this order wins:
 * lowball/aggressive, close-fast, theatrical/role-play, polite-firm, friendly; "other" when the text
 * matches none; "none" when there is no text.
 */
export type PersonaGroup =
  | "lowball-aggressive"
  | "close-fast"
  | "theatrical-roleplay"
  | "polite-firm"
  | "friendly"
  | "other"
  | "none";

export const PERSONA_GROUPS: readonly PersonaGroup[] = [
  "lowball-aggressive",
  "close-fast",
  "theatrical-roleplay",
  "polite-firm",
  "friendly",
  "other",
  "none",
];

export const PERSONA_GROUP_LABELS: Record<PersonaGroup, string> = {
  "lowball-aggressive": "lowball / aggressive",
  "close-fast": "close fast",
  "theatrical-roleplay": "theatrical / role-play",
  "polite-firm": "polite but firm",
  friendly: "friendly",
  other: "other instructions",
  none: "no instructions",
};

/**
 * @example personaGroup("Aggressive: open with a hard lowball") // "lowball-aggressive"
 * @example personaGroup("") // "none"
 */
export function personaGroup(text: string | undefined): PersonaGroup {
  if (!text || text.trim() === "") return "none";
  const style = styleFromPersona(text, "");
  const toneCue = style.cues.some((cue) => cue.startsWith("tone:"));
  if (style.flags.lowballOpen || (toneCue && style.tone === "aggressive")) return "lowball-aggressive";
  if (style.flags.closeFast || (toneCue && style.tone === "brisk")) return "close-fast";
  if ((toneCue && style.tone === "theatrical") || style.voice !== "plain") return "theatrical-roleplay";
  if (toneCue && (style.tone === "polite-firm" || style.tone === "formal" || style.tone === "terse"))
    return "polite-firm";
  if (toneCue) return "friendly";
  return "other";
}
