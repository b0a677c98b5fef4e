/** How an item, its condition, its flaws and its age are written in a message. */
import type { ItemFacts } from "./move.ts";

const PLURAL_EXCEPTIONS =
  /(?:ss|us|is|ics|lens|canvas|chess|series|species|atlas|bus|gas|plus|news|mattress|cactus|hummus|bass|iris|yes|this)$/i;
const SINGULAR_COLLECTIONS =
  /^(?:a |an |the )?(?:pair|set|box|bundle|collection|lot|stack|bag|crate|kit|case) of\b/i;

/** True when the title reads as plural ("Ski boots", "2 dining chairs"), so "they" fits better than "it". */
export function isPluralTitle(title: string): boolean {
  const clean = title
    .trim()
    .replace(/[([].*$/, "")
    .replace(/[,;:–—-].*$/, "")
    .trim();
  if (clean.length === 0 || SINGULAR_COLLECTIONS.test(clean)) return false;
  const leadingCount = /^(\d+)\s*x?\s/i.exec(clean);
  if (leadingCount && Number(leadingCount[1]) > 1) return true;
  const words = clean.split(/\s+/);
  const last = words[words.length - 1] ?? "";
  if (!/^[a-z]+s$/i.test(last) || last.length < 3) return false;
  if (/^[A-Z0-9]+s$/.test(last) && /[A-Z]{2}/.test(last)) return false;
  return !PLURAL_EXCEPTIONS.test(last);
}

/** Ordinary words that often start a title in sentence case ("Ski boots"); brands stay capitalised. */
const COMMON_LEADING_WORDS = new Set(
  (
    "vintage used old new large small big little tiny huge antique retro wooden wood metal glass plastic kids " +
    "children's baby toddler electric classic modern mini portable solid black white red blue green grey gray brown " +
    "pink purple yellow orange silver gold leather folding adjustable mountain road hybrid acoustic digital handmade " +
    "pair set box bundle collection lot stack bag crate kit case ski snowboard skate surf camping hiking running " +
    "cycling bike bicycle desk office kitchen dining coffee side bedside garden patio outdoor indoor bathroom " +
    "double single king queen wall floor table standing ceiling reading gaming wireless smart cordless " +
    "stainless cast copper ceramic porcelain marble oak pine walnut bamboo rattan velvet wool cotton silk " +
    "denim winter summer rain waterproof warm heavy light lightweight compact professional commercial home " +
    "women's men's womens mens ladies girls boys unisex dog cat pet bird fish guitar piano drum violin keyboard " +
    "camera phone laptop tablet monitor speaker headphones record book books board card jigsaw puzzle " +
    "sofa couch armchair chair chairs stool bench bookcase bookshelf shelf shelves wardrobe dresser lamp rug mirror " +
    "tent sleeping backpack rucksack suitcase travel stroller pram cot crib high hand power"
  ).split(" "),
);

/** "A Trek bike" -> "Trek bike"; "Vintage lamp" -> "vintage lamp" (for "the vintage lamp"). */
export function itemNoun(title: string): { noun: string; possessive: boolean } {
  let clean = title.trim().replace(/\s+/g, " ");
  clean = clean.replace(/^(?:a|an|the|my|our)\s+/i, "");
  if (clean.length === 0) clean = "item";
  const possessive = /^[^\s]+'s\b/.test(clean);
  const first = clean.split(" ")[0]!;
  if (/^[A-Z][a-z']*$/.test(first) && COMMON_LEADING_WORDS.has(first.toLowerCase())) {
    clean = clean.charAt(0).toLowerCase() + clean.slice(1);
  }
  return { noun: clean, possessive };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts text to at most `max` characters at a space, so no word (or number) is split. */
export function cutAtSpace(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? text.slice(0, space) : text.slice(0, max);
}

export function firstName(name: string, fallback: string): string {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return fallback;
  const first = tokens[0]!;
  const picked =
    /^(?:mr|mrs|ms|mx|dr|miss|prof|sir|dame)\.?$/i.test(first) && tokens[1] ? `${first} ${tokens[1]}` : first;
  return cutAtSpace(picked, 40);
}

export function normaliseFlaw(flaw: string): string {
  let clean = flaw
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!;]+$/, "");
  clean = clean.replace(/^(?:a|an|the|some)\s+/i, "");
  if (/^[A-Z][a-z]/.test(clean)) clean = clean.charAt(0).toLowerCase() + clean.slice(1);
  return cutAtSpace(clean, 80);
}

export function ageText(years: number | undefined): string | undefined {
  if (years === undefined || !Number.isFinite(years) || years < 0) return undefined;
  if (years < 1) return "less than a year old";
  const whole = Math.round(years);
  const about = Math.abs(years - whole) > 1e-9 ? "about " : "";
  return whole === 1 ? `${about}a year old` : `${about}${whole} years old`;
}

export const CONDITION_IN: Record<ItemFacts["condition"], string> = {
  new: "brand new",
  "like-new": "in like-new condition",
  good: "in good condition",
  fair: "in fair condition",
  poor: "rough around the edges",
};
export const CONDITION_ADJ: Record<ItemFacts["condition"], string> = {
  new: "brand-new",
  "like-new": "like-new",
  good: "good",
  fair: "fair",
  poor: "well-used",
};

export const CONDITION_SHORT: Record<ItemFacts["condition"], string> = {
  new: "Brand new",
  "like-new": "Like new",
  good: "Good condition",
  fair: "Fair condition",
  poor: "Well used",
};
