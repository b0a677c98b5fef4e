/**
 * Numbers written in words in English, French, German, Spanish and Italian, for the leak checker: a
 * model that is told not to write "65" may write "soixante-cinq", "fünfundsechzig", "sesenta y cinco"
 * or "sessantacinque". Words are read accent-free and lower case; a word counts only when all of it
 * splits into number parts ("fünfundsechzig" = fünf + und + sechzig), so "undone" or "tresor" are not
 * read. Runs of number words are summed as each language does (additive parts, "hundred" and
 * "thousand" multiplying), and a run of single digits ("six five", "sei cinque") is also read digit by
 * digit (65), as a phone number is said.
 */

type Part =
  | { kind: "unit"; value: number }
  | { kind: "add"; value: number }
  | { kind: "hundred" }
  | { kind: "thousand" }
  | { kind: "join" };

const unit = (value: number): Part => ({ kind: "unit", value });
const add = (value: number): Part => ({ kind: "add", value });

const PARTS: Record<string, Part> = {};
function define(words: string, part: Part): void {
  for (const word of words.split(/\s+/)) if (word) PARTS[word] = part;
}

// Units 0-9 ("unit": a run of them can also be read digit by digit).
define("zero cero null nulla zéro", unit(0));
define("one un une uno una eins ein eine einen", unit(1));
define("two deux dos due zwei zwo", unit(2));
define("three trois tres tre drei", unit(3));
define("four quatre cuatro quattro vier", unit(4));
define("five cinq cinco cinque funf fuenf", unit(5));
define("six seis sei sechs", unit(6));
define("seven sept siete sette sieben", unit(7));
define("eight huit ocho otto acht", unit(8));
define("nine neuf nueve nove neun", unit(9));
// Tens and teens.
define("ten dix diez dieci zehn", add(10));
define("eleven onze once undici elf", add(11));
define("twelve douze doce dodici zwolf zwoelf", add(12));
define("thirteen treize trece tredici dreizehn", add(13));
define("fourteen quatorze catorce quattordici vierzehn", add(14));
define("fifteen quinze quince quindici funfzehn fuenfzehn", add(15));
define("sixteen seize sedici sechzehn", add(16));
define("seventeen diciassette siebzehn", add(17));
define("eighteen diciotto achtzehn", add(18));
define("nineteen diciannove neunzehn", add(19));
define("twenty vingt vingts veinte veinti venti vent zwanzig", add(20));
define("thirty trente treinta trenta trent dreissig dreizig", add(30));
define("forty fourty quarante cuarenta quaranta quarant vierzig", add(40));
define("fifty cinquante cincuenta cinquanta cinquant funfzig fuenfzig", add(50));
define("sixty soixante sesenta sessanta sessant sechzig", add(60));
define("seventy setenta settanta settant siebzig", add(70));
define("eighty quatrevingt quatrevingts ochenta ottanta ottant achtzig", add(80));
define("ninety ninty noventa novanta novant neunzig", add(90));
// Spanish hundreds written as one word.
define("doscientos doscientas", add(200));
define("trescientos trescientas", add(300));
define("cuatrocientos cuatrocientas", add(400));
define("quinientos quinientas", add(500));
define("seiscientos seiscientas", add(600));
define("setecientos setecientas", add(700));
define("ochocientos ochocientas", add(800));
define("novecientos novecientas", add(900));
define("hundred cent cents cien ciento cento hundert", { kind: "hundred" });
define("thousand mille mil mila tausend grand", { kind: "thousand" });
// Joiners between parts of one number: "and", "und", "y", "et", "e".
define("and und y et e", { kind: "join" });

/** Words that are number parts in one language and everyday words in another: counted only inside a run. */
const WEAK = new Set([
  ...["un", "une", "una", "uno", "ein", "eine", "einen", "e", "y", "et", "and", "und", "mil"],
  // "not a cent more", "the payment is due", "Otto": everyday words on their own.
  ...["cent", "cents", "due", "otto", "once", "elf", "null", "tre", "tres", "sei", "dos", "grand"],
  ...["vent", "trent", "mila"],
]);
const WORDS_BY_LENGTH = Object.keys(PARTS).sort((a, b) => b.length - a.length);

/** Splits one accent-free, lower-case word into number parts, or undefined when any of it is not one. */
export function splitNumberWord(word: string): Part[] | undefined {
  const memo = new Map<number, Part[] | null>();
  const from = (at: number): Part[] | null => {
    if (at === word.length) return [];
    const known = memo.get(at);
    if (known !== undefined) return known;
    let found: Part[] | null = null;
    for (const candidate of WORDS_BY_LENGTH) {
      if (!word.startsWith(candidate, at)) continue;
      const rest = from(at + candidate.length);
      if (rest) {
        found = [PARTS[candidate]!, ...rest];
        break;
      }
    }
    memo.set(at, found);
    return found;
  };
  const parts = from(0);
  if (!parts || parts.length === 0) return undefined;
  // A joiner joins inside a word ("fünfundsechzig"), never at its edge ("undone" is not "und one").
  if (parts.length > 1 && (parts[0]!.kind === "join" || parts.at(-1)!.kind === "join")) return undefined;
  return parts;
}

/** The value of a run of number parts, summed as the languages above say numbers. */
function runValue(parts: readonly Part[]): number | undefined {
  let total = 0;
  let current = 0;
  let any = false;
  let previous: Part | undefined;
  for (const part of parts) {
    const after = previous;
    if (part.kind !== "join") previous = part;
    switch (part.kind) {
      case "unit":
      case "add":
        // French "quatre-vingt(s)": four twenties.
        if (part.kind === "add" && part.value === 20 && after?.kind === "unit" && after.value === 4) {
          current += 76;
          any = true;
          break;
        }
        current += part.value;
        any = true;
        break;
      case "hundred":
        current = (current || 1) * 100;
        any = true;
        break;
      case "thousand":
        total += (current || 1) * 1000;
        current = 0;
        any = true;
        break;
      case "join":
        break;
    }
  }
  return any ? total + current : undefined;
}

/** Whether `next` starts another number after `words`: a tens word after a tens word, or a part as large after a joiner. */
function startsNewNumber(words: readonly Part[][], next: readonly Part[]): boolean {
  const parts = words.flat();
  const lastIndex = parts.findLastIndex((p) => p.kind !== "join");
  if (lastIndex === -1) return false;
  const last = parts[lastIndex]!;
  const first = next.find((p) => p.kind !== "join");
  if (!first || (first.kind !== "add" && first.kind !== "unit")) return false;
  if (last.kind !== "add" && last.kind !== "unit") return false;
  const joined = lastIndex < parts.length - 1;
  if (joined) return first.value >= last.value;
  return first.kind === "add" && last.kind === "add" && first.value >= last.value;
}

export interface WordNumber {
  /** The values the run may mean: its sum, and digit by digit for a run of units ("six five" = 65). */
  values: number[];
  /** Character offsets of the run in the text given. */
  start: number;
  end: number;
}

/** Lower case, accents off ("zwölf" -> "zwolf", "dieciséis" -> "dieciseis"), "ß" -> "ss". */
export function foldWord(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replaceAll("ß", "ss");
}

/**
 * Every run of number words in `text` (already folded by `foldWord`), with what it may mean.
 * Hyphens and spaces between parts join a run ("quatre-vingt-dix", "sesenta y cinco").
 */
export function wordNumbers(folded: string): WordNumber[] {
  const out: WordNumber[] = [];
  const words = [...folded.matchAll(/[a-z]+/g)];
  let run: { start: number; end: number; words: Part[][]; ends: number[]; weakOnly: boolean } | undefined;
  const flush = () => {
    if (!run) return;
    // A run may not end on a joiner ("sixty and"): drop trailing joiners.
    while (run.words.length > 0 && run.words.at(-1)!.every((p) => p.kind === "join")) {
      run.words.pop();
      run.ends.pop();
      run.end = run.ends.at(-1) ?? run.start;
    }
    const parts = run.words.flat();
    const meaningful = parts.filter((p) => p.kind !== "join");
    if (meaningful.length > 0 && !(run.words.length === 1 && run.weakOnly)) {
      const values = new Set<number>();
      const sum = runValue(parts);
      if (sum !== undefined) values.add(sum);
      if (meaningful.length >= 2 && meaningful.every((p) => p.kind === "unit")) {
        values.add(Number(meaningful.map((p) => (p as { value: number }).value).join("")));
      }
      out.push({ values: [...values], start: run.start, end: run.end });
    }
    run = undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const match = words[i]!;
    const word = match[0];
    const start = match.index!;
    const parts = splitNumberWord(word);
    const gap = run ? folded.slice(run.end, start) : "";
    const joinable = run !== undefined && /^[\s-]*$/.test(gap) && gap.length <= 3;
    if (!parts || (parts.every((p) => p.kind === "join") && !run)) {
      flush();
      continue;
    }
    if (run && !joinable) flush();
    if (run && startsNewNumber(run.words, parts)) {
      // "soixante et soixante-dix", "sixty seventy": two numbers, not their sum.
      flush();
    }
    run ??= { start, end: start, words: [], ends: [], weakOnly: true };
    run.words.push(parts);
    run.end = start + word.length;
    run.ends.push(run.end);
    if (!WEAK.has(word)) run.weakOnly = false;
  }
  flush();
  return out;
}
