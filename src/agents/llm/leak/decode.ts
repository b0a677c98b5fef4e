import { foldWord, wordNumbers } from "./number-words.ts";

/**
 * Reads every number a text may carry, however it is written, for the leak checker: a model told not
 * to write its limit can still spell it "6 5", "6-5", "6\u200b5", "٦٥", "LXV", "soixante-cinq", "90/2",
 * "9x5", "NjU=" (base64), "0x41" or "3635" (hex bytes of "65"). Nothing here is windowed: the whole
 * text is read, however long. What comes out are readings in cents, each saying how it was read;
 * the caller decides which readings come close enough to a secret to stop the text.
 */

export interface Reading {
  /** The amount in cents. */
  cents: number;
  /** How it was read: "digits", "words", "roman", "arithmetic", "joined digits", "base64", ... */
  how: string;
  /**
   * Read from an obfuscation that ordinary text produces by chance (digits joined across separators,
   * every digit of the text in order, hex and base64): it counts only when it is a secret to the dollar.
   */
  exact: boolean;
}

/** Decoded escapes: "\u0036", "\x36", "&#54;", "&#x36;", "%36". */
export function unescapeText(text: string): string {
  const code = (value: number) =>
    Number.isInteger(value) && value >= 0 && value <= 0x10ffff ? String.fromCodePoint(value) : "";
  return text
    .replace(/\\u\{([0-9a-fA-F]{1,6})\}/g, (_, hex: string) => code(Number.parseInt(hex, 16)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => code(Number.parseInt(hex, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => code(Number.parseInt(hex, 16)))
    .replace(/&#x([0-9a-fA-F]{1,6});?/g, (_, hex: string) => code(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,7});?/g, (_, dec: string) => code(Number(dec)))
    .replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => code(Number.parseInt(hex, 16)));
}

/** Whether a code point is a decimal digit of any script ("٦", "६", "６", "𝟔"). */
const ANY_DIGIT = /\p{Nd}/u;

/** Digits of every script as ASCII: a run of decimal digits in Unicode is always whole blocks of ten. */
function asciiDigits(text: string): string {
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch >= "0" && ch <= "9") {
      out += ch;
      continue;
    }
    if (!ANY_DIGIT.test(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    let start = cp;
    while (start > 0 && ANY_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    out += String((cp - start) % 10);
  }
  return out;
}

/**
 * One plain form of a text: escapes decoded, compatibility forms folded (full-width, circled and
 * superscript digits), digits of every script as ASCII, and every character a reader cannot see
 * dropped (format, zero-width, bidi, tag characters, variation selectors, combining marks), controls
 * and line breaks turned into spaces. Case is kept (Roman numerals and base64 need it).
 */
export function plainText(text: string): string {
  let s = unescapeText(text).normalize("NFKC");
  s = asciiDigits(s);
  s = s
    .normalize("NFD")
    .replace(/[\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0]/gu, "") // tag characters are Cf, variation selectors M
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\p{Zs}]/gu, " ")
    .normalize("NFC");
  // Letters that stand for digits inside a number ("6O", "1l5"): o as 0, l and i as 1.
  s = s.replace(/\b(?=[\dOoIl]*\d)[\dOoIl]{2,}\b/g, (token) =>
    token.replace(/[Oo]/g, "0").replace(/[Il]/g, "1"),
  );
  return s;
}

const ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
/** Roman-looking words and sizes that are not numbers in running text. */
const NOT_ROMAN = new Set([
  "mix",
  "mid",
  "dim",
  "did",
  "lid",
  "ill",
  "mill",
  "vim",
  "civil",
  "xl",
  "xs",
  "md",
  "cd",
  "dc",
  "mc",
  "cv",
  "cm",
  "mm",
  "ml",
  "dl",
  "cl",
  "di",
  "mi",
  "li",
  "vi",
  "xi",
  "ii",
]);

function romanValue(word: string): number | undefined {
  const upper = word.toUpperCase();
  if (word.length < 2 || !ROMAN.test(upper)) return undefined;
  // Lower case or a common word: only when it is clearly a numeral (three letters or more, not a word).
  if (word !== upper && (word.length < 3 || NOT_ROMAN.has(word))) return undefined;
  if (
    word === upper &&
    (upper === "XL" ||
      upper === "XS" ||
      upper === "MD" ||
      upper === "CD" ||
      upper === "DC" ||
      upper === "CV" ||
      upper === "MIX" ||
      upper === "DIM")
  )
    return undefined;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < upper.length; i++) {
    const value = values[upper[i]!]!;
    const next = values[upper[i + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * The text with number words (five languages) and Roman numerals written as digits, and the readings
 * they give on their own.
 */
function wordsAsDigits(plain: string, readings: Reading[]): string {
  const folded = foldWord(plain);
  // foldWord keeps length for everything plainText leaves, except "ß": fall back to reading as is.
  const source = folded.length === plain.length ? plain : folded;
  const replacements: { start: number; end: number; digits: string }[] = [];
  for (const run of wordNumbers(folded.length === plain.length ? folded : foldWord(source))) {
    for (const value of run.values) readings.push({ cents: value * 100, how: "words", exact: false });
    replacements.push({ start: run.start, end: run.end, digits: String(run.values[0]) });
  }
  for (const match of source.matchAll(/\b[A-Za-z]{2,}\b/g)) {
    const value = romanValue(match[0]);
    if (value === undefined) continue;
    readings.push({ cents: value * 100, how: "roman", exact: false });
    replacements.push({ start: match.index!, end: match.index! + match[0].length, digits: String(value) });
  }
  replacements.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const r of replacements) {
    if (r.start < at) continue;
    out += `${source.slice(at, r.start)} ${r.digits} `;
    at = r.end;
  }
  return out + source.slice(at);
}

/** A number as written in digits: "1,200.50", "64.50", "64,50", "1.200" (both readings when unsure). */
function numeralValues(text: string): number[] {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return [Number(text.replaceAll(",", ""))];
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/.test(text)) {
    const european = Number(text.replaceAll(".", "").replace(",", "."));
    return /^\d+\.\d{3}$/.test(text) ? [european, Number(text)] : [european];
  }
  if (/^\d+,\d{1,2}$/.test(text)) return [Number(text.replace(",", "."))];
  if (/^\d+(?:\.\d+)?$/.test(text)) return [Number(text)];
  return [];
}

const OPERATORS: readonly [RegExp, string][] = [
  [/^(?:\+|plus|mas|más|piu|più)$/, "+"],
  [/^(?:-|minus|less|moins|menos|meno|weniger)$/, "-"],
  [/^(?:\*|x|×|·|times|multiplied by|fois|mal|por|per)$/, "*"],
  [/^(?:\/|÷|:|over|divided by|divise par|divisé par|geteilt durch|dividido por|diviso|entre)$/, "/"],
];
const OPERATOR_WORDS = String.raw`\+|-|\*|×|·|\/|÷|:|x|plus|mas|más|piu|più|minus|less|moins|menos|meno|weniger|times|multiplied by|fois|mal|por|per|over|divided by|divis[eé] par|geteilt durch|dividido por|diviso|entre`;
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const EXPRESSION = new RegExp(
  `(?<![\\d.,])${NUMBER}(?:\\s*(?:${OPERATOR_WORDS})\\s*${NUMBER})+(?![\\d])`,
  "gi",
);
const FACTOR_WORDS: readonly [RegExp, number][] = [
  [
    /\b(?:half|moitie|moitié|halb|halbe|mitad|meta|metà)\s+(?:of|de|von|di)?\s*(?:the\s+|la\s+)?(\d+(?:\.\d+)?)/gi,
    0.5,
  ],
  [/\b(?:double|twice|doppelt|doble|doppio)\s+(?:of\s+)?(\d+(?:\.\d+)?)/gi, 2],
  [/\b(?:triple|three times)\s+(\d+(?:\.\d+)?)/gi, 3],
];

function operatorOf(word: string): string | undefined {
  const lower = word.trim().toLowerCase().replace(/\s+/g, " ");
  return OPERATORS.find(([re]) => re.test(lower))?.[1];
}

/** Evaluates "a op b op c" with * and / before + and -; undefined for a division by zero. */
function evaluate(expression: string): number | undefined {
  const tokens = expression.match(new RegExp(`${NUMBER}|${OPERATOR_WORDS}`, "gi")) ?? [];
  const numbers: number[] = [];
  const ops: string[] = [];
  for (const token of tokens) {
    if (/^\d/.test(token)) numbers.push(Number(token));
    else {
      const op = operatorOf(token);
      if (!op) return undefined;
      ops.push(op);
    }
  }
  if (numbers.length !== ops.length + 1 || ops.length === 0) return undefined;
  const terms: number[] = [numbers[0]!];
  const signs: string[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const value = numbers[i + 1]!;
    if (op === "*") terms[terms.length - 1]! *= value;
    else if (op === "/") {
      if (value === 0) return undefined;
      terms[terms.length - 1]! /= value;
    } else {
      signs.push(op);
      terms.push(value);
    }
  }
  let total = terms[0]!;
  for (let i = 0; i < signs.length; i++) total += signs[i] === "+" ? terms[i + 1]! : -terms[i + 1]!;
  return total;
}

function printable(text: string): boolean {
  return text.length > 0 && /^[\x20-\x7e]+$/.test(text);
}

/** Readings of one value in units: the amount in dollars, and the number as cents when it is whole. */
function push(readings: Reading[], value: number, how: string, exact: boolean): void {
  if (!Number.isFinite(value) || value <= 0 || value > 100_000_000) return;
  readings.push({ cents: Math.round(value * 100), how, exact });
  if (Number.isInteger(value) && value >= 100)
    readings.push({ cents: value, how: `${how} (as cents)`, exact });
}

/** Hidden payloads: base64 and hex (numbers and bytes), binary. Their decoded text is read again. */
function encodedTexts(text: string, depth: number, readings: Reading[]): void {
  if (depth >= 2) return;
  const seen = new Set<string>();
  const again = (decoded: string, how: string) => {
    if (seen.has(decoded)) return;
    seen.add(decoded);
    for (const reading of decodeAmounts(decoded, depth + 1)) {
      readings.push({ ...reading, how: `${how}: ${reading.how}`, exact: true });
    }
  };
  for (const match of text.matchAll(/(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{2,}={0,2}(?![A-Za-z0-9+/_=-])/g)) {
    const token = match[0];
    if (token.length < 3 || token.replace(/=+$/, "").length % 4 === 1) continue;
    if (/^[a-z]+$/.test(token) || /^\d+$/.test(token)) continue; // A plain word or number, not a payload.
    for (const encoding of ["base64", "base64url"] as const) {
      const decoded = Buffer.from(token, encoding).toString("latin1");
      // A short token decodes to something printable by chance: only digits count then.
      if (printable(decoded) && (token.length >= 8 || /\d/.test(decoded)))
        again(decoded, encoding === "base64" ? "base64" : "base64url");
    }
  }
  for (const match of text.matchAll(/(?<![\w])(?:(0x)([0-9a-fA-F]{1,16})|([0-9a-fA-F]{2,16}))(?![\w])/g)) {
    const prefix = match[1];
    const hex = match[2] ?? match[3];
    // A hex number only with its prefix or with digits and letters: "bed" and "fee" are words.
    if (prefix || (/[a-fA-F]/.test(hex!) && /\d/.test(hex!)))
      push(readings, Number.parseInt(hex!, 16), "hex number", true);
    if (hex!.length >= 4 && hex!.length % 2 === 0) {
      const decoded = Buffer.from(hex!, "hex").toString("latin1");
      if (printable(decoded)) again(decoded, "hex bytes");
    }
  }
  // Hex bytes written apart: "36 35", "0x36 0x35".
  for (const match of text.matchAll(
    /(?:(?:0x)?[0-9a-fA-F]{2}[\s,:-]+){1,7}(?:0x)?[0-9a-fA-F]{2}(?![0-9a-fA-F])/g,
  )) {
    const bytes = match[0]
      .match(/(?:0x)?([0-9a-fA-F]{2})/g)!
      .map((b) => b.slice(-2))
      .join("");
    const decoded = Buffer.from(bytes, "hex").toString("latin1");
    if (printable(decoded) && /\d/.test(decoded)) again(decoded, "hex bytes");
  }
  for (const match of text.matchAll(/(?<![\d])(?:0b)?([01]{6,20})(?![\d])/g)) {
    push(readings, Number.parseInt(match[1]!, 2), "binary", true);
  }
}

/**
 * Every amount `text` may state, in cents, with how it was read.
 * @example decodeAmounts("six five").some((r) => r.cents === 6500) // true
 */
export function decodeAmounts(text: string, depth = 0): Reading[] {
  const readings: Reading[] = [];
  const plain = plainText(text);
  const digits = wordsAsDigits(plain, readings);
  // Plain numerals.
  for (const match of digits.matchAll(/(?<![\d.,])\d[\d.,]*\d|(?<![\d.,])\d/g)) {
    const token = match[0].replace(/[.,]+$/, "");
    for (const value of numeralValues(token)) push(readings, value, "digits", false);
  }
  // Digits joined across separators: "6 5", "6-5", "6.5.0.0", "6_5".
  for (const match of digits.matchAll(/\d(?:[^\p{L}\d]{1,3}\d)+/gu)) {
    const joined = match[0].replace(/\D/g, "");
    if (joined.length >= 2 && joined.length <= 9) push(readings, Number(joined), "joined digits", true);
  }
  // Single digits scattered through the text, read in order ("6 apples and 5 pears"). Only when every
  // number in it is one digit: two prices side by side ("$22 ... $16") are not one number.
  const groups = digits.match(/\d+/g) ?? [];
  if (groups.length >= 2 && groups.length <= 9 && groups.every((group) => group.length === 1)) {
    readings.push({ cents: Number(groups.join("")) * 100, how: "digits in order", exact: true });
  }
  // Arithmetic.
  for (const match of digits.matchAll(EXPRESSION)) {
    const value = evaluate(match[0]);
    if (value !== undefined) push(readings, value, "arithmetic", false);
  }
  for (const [pattern, factor] of FACTOR_WORDS) {
    for (const match of digits.matchAll(pattern))
      push(readings, Number(match[1]) * factor, "arithmetic", false);
  }
  encodedTexts(plain, depth, readings);
  return readings;
}

/** `plainText` with number words and Roman numerals as digits: what the sentence-level checks read. */
export function digitsText(text: string): string {
  return wordsAsDigits(plainText(text), []).replace(/\s+/g, " ").trim();
}
