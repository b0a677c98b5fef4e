/** Short human titles from marketing product names. */
import type { CatalogueCategory } from "../../src/domain/catalogue.ts";
import type { Noun } from "./nouns.ts";
import { overrideFor } from "./title-overrides.ts";

export const ACRONYMS = new Set([
  "LEGO",
  "JBL",
  "AMD",
  "LG",
  "TCL",
  "HD",
  "SSD",
  "USB",
  "LED",
  "UV",
  "RGB",
  "HEPA",
  "DKNY",
  "NOCO",
  "AEG",
  "OXO",
  "PS5",
  "PS4",
  "TV",
  "UHD",
  "4K",
  "VR",
  "XL",
  "SE",
  "II",
  "III",
  "IV",
  "XS",
  "USA",
  "CO",
  "BPM",
  "EGO",
  "SOG",
  "CLC",
  "MCS",
  "PUR",
  "GE",
  "CYNC",
  "WD",
  "SKIL",
  "APEC",
  "VIAIR",
  "NERF",
  "MEGA",
  "EVO",
  "SN850X",
  "PRO",
  "AX",
  "EDC",
  "HL",
  "MX",
  "XR",
  "MAX",
  "DC",
  "AC",
  "BSN",
]);
export const BRAND_CASE: Record<string, string> = {
  "USB-C": "USB-C",
  "WI-FI": "Wi-Fi",
  DEWALT: "DeWalt",
  BISSELL: "Bissell",
  SAMSUNG: "Samsung",
  CHAMBERLAIN: "Chamberlain",
  GIGABYTE: "Gigabyte",
  CORSAIR: "Corsair",
  INTEX: "Intex",
  TEKTON: "Tekton",
  NEIKO: "Neiko",
  GEARWRENCH: "GearWrench",
  BOSCH: "Bosch",
  "BLACK+DECKER": "Black+Decker",
  LEVOIT: "Levoit",
  YITAHOME: "Yitahome",
  ROCKPOINT: "Rockpoint",
  CLINIQUE: "Clinique",
  ROCCAT: "Roccat",
  SKILSAW: "Skilsaw",
  MICROJIG: "Microjig",
  NVIDIA: "Nvidia",
  PENN: "Penn",
  MPOWERD: "MPowerd",
  INABA: "Inaba",
  FUREMOVER: "FURemover",
  NERF: "Nerf",
  MEGA: "Mega",
  PRO: "Pro",
  MAX: "Max",
  WANDVAC: "WandVac",
  WONDERBOOM: "Wonderboom",
  CREAMI: "Creami",
  ULTRAWF: "UltraWF",
  EXTRA: "Extra",
  BASS: "Bass",
  AVENGERS: "Avengers",
  ENDGAME: "Endgame",
  ULTRA: "Ultra",
  TRUEFORCE: "Trueforce",
  LIGHTFORCE: "Lightforce",
  NATIONAL: "National",
  GEOGRAPHIC: "Geographic",
  UNLOCK: "Unlock",
  STAR: "Star",
  WARS: "Wars",
  BORA: "Bora",
  FLCL: "FLCL",
  WD_BLACK: "WD Black",
  WD_Black: "WD Black",
  AMAZONBASICS: "Amazon Basics",
  AmazonBasics: "Amazon Basics",
  Lego: "LEGO",
  "8Bitdo": "8BitDo",
};

export function fixCase(word: string): string {
  if (BRAND_CASE[word]) return BRAND_CASE[word]!;
  const bare = word.replace(/[^A-Za-z0-9+]/g, "");
  if (ACRONYMS.has(bare)) return word;
  if (/^[A-Z][A-Z+'’-]{3,}$/.test(word)) return word.charAt(0) + word.slice(1).toLowerCase();
  return word;
}

/** Unicode quotes and dashes to plain ones, ™®© removed, whitespace squeezed. */
export function normalise(text: string): string {
  return text
    .replace(/[“”″]/g, '"')
    .replace(/[‘’′]/g, "'")
    .replace(/\s*[–—]\s*/g, " - ")
    .replace(/[™®©]/g, "")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export const MARKETING = [
  /\ball-new\b/gi,
  /\bthe best\b/gi,
  /\bbest-in-class\b/gi,
  /\bour (best|most)[^,|]*/gi,
  /\bnew model\b/gi,
  /\bamazon exclusive\b/gi,
  /\bexclusive\b/gi,
  /\bpremium\b/gi,
  /\bultimate\b(?= (wireless|streaming))/gi,
  /\badvanced\b/gi,
  /\bofficial\b/gi,
  /\bgenuine\b/gi,
  /\blatest model\b/gi,
  /\b\d{4} release\b/gi,
  /\b(19|20)\d\d\b(?! edition)/g,
];

/** Spec jargon that makes titles unreadable to a casual buyer. */
export const JARGON = [
  /\bpcie( ?gen ?\d| \d\.\d)?\b/gi,
  /\bgen ?\d\b(?!\w)/gi,
  /\b3d nand\b/gi,
  /\bnvme( \d\.\d\w?)?\b/gi,
  /\bm\.2( 2280)?\b/gi,
  /\bsata( iii| 6 ?gb\/s)?\b/gi,
  /\bddr\d\b/gi,
  /\buhs-i\b/gi,
  /\b\d+(\.\d+)?\s?(mhz|ghz|hz|mb\/s|gb\/s|rpm|mah|dpi|lumens?)\b/gi,
  /\b(x4|2\.0c)\b/gi,
  /\b\d+-core\b/gi,
  /\b\d+-thread\b/gi,
  /\bunlocked\b/gi,
];

/** Looks like a model number: letters and digits mixed (DP-UB820-K, HS300, CT2000P5PSSD8) or 5+ digits. */
export function isModelNumber(token: string): boolean {
  const bare = token.replace(/^[("[]+|[)"\],.:;]+$/g, "");
  if (bare.length === 0) return false;
  if (/^\d{4,}$/.test(bare)) return true;
  if (/^\d{3,}-\d+$/.test(bare)) return true;
  // Specs people read: 4K, 1TB, 20V, 12-Inch, 2nd, 5.5-Quart, 1080p, 65W, 6-Person.
  if (
    /^\d+(\.\d+)?(k|tb|gb|mb|v|w|a|ah|mm|in|inch|-inch|oz|qt|-quart|quart|l|-liter|liter|p|x|mp|ft|lb|st|nd|rd|th|-piece|-pack|-cup|-person|-in-\d|")$/i.test(
      bare,
    )
  )
    return false;
  if (!/\d/.test(bare) || !/[a-z]/i.test(bare)) return false;
  if (bare.length <= 4) return false; // 3S, P5, G502: product names people say aloud
  if (ACRONYMS.has(bare)) return false;
  if (/^[A-Z][a-z]+\d$/.test(bare)) return false; // Ryzen5-style names are rare; keep "Flip6"
  return /^[A-Z0-9-]+$/i.test(bare) && (/[A-Z]{2,}/.test(bare) || /\d{3,}/.test(bare) || /-/.test(bare));
}

export function stripBrackets(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) out = out.replace(/\s*\[[^\]]*\]/g, "").replace(/\s*\([^()]*\)/g, "");
  return out.replace(/[()[\]]/g, "").trim();
}

export function tidy(text: string): string {
  let out = text.replace(/\s+/g, " ").trim();
  for (let i = 0; i < 4; i++) {
    out = out
      .replace(/^[\s,;:|/+&.-]+/, "")
      .replace(/[\s,;:|/+&.-]+$/, "")
      .replace(/\s+(and|with|for|in|of|by|the|to|or|a|&)$/i, "")
      .trim();
  }
  return out;
}

export function capWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const words = text.split(" ");
  let out = "";
  for (const word of words) {
    if ((out ? `${out} ${word}` : word).length > max) break;
    out = out ? `${out} ${word}` : word;
  }
  return tidy(out);
}

export const PLATFORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/playstation 5|\bps5\b/i, "PS5"],
  [/nintendo switch/i, "Nintendo Switch"],
  [/xbox series/i, "Xbox Series X"],
];

export function mediaTitle(raw: string, noun: Noun): string {
  let name = raw;
  // "Christmas Story, A (...)" -> "A Christmas Story"
  name = name.replace(/^([^,([]+), (A|The|An)\b/, "$2 $1");
  name = name.replace(/\s*-\s*(collector's edition|power up edition|maximum rampage edition|set)\b.*$/i, "");
  name = name.replace(/\s*-?\s*(4k ultra hd|4k uhd|4kuhd|uhd\/bd|bd\/dvd|blu-?ray|dvd)\b.*$/i, "");
  name = stripBrackets(name);
  name = name.replace(/\s*-\s*steelbook$/i, "");
  name = name.replace(/\b4k\b/gi, "").replace(/\s{2,}/g, " ");
  name = tidy(name);
  if (/^[A-Z0-9 :'&-]+$/.test(name) && name.length > 4) {
    name = name
      .split(" ")
      .map((word) => (word.length > 1 ? word.charAt(0) + word.slice(1).toLowerCase() : word))
      .join(" ");
  }
  const format =
    noun.label === "4K Blu-ray"
      ? "4K Blu-ray"
      : /\bdvd\b/i.test(raw) && !/blu-?ray|\bbd\b/i.test(raw)
        ? "DVD"
        : "Blu-ray";
  return capWords(`${name} ${format}`, 60);
}

export function gameTitle(raw: string): string {
  const platform = PLATFORMS.find(([pattern]) => pattern.test(raw))?.[1] ?? "";
  let name = raw.split(/\s+(?:-|\||for)\s+/i)[0] ?? raw;
  name = stripBrackets(name).replace(/\b(standard edition|for playstation 5|playstation 5)\b/gi, "");
  name = tidy(name);
  return capWords(platform ? `${name} for ${platform}` : name, 60);
}

export function bookTitle(raw: string): string {
  let name = raw.replace(/\s+by\s+[A-Z][\w'.-]+,\s*[A-Z][\w'. -]+$/, ""); // "by Chiang, Cliff"
  name = stripBrackets(name);
  return capWords(tidy(name), 60);
}

export function musicTitle(raw: string): string {
  const byMatch = /\s+by\s+(.+)$/.exec(raw);
  const artist = byMatch ? byMatch[1]!.trim() : "";
  let name = byMatch ? raw.slice(0, byMatch.index) : raw;
  name = tidy(stripBrackets(name));
  const box = /deluxe|cd\/|albums/i.test(raw) ? " Box Set" : " CD";
  return capWords(`${name}${artist ? ` by ${artist}` : ""}${artist ? "" : box}`, 60);
}

/** LEGO set names keep their colons ("Jurassic Park Visitor Center: T. rex & Raptor Attack"). */
export const LEGO_SPLITTERS = /\s+\|\s+|,\s|\s+-\s+|;\s|\s+(?:with|featuring|includes|that|for)\s+/i;
export const SPLITTERS =
  /\s+\|\s+|,\s|\s+-\s+|;\s|:\s|\s+(?:with|featuring|includes|that|for)\s+|\s*\+\s+(?=[A-Z])/i;

export function productTitle(raw: string, noun: Noun): string {
  let text = raw;
  // Keep a generation marker: "Echo Dot (5th Gen, 2022 release)" -> "Echo Dot 5th Gen"
  text = text.replace(/\((\d+(?:st|nd|rd|th)) gen(?:eration)?[^)]*\)/gi, "$1 Gen");
  text = stripBrackets(text);
  for (const pattern of MARKETING) text = text.replace(pattern, "");
  text = tidy(text.replace(/\s{2,}/g, " "));
  // LEGO: the set's name is everything before its 5-digit set number.
  const lego = noun.kind === "lego" ? /^(.*?)\s\d{5}\b/.exec(text) : null;
  if (lego) {
    text = lego[1]!.replace(/\s+((toy )?(building )?(toy )?(set|kit)|toy car|building toy)$/i, "");
  }
  const segments = text.split(lego ? LEGO_SPLITTERS : SPLITTERS).map((segment) => segment.trim());
  let head = segments[0] ?? text;
  // Keep a storage size ("2TB") that the shortening below might drop.
  const capacity = noun.keywords.includes("storage") ? /\b\d+(TB|GB)\b/.exec(head)?.[0] : undefined;
  const lowerHead = head.toLowerCase();
  // A head without the product noun ("JBL Flip 6"): name the thing from the rest of the title.
  const headNoun = noun.label.split(" ").at(-1)?.toLowerCase() ?? "";
  const headWords = lowerHead.split(/[\s/]+/);
  const hasNoun =
    noun.pattern.test(lowerHead) ||
    headWords.some((word) => word === headNoun || word === `${headNoun}s` || `${word}s` === headNoun);
  if (noun.label && !hasNoun && head.split(" ").length <= 6) head = `${head} ${noun.label}`;
  for (const pattern of JARGON) head = head.replace(pattern, "");
  const words = head
    .split(/\s+/)
    .filter((word) => word.length > 0 && !isModelNumber(word))
    .map(fixCase);
  let title = tidy(words.join(" ").replace(/\s{2,}/g, " "));
  title = title
    .replace(/\bBlu Ray\b/gi, "Blu-ray")
    .replace(/\bWifi\b/g, "Wi-Fi")
    .replace(/\bat-at\b/g, "AT-AT");
  if (title.length > 48 && noun.kind !== "lego") title = shortenAroundNoun(title, noun);
  if (capacity && !title.includes(capacity)) {
    const last = title.lastIndexOf(" ");
    title = last > 0 ? `${title.slice(0, last)} ${capacity}${title.slice(last)}` : `${title} ${capacity}`;
  }
  // The noun in title case: "Amazon Fire 7 tablet" -> "Amazon Fire 7 Tablet".
  for (const word of noun.label.split(" ")) {
    if (word.length > 2) title = title.replace(new RegExp(`\\b${word.toLowerCase()}\\b`, "g"), word);
  }
  // Amazon's own devices are known by the brand: "Echo Dot 5th Gen" -> "Amazon Echo Dot 5th Gen".
  if (/^(Echo|Kindle|Fire TV)\b/.test(title)) title = `Amazon ${title}`;
  return capWords(title, 60);
}

// biome-ignore format: a table reads best one entry per line
export const TWO_WORD_BRANDS = [
  "Amazon Basics", "Melissa & Doug", "Ultimate Ears", "Instant Pot", "Google Nest", "Fantasy Flight",
  "Apple AirPods", "Sun Joe", "Ring Video", "Little Tikes", "Under Armour", "Camp Chef", "Franklin Sports",
  "Yankee Candle", "Nordic Ware", "Paco Rabanne", "Estee Lauder", "Tommy Hilfiger", "Summer Infant",
  "Itzy Ritzy", "Chic Home", "Sargent Art", "Mr. Heater", "Delta Cycle", "Matfer Bourgeat",
];

/** Long titles become brand + the few words that lead up to the product noun. */
export function shortenAroundNoun(title: string, noun: Noun): string {
  const words = title.split(" ");
  const brandLength = TWO_WORD_BRANDS.some((brand) => title.startsWith(brand))
    ? title.startsWith("Melissa & Doug")
      ? 3
      : 2
    : 1;
  const lowerWords = words.map((word) => word.toLowerCase().replace(/[^a-z0-9-]/g, ""));
  const nounLast = noun.label.split(" ").at(-1)?.toLowerCase() ?? "";
  let end = -1;
  for (let i = lowerWords.length - 1; i >= brandLength; i--) {
    const word = lowerWords[i]!;
    if (nounLast && (word === nounLast || word === `${nounLast}s` || `${word}s` === nounLast)) {
      end = i;
      break;
    }
  }
  if (end < 0) return capWords(title, 48);
  let start = Math.max(brandLength, end - 3);
  while (start < end && /^(and|&|with|of|the|for|in|or|to|a)$/i.test(words[start]!)) start++;
  return tidy([...words.slice(0, brandLength), ...words.slice(start, end + 1)].join(" "));
}

export function shortTitle(rawTitle: string, category: CatalogueCategory, noun: Noun): string {
  const raw = normalise(rawTitle);
  const override = overrideFor(raw);
  if (override) return override.title;
  if (noun.kind === "disc") return mediaTitle(raw, noun);
  if (noun.kind === "video-game") return gameTitle(raw);
  if (noun.kind === "book" && category === "books") return bookTitle(raw);
  if (noun.kind === "music") return musicTitle(raw);
  return productTitle(raw, noun);
}
