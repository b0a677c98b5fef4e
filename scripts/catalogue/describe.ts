/** Keywords and plain descriptions of a used item. */
import type { Condition as ItemCondition } from "../../src/domain/mandate.ts";
import { KINDS, type Kind } from "./kinds.ts";
import type { Noun } from "./nouns.ts";
import { capWords, normalise, stripBrackets } from "./titles.ts";

export const STOPWORDS = new Set(
  "a an and the of for with in on by to or at from as is it its this that your our my new all set pack one two three piece pieces edition inch ultra hd plus max pro mini series kit collection vol volume complete what you did who how are was be not no up out into".split(
    " ",
  ),
);

export function keywordsFor(title: string, noun: Noun): string[] {
  const words = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9\s'-]/g, " ")
    .split(/\s+/)
    .map((word) => word.replace(/'s$/, "").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ""))
    .filter((word) => word.length > 1 && !STOPWORDS.has(word) && !/^\d/.test(word) && !/\d{3,}/.test(word));
  const out: string[] = [];
  const add = (word: string) => {
    if (word && !out.includes(word) && out.length < 7) out.push(word);
  };
  for (const keyword of noun.keywords) add(keyword);
  for (const word of words) add(word);
  return out;
}

export const CONDITION_WORDS: Record<ItemCondition, string> = {
  new: "new",
  "like-new": "like-new",
  good: "good",
  fair: "fair",
  poor: "poor",
};

export function ageWords(years: number): string {
  if (years === 0) return "less than a year old";
  if (years === 1) return "about a year old";
  return `about ${years} years old`;
}

export function conditionSentence(condition: ItemCondition, ageYears: number, kind: Kind): string {
  const profile = KINDS[kind];
  if (condition === "new") {
    if (kind === "book") return "New and unread.";
    if (kind === "disc" || kind === "video-game" || kind === "music")
      return "Still sealed in its shrink wrap.";
    if (kind === "sealed" || kind === "fragrance") return "Unopened, still sealed in the original packaging.";
    if (kind === "clothing" || kind === "textile") return "New with tags, never worn.";
    return "Brand new and unused, still in the box.";
  }
  const age = ageWords(ageYears);
  const capitalised = age.charAt(0).toUpperCase() + age.slice(1);
  switch (condition) {
    case "like-new":
      return `${capitalised} and barely used.`;
    case "good":
      return profile.functional
        ? `${capitalised}, used and in good working order.`
        : `${capitalised} and in ${CONDITION_WORDS[condition]} condition.`;
    case "fair":
      return profile.functional
        ? `${capitalised} with visible wear, but it works fine.`
        : `${capitalised} and shows clear signs of use.`;
    case "poor":
      return profile.functional
        ? `${capitalised} and well worn, but it still works.`
        : `${capitalised} and well worn.`;
  }
}

/** The "what" sentence: a cleaned-up piece of the long source title. */
export function whatSentence(raw: string, title: string, noun: Noun): string {
  const text = normalise(raw);
  if (noun.kind === "disc") {
    const format =
      noun.label === "4K Blu-ray" ? "4K Ultra HD Blu-ray" : title.endsWith("DVD") ? "DVD" : "Blu-ray";
    return `${title.replace(/ (4K Blu-ray|Blu-ray|DVD)$/, "")} on ${format}.`;
  }
  if (noun.kind === "book") return `A copy of ${title}.`;
  if (noun.kind === "music") return `${stripBrackets(text)}.`;
  const cleaned = stripBrackets(text)
    .replace(/\s+\|\s+/g, ", ")
    .replace(/\s+-\s+/g, ", ");
  const parts = cleaned.split(/,\s+/);
  let out = parts[0] ?? cleaned;
  for (const part of parts.slice(1)) {
    if (`${out}, ${part}`.length > 130) break;
    out = `${out}, ${part}`;
  }
  out = capWords(out, 150).replace(/[\s,;:.]+$/, "");
  return `${out}.`;
}

export function describe(
  raw: string,
  title: string,
  noun: Noun,
  condition: ItemCondition,
  ageYears: number,
): string {
  const what = whatSentence(raw, title, noun);
  const how = conditionSentence(condition, ageYears, noun.kind);
  const text = `${what} ${how}`;
  if (text.length <= 240) return text;
  return `${capWords(what.slice(0, -1), 238 - how.length - 1)}. ${how}`;
}
