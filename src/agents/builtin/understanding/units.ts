/**
 * Word lists that tell a number's kind from the words around it: currency words, units of size,
 * weight, specification, duration and distance, product lines that take model numbers, and the
 * words after a number that are not nouns (so "45 works" stays a price while "2 chairs" is a count).
 */

/** Words after a number that make it money. "pounds" is handled apart: it is also a weight. */
export const CURRENCY_WORDS: ReadonlySet<string> = new Set([
  "buck",
  "bucks",
  "dollar",
  "dollars",
  "dollar's",
  "usd",
  "usd$",
  "eur",
  "euro",
  "euros",
  "quid",
  "gbp",
  "dolla",
  "dollas",
  "bux",
  "cad",
  "aud",
]);

/** Currency codes or words that may come before the number: "USD 65", "EUR 40". */
export const CURRENCY_PREFIX_WORDS: ReadonlySet<string> = new Set(["usd", "eur", "gbp", "us", "cad", "aud"]);

export const CURRENCY_SYMBOLS: ReadonlySet<string> = new Set(["$", "€", "£", "¥", "₹"]);

export const CENT_WORDS: ReadonlySet<string> = new Set(["cent", "cents", "¢"]);

/** Units written after a number (spaced or joined), with the reason the number is not a price. */
const UNIT_REASONS: Readonly<Record<string, string>> = {
  inch: "size",
  inches: "size",
  inchs: "size",
  ft: "size",
  feet: "size",
  foot: "size",
  cm: "size",
  cms: "size",
  mm: "size",
  meter: "size",
  meters: "size",
  metre: "size",
  metres: "size",
  yard: "size",
  yards: "size",
  yd: "size",
  yds: "size",
  sqft: "size",
  lb: "weight",
  lbs: "weight",
  kg: "weight",
  kgs: "weight",
  kilo: "weight",
  kilos: "weight",
  gram: "weight",
  grams: "weight",
  oz: "weight",
  ounce: "weight",
  ounces: "weight",
  tonne: "weight",
  tonnes: "weight",
  gb: "specification",
  tb: "specification",
  mb: "specification",
  kb: "specification",
  gig: "specification",
  gigs: "specification",
  gigabyte: "specification",
  gigabytes: "specification",
  terabyte: "specification",
  terabytes: "specification",
  ghz: "specification",
  mhz: "specification",
  hz: "specification",
  w: "specification",
  watt: "specification",
  watts: "specification",
  kw: "specification",
  v: "specification",
  volt: "specification",
  volts: "specification",
  mah: "specification",
  wh: "specification",
  mp: "specification",
  megapixel: "specification",
  megapixels: "specification",
  rpm: "specification",
  hp: "specification",
  cc: "specification",
  mph: "specification",
  fps: "specification",
  bit: "specification",
  core: "specification",
  cores: "specification",
  speed: "specification",
  speeds: "specification",
  seater: "specification",
  seaters: "specification",
  liter: "specification",
  liters: "specification",
  litre: "specification",
  litres: "specification",
  ml: "specification",
  gallon: "specification",
  gallons: "specification",
  gal: "specification",
  qt: "specification",
  quart: "specification",
  quarts: "specification",
  piece: "quantity",
  pieces: "quantity",
  pcs: "quantity",
  pc: "quantity",
  pairs: "quantity",
  pair: "quantity",
  sets: "quantity",
  units: "quantity",
  items: "quantity",
  people: "quantity",
  persons: "quantity",
  ppl: "quantity",
  times: "count",
  year: "age or duration",
  years: "age or duration",
  yr: "age or duration",
  yrs: "age or duration",
  month: "age or duration",
  months: "age or duration",
  mo: "age or duration",
  mos: "age or duration",
  week: "age or duration",
  weeks: "age or duration",
  wk: "age or duration",
  wks: "age or duration",
  day: "age or duration",
  days: "age or duration",
  hour: "age or duration",
  hours: "age or duration",
  hr: "age or duration",
  hrs: "age or duration",
  minute: "age or duration",
  minutes: "age or duration",
  mins: "age or duration",
  sec: "age or duration",
  secs: "age or duration",
  seconds: "age or duration",
  decade: "age or duration",
  decades: "age or duration",
  am: "time",
  pm: "time",
  oclock: "time",
  "o'clock": "time",
  mile: "distance",
  miles: "distance",
  mi: "distance",
  km: "distance",
  kms: "distance",
  kilometer: "distance",
  kilometers: "distance",
  kilometre: "distance",
  kilometres: "distance",
  block: "distance",
  blocks: "distance",
  percent: "percentage",
  pct: "percentage",
  star: "rating",
  stars: "rating",
  yo: "age",
};

/** Units that only count when written against the number ("27in", "5m", "100g", "1080p", "2x"). */
const JOINED_UNIT_REASONS: Readonly<Record<string, string>> = {
  in: "size",
  m: "size",
  g: "weight",
  l: "specification",
  p: "specification",
  x: "quantity",
  s: "decade",
  st: "ordinal",
  nd: "ordinal",
  rd: "ordinal",
  th: "ordinal",
  ish: "",
};

/** The reason a unit word after a number makes it not a price; undefined when it is no unit. */
export function unitReason(word: string, joined: boolean): string | undefined {
  if (Object.hasOwn(UNIT_REASONS, word)) return UNIT_REASONS[word];
  if (joined && Object.hasOwn(JOINED_UNIT_REASONS, word)) return JOINED_UNIT_REASONS[word] || undefined;
  return undefined;
}

/** Words ending in "s" after a number that are not plural nouns: "45 works", "45 sounds good", "45 thanks". */
const NOT_PLURAL_NOUNS: ReadonlySet<string> = new Set(
  (
    "works sounds seems makes gets suits does helps means feels looks beats covers takes buys is was has goes " +
    "stays remains sucks hurts fits pays gives leaves wins matters counts includes sells keeps needs stands holds " +
    "says thanks thx yes plus less always perhaps sometimes regardless unless besides as its this us ours yours " +
    "his hers theirs anyways towards afterwards across bucks dollars euros cents pounds tops obo lbs gets lets " +
    "tho thus whereas bc cos pls plz please hmm ps os yrs hrs mins secs mos wks kms ppl pcs ya yes vs"
  ).split(" "),
);

const IRREGULAR_PLURALS: ReadonlySet<string> = new Set([
  "people",
  "children",
  "men",
  "women",
  "teeth",
  "mice",
  "geese",
]);

/** True for a word that reads as a plural noun after a number: "chairs", "books", "of" is handled apart. */
export function looksLikePluralNoun(word: string): boolean {
  if (IRREGULAR_PLURALS.has(word)) return true;
  if (word.length < 3 || !/^[a-z]+s$/.test(word)) return false;
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return false;
  return !NOT_PLURAL_NOUNS.has(word);
}

/** Adjectives that may stand between a count and its noun: "2 matching chairs", "3 more people". */
export const COUNT_ADJECTIVES: ReadonlySet<string> = new Set(
  (
    "more other extra new used identical similar different small big large little old good matching spare full " +
    "empty separate individual additional whole brand nice great working broken same wooden metal white black"
  ).split(" "),
);

/** Words before a number that make it a model or version: "iPhone 12", "PS 5", "series 7", "gen 3". */
export const PRODUCT_LINE_WORDS: ReadonlySet<string> = new Set(
  (
    "iphone ipad ipod galaxy pixel xbox playstation ps model series gen generation version ver mk mark edition " +
    "type windows note watch switch macbook thinkpad surface kindle hero airpods tab rtx gtx rx ryzen core mac " +
    "ios android os wii gameboy nikon canon sony samsung lg dell lenovo asus acer bose jbl nintendo yamaha " +
    "fender gibson roland casio fujifilm fuji olympus panasonic garmin fitbit oneplus xiaomi huawei motorola " +
    "moto nokia dyson roomba vitamix kitchenaid ikea trek specialized cannondale giant polaroid gopro instax " +
    "ipod nano shuffle touch chromebook inspiron pavilion envy spectre zenbook vivobook ideapad legion rog " +
    "quest oculus rift index vive"
  ).split(" "),
);

/** Product words that only make a model number after another product word: "Surface Pro 7", "iPhone 12 mini". */
export const PRODUCT_TRIM_WORDS: ReadonlySet<string> = new Set([
  "pro",
  "air",
  "mini",
  "ultra",
  "plus",
  "lite",
  "max",
]);

/** Words before a number that make it an identifier: "room 12", "#4", "page 3", "season 2". */
export const IDENTIFIER_WORDS: ReadonlySet<string> = new Set(
  (
    "room apt apartment suite zip zipcode postcode route rt highway hwy exit floor level page chapter season " +
    "episode ep vol volume part act track lot number num nr platform gate bus line channel aisle row seat " +
    "unit building bldg street ave avenue"
  ).split(" "),
);

export const MONTHS: ReadonlySet<string> = new Set(
  (
    "january february march april may june july august september october november december jan feb mar apr jun " +
    "jul aug sep sept oct nov dec"
  ).split(" "),
);

/** Words before a four-digit number that make it a year: "in 2019", "since 2015", "a 2019 MacBook". */
export const YEAR_CUE_WORDS: ReadonlySet<string> = new Set(
  "in since from of circa year model made built bought purchased back until til till 'til around early late mid the a my".split(
    " ",
  ),
);

/** Words after a number that say it is a time of day: "at 5 tomorrow", "around 6 tonight". */
export const TIME_FOLLOW_WORDS: ReadonlySet<string> = new Set(
  "tomorrow today tonight morning afternoon evening night am pm oclock o'clock sharp".split(" "),
);

/** "4k tv", "8k monitor": the k is a resolution, not thousands. */
export const RESOLUTION_FOLLOW_WORDS: ReadonlySet<string> = new Set(
  "tv tvs monitor monitors display screen screens video resolution hdr uhd projector camera player blu-ray bluray".split(
    " ",
  ),
);
