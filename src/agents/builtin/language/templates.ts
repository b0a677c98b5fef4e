/** Message templates: slots like {price} filled from a move, and parts joined into one message. */

const SLOT = /\{(\w+)\}/g;

export function slotsOf(template: string): string[] {
  return [...template.matchAll(SLOT)].map((match) => match[1]!);
}

export function fill(template: string, values: Record<string, string>, keepUnknown: boolean): string {
  return template.replace(SLOT, (whole, name: string) => {
    const value = values[name];
    if (value !== undefined) return value;
    if (keepUnknown) return whole;
    return "";
  });
}

export interface Part {
  text: string;
  role: "opener" | "core" | "extra" | "closer";
  /** Higher survives longer when a message must be shortened; the core is 10. */
  priority: number;
}

/** True when the gist of `line` (its first clause, e.g. "much obliged" of "Much obliged, partner.") was said. */
export function alreadySaid(said: string, line: string): boolean {
  const gist = line
    .toLowerCase()
    .split(/[,.!?:\n]/)[0]!
    .trim();
  const lower = said.toLowerCase();
  if (
    /^(?:thanks|thank|cheers|much obliged|my thanks|i thank)\b/.test(gist) &&
    /\b(?:thank|cheers|much obliged)/.test(lower)
  ) {
    return true;
  }
  return gist.length > 0 && lower.includes(gist);
}

/** Joins parts: a part ending in a newline is followed directly, one with a newline opens a new paragraph. */
function join(texts: readonly string[]): string {
  let out = "";
  for (const text of texts) {
    if (out.length === 0) out = text;
    else if (out.endsWith("\n")) out += `\n${text}`;
    else if (text.includes("\n")) out += `\n\n${text}`;
    else out += ` ${text}`;
  }
  return out;
}

/** After an opener ending in a comma the next sentence continues in lower case ("Hi Sam, thanks..."). */
function continueAfterComma(previous: string | undefined, text: string): string {
  if (!previous?.endsWith(",")) return text;
  if (/^I\b|^I'|^\{(?!Item\b)/.test(text)) return text;
  if (text.startsWith("{Item}")) return `{item}${text.slice("{Item}".length)}`;
  if (/^[A-Z][a-z]/.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}

export function render(parts: readonly Part[], values: Record<string, string>): string {
  const texts: string[] = [];
  let previous: string | undefined;
  for (const part of parts) {
    const text = continueAfterComma(previous, part.text);
    texts.push(text);
    previous = text;
  }
  return fill(join(texts), values, false).replace(/ {2,}/g, " ").trim();
}

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcan't\b/g, "cannot"],
  [/\bCan't\b/g, "Cannot"],
  [/\bwon't\b/g, "will not"],
  [/\bWon't\b/g, "Will not"],
  [/\b(do|does|is|are|was|were|would|could|should|has|have|had)n't\b/gi, "$1 not"],
  [/\b(I|you|we|they)'ve\b/gi, "$1 have"],
  [/\b(I|you|we|they|he|she)'d\b/gi, "$1 would"],
  [/\b(you|we|they)'re\b/gi, "$1 are"],
  [/\bI'm\b/g, "I am"],
  [/\b(I|you|we|they)'ll\b/gi, "$1 will"],
  [/\b(it|that|there|what|he|she)'s been\b/gi, "$1 has been"],
  [/\b(it|that|there|what|money|here)'s\b/gi, "$1 is"],
];

/** Formal writers spell contractions out ("It's" becomes "It is"). */
export function expandContractions(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  return out;
}
