/**
 * An owner's free-text instructions turned into structured wishes where they can be ("never sell to
 * Dave", "mention that it was serviced last spring", "speak only French", "ask lots of questions",
 * "pick up evenings near the station"), the rest kept as notes, and a plain account of which wishes
 * the chosen agent acts on and which it does not.
 */
import type { Mandate, WishesInput } from "../domain/mandate.ts";

type Language = NonNullable<NonNullable<WishesInput["tone"]>["language"]>;

const LANGUAGES: Record<string, Language> = {
  english: "en",
  french: "fr",
  français: "fr",
  francais: "fr",
  spanish: "es",
  español: "es",
  espanol: "es",
  german: "de",
  deutsch: "de",
};

/** One clause the parser understood, as the person wrote it and as a structured wish. */
export interface ParsedWishes {
  wishes: WishesInput;
  /** Clauses turned into structured wishes, in the person's words. */
  understood: string[];
  /** Clauses kept as notes. */
  notes: string[];
}

/** Splits instructions into clauses: sentences, lines, and ";". */
function clausesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+|;\s*/)
    .map((clause) => clause.trim().replace(/[.!]+$/, ""))
    .filter((clause) => clause.length > 0);
}

/** A name as written ("Dave", "anyone called Dave", "the Smiths"), trimmed of filler words. */
function cleanName(raw: string): string | undefined {
  const name = raw
    .replace(/^(?:anyone|anybody|someone|people|a person|persons?)\s+(?:called|named)\s+/i, "")
    .replace(/^(?:called|named)\s+/i, "")
    .replace(/\s+(?:ever|again|please|at all)$/i, "")
    .replace(/["'“”‘’]/g, "")
    .trim();
  return name.length > 0 && name.length <= 100 && !/\s{2,}/.test(name) ? name : undefined;
}

/** The item a clause names by a word of its title ("the bike" -> the "Road bike"), if any. */
function itemNamed(clause: string, items: readonly { id: string; title: string }[]): string | undefined {
  const lower = clause.toLowerCase();
  const found = items.find((item) =>
    item.title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((word) => word.length >= 3 && new RegExp(`\\b${word}s?\\b`, "u").test(lower)),
  );
  return found?.id ?? (items.length === 1 ? items[0]!.id : undefined);
}

const AVOID = [
  /\b(?:never|don'?t|do not|won'?t|will not|not)\s+(?:sell|trade|deal|buy)\b.*?\b(?:to|with|from)\s+(.+)$/i,
  /\b(?:avoid|no deals? with|no trading with|stay away from|block)\s+(.+)$/i,
];
const FACT = [
  /\b(?:mention|tell (?:them|buyers|people|the buyer)|point out|let (?:them|buyers|people) know)\s+(?:that\s+)?(.+)$/i,
];
const LANGUAGE =
  /\b(?:speak|write|talk|reply|answer|negotiate|communicate)\b.*?\b(?:only\s+)?(?:in\s+)?(english|french|français|francais|spanish|español|espanol|german|deutsch)\b/i;
const LANGUAGE_ONLY =
  /^(?:in\s+)?(english|french|français|francais|spanish|español|espanol|german|deutsch)\s+only$/i;
const QUESTIONS =
  /\b(?:asks?|asking)\b.{0,30}\bquestions?\b|\bquestions?\b.{0,20}\b(?:a lot|lots|many|plenty)\b/i;
const BRIEF = /\b(?:keep (?:it|messages|things) (?:short|brief)|be brief|short messages|brief messages)\b/i;
const MEETING =
  /\b(?:pick[- ]?up|pick (?:it|them) up|collect(?:ion)?|meet(?:ing)?|hand[- ]?over|hand (?:it|them) over)\b\s*(?:is|at|only|from|in|on|:)?\s*(.*)$/i;

/**
 * Reads free-text instructions into structured wishes where it can; what it cannot is kept as notes.
 * `items` lets "mention the bike was serviced" find the item; with one item, facts go to it.
 * @example parseWishes("Never sell the bike to anyone called Dave. Speak only French.", [{ id: "bike", title: "Road bike" }])
 */
export function parseWishes(text: string, items: readonly { id: string; title: string }[]): ParsedWishes {
  const avoid: { name: string }[] = [];
  const facts: Record<string, string[]> = {};
  let meeting: string | undefined;
  let language: Language | undefined;
  let style: "questions" | "brief" | undefined;
  const understood: string[] = [];
  const notes: string[] = [];
  for (const clause of clausesOf(text)) {
    let matched = false;
    for (const pattern of AVOID) {
      const found = pattern.exec(clause);
      const names = found?.[1]
        ?.split(/\s*(?:,|\bor\b|\band\b|&)\s*/i)
        .map(cleanName)
        .filter((name): name is string => name !== undefined && /^\p{Lu}/u.test(name));
      if (names && names.length > 0) {
        for (const name of names) if (!avoid.some((entry) => entry.name === name)) avoid.push({ name });
        matched = true;
        break;
      }
    }
    if (!matched) {
      const found = FACT.map((pattern) => pattern.exec(clause)).find(Boolean);
      const item = found ? itemNamed(clause, items) : undefined;
      if (found?.[1] && item) {
        const fact = found[1];
        const sentence = fact.charAt(0).toUpperCase() + fact.slice(1);
        facts[item] = [...(facts[item] ?? []), sentence.slice(0, 300)];
        matched = true;
      }
    }
    if (!matched) {
      const found = LANGUAGE.exec(clause) ?? LANGUAGE_ONLY.exec(clause);
      if (found?.[1]) {
        language = LANGUAGES[found[1].toLowerCase()];
        matched = language !== undefined;
      }
    }
    if (!matched && QUESTIONS.test(clause)) {
      style = "questions";
      matched = true;
    }
    if (!matched && BRIEF.test(clause)) {
      style ??= "brief";
      matched = true;
    }
    if (!matched) {
      const found = MEETING.exec(clause);
      if (found && (found[1] ?? "").trim().length >= 3 && !/\b(?:deliver|ship|post)\b/i.test(clause)) {
        meeting = meeting ? `${meeting}; ${clause}` : clause;
        matched = true;
      }
    }
    if (matched) understood.push(clause);
    else notes.push(clause);
  }
  const wishes: WishesInput = {
    ...(avoid.length > 0 ? { avoid } : {}),
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
    ...(meeting ? { meeting: meeting.slice(0, 300) } : {}),
    ...(language || style
      ? { tone: { ...(language ? { language } : {}), ...(style ? { style } : {}) } }
      : {}),
    ...(notes.length > 0 ? { notes: notes.join(". ").slice(0, 2000) } : {}),
  };
  return { wishes, understood, notes };
}

/** Whether the wishes hold anything at all. */
export function hasWishes(wishes: WishesInput | undefined): boolean {
  if (!wishes) return false;
  return (
    (wishes.avoid?.length ?? 0) > 0 ||
    Object.values(wishes.facts ?? {}).some((list) => list.length > 0) ||
    (wishes.meeting ?? "") !== "" ||
    wishes.tone?.language !== undefined ||
    wishes.tone?.style !== undefined ||
    (wishes.notes ?? "") !== ""
  );
}

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", fr: "French", es: "Spanish", de: "German" };

/** Which kind of agent: the built-in negotiator, a model, or another (a module, a remote agent). */
export type AgentKind = "built-in" | "model" | "other" | "any";

/** The agent kind an agent spec names ("engine:strong", "llm:...", "module:...", "remote"). */
export function agentKindOf(spec: string | undefined): AgentKind {
  if (spec === undefined || spec.startsWith("engine:")) return "built-in";
  if (spec.startsWith("llm") || spec.includes("claude") || spec.includes("gpt")) return "model";
  return "other";
}

/**
 * What the person reads before confirming: each wish the agent acts on, and each it will not, plainly.
 * The built-in agent acts on the structured wishes only (it reads style words such as "friendly" or
 * "firm" from the persona and instructions, no more); a model agent reads everything, notes
 * included, as guidance.
 */
export function describeWishes(
  mandate: Pick<Mandate, "items" | "wishes" | "instructions">,
  kind: AgentKind,
): string[] {
  const wishes = mandate.wishes;
  const agent =
    kind === "built-in" ? "Your agent (built-in)" : kind === "model" ? "Your agent (a model)" : "Your agent";
  const acts: string[] = [];
  if (wishes) {
    for (const entry of wishes.avoid) {
      acts.push(
        `never trade with ${entry.name !== undefined ? `anyone called ${entry.name}` : `participant ${entry.id}`} (the market refuses it)`,
      );
    }
    for (const item of mandate.items) {
      for (const fact of wishes.facts[item.id] ?? []) acts.push(`mention about ${item.title}: "${fact}"`);
    }
    if (wishes.meeting) acts.push(`state your pick-up terms when a deal is agreed: "${wishes.meeting}"`);
    if (wishes.tone.language) acts.push(`write in ${LANGUAGE_NAMES[wishes.tone.language]}`);
    if (wishes.tone.style === "questions") acts.push("ask questions in its messages");
    if (wishes.tone.style === "brief") acts.push("keep its messages brief");
  }
  const lines: string[] = [];
  if (acts.length > 0) {
    lines.push(`${agent} will:`);
    for (const act of acts) lines.push(`  - ${act}`);
  }
  const notHeld: string[] = [];
  if (kind === "built-in") {
    notHeld.push(...notesOf(wishes?.notes ?? ""));
  } else if (kind === "other") {
    for (const note of notesOf(wishes?.notes ?? "")) notHeld.push(note);
  } else if (kind === "any" && (wishes?.notes ?? "") !== "") {
    // A served market may not say which agent a person has (tiers are never shown): both cases.
    lines.push(
      `If your agent is the built-in one, it will not act on: ${notesOf(wishes!.notes)
        .map((note) => `"${note}"`)
        .join(
          ", ",
        )} (it only takes style words such as "friendly" or "firm"); a model agent reads them as guidance.`,
    );
  }
  if (notHeld.length > 0) {
    lines.push(`${agent} will not act on: ${notHeld.map((note) => `"${note}"`).join(", ")}.`);
    if (kind === "built-in")
      lines.push(
        '  (It only takes style words such as "friendly" or "firm" from them; a model agent would read them as guidance.)',
      );
  } else if (kind === "model" && (wishes?.notes ?? "") !== "") {
    lines.push(
      `${agent} reads your other wishes as guidance, in your words: "${wishes!.notes}" (not checked by the market).`,
    );
  }
  lines.push("No agent offers delivery, shipping or asks for an address: items are handed over in person.");
  return lines;
}

function notesOf(notes: string): string[] {
  return notes
    .split(/\.\s+/)
    .map((note) => note.trim())
    .filter((note) => note.length > 0);
}
