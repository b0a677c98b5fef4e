/**
 * One canonical form of a message that every later step of understanding reads: Unicode compatibility
 * forms folded (full-width digits, ligatures), curly quotes and dashes made plain, invisible characters
 * dropped, runs of white space collapsed. Every span the understanding reports is an index into this form.
 */

/** Messages longer than this are read only up to here: they are capped by the market anyway. */
export const MAX_TEXT_LENGTH = 4000;

function asString(text: unknown): string {
  if (typeof text === "string") return text;
  if (text === null || text === undefined) return "";
  try {
    return String(text);
  } catch {
    return "";
  }
}

/** Normalises a message; never throws, whatever it is given. */
export function normalizeText(text: unknown): string {
  let s = asString(text);
  if (s.length > MAX_TEXT_LENGTH) s = s.slice(0, MAX_TEXT_LENGTH);
  s = s.normalize("NFKC");
  s = s
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, "-")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (s.length > MAX_TEXT_LENGTH) s = s.slice(0, MAX_TEXT_LENGTH);
  return s;
}

/** Lower-cases without changing the length, so spans found in one form hold in the other. */
export function lowerSameLength(s: string): string {
  let out = "";
  for (const ch of s) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** True when most letters are capitals ("DEAL AT 45!!"): capitalisation then says nothing about names. */
export function isShouting(s: string): boolean {
  let upper = 0;
  let letters = 0;
  for (const ch of s) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (ch === ch.toUpperCase()) upper++;
    }
  }
  return letters >= 2 && upper / letters > 0.6;
}
