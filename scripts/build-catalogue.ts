/**
 * Builds data/catalogue/catalogue.json, the item catalogue that markets draw second-hand items from.
 *
 * Source: the AmazonHistoryPrice data set of Xia et al. 2024 (Apache-2.0), 930 products in 18 category
 * files. Each product becomes a used item: a short human title, keywords, a plain description, the retail
 * price as an anchor (max(list, highest) as in the paper), a seeded condition, age and flaw, and a
 * used-market value range. Only items whose value range fits a market of $100 budgets are kept.
 *
 * The output is deterministic: every random choice comes from a generator seeded per product.
 *
 * Usage: npx tsx scripts/build-catalogue.ts [--source DIR] [--out DIR]
 *   --source  the folder with the 18 JSON files (default ../shared/data/amazon-history-price)
 *   --out     where catalogue.json, README.md and LICENSE go (default data/catalogue)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CATALOGUE_CATEGORIES,
  type CatalogueCategory,
  type CatalogueEntry,
  catalogueSchema,
} from "../src/domain/catalogue.ts";
import type { Condition as ItemCondition } from "../src/domain/mandate.ts";
import { createRng, hashString, type Rng } from "../src/domain/random.ts";

const SEED_LABEL = "haggle-catalogue-v1";
/** Keep items whose used value fits $100 budgets. */
const MAX_HIGH_CENTS = 120_00;
const MIN_LOW_CENTS = 3_00;
/** Above this retail price only battered items would fit the budget: leave such products out. */
const MAX_RETAIL_CENTS = 350_00;

// ---------------------------------------------------------------------------------------------------
// Source records

interface SourceRecord {
  title: string;
  category: string;
  description?: string;
  features?: string;
  list_price?: string;
  current_price?: string;
  average_price?: string;
  highest_price?: string;
  lowest_price?: string;
}

/** "$1,234.00" -> 123400; empty or unreadable -> undefined. */
export function parsePriceCents(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]!.replaceAll(",", "")) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return Number.isSafeInteger(cents) && cents > 0 ? cents : undefined;
}

/** The paper's product price: max(list, highest), else whatever price exists. */
export function retailCents(record: SourceRecord): number | undefined {
  const anchors = [parsePriceCents(record.list_price), parsePriceCents(record.highest_price)].filter(
    (value): value is number => value !== undefined,
  );
  if (anchors.length > 0) return Math.max(...anchors);
  return (
    parsePriceCents(record.current_price) ??
    parsePriceCents(record.average_price) ??
    parsePriceCents(record.lowest_price)
  );
}

// ---------------------------------------------------------------------------------------------------
// Kinds of item: how they age, lose value and what goes wrong with them

type Kind =
  | "electronics"
  | "disc"
  | "video-game"
  | "book"
  | "music"
  | "board-game"
  | "lego"
  | "toy"
  | "appliance"
  | "cookware"
  | "tool"
  | "hand-tool"
  | "smart-home"
  | "furniture"
  | "textile"
  | "clothing"
  | "fragrance"
  | "sealed"
  | "outdoor"
  | "baby"
  | "pet"
  | "food";

interface KindProfile {
  /** Multiplies the used-value fraction: media and clothes resell low, tools hold value. */
  valueFactor: number;
  /** Oldest plausible age in years. */
  maxAge: number;
  /** Small faults for like-new and good items. */
  minor: readonly string[];
  /** Bigger faults for fair and poor items. */
  major: readonly string[];
  /** Whether "works fine" makes sense (false for books, discs, furniture, clothes). */
  functional: boolean;
}

const KINDS: Record<Kind, KindProfile> = {
  electronics: {
    valueFactor: 0.95,
    maxAge: 6,
    functional: true,
    minor: [
      "small scratch on the casing",
      "light scuffs on the edges",
      "no original box",
      "comes with a generic cable instead of the original",
      "faint marks on the back",
    ],
    major: [
      "deep scratch across the top",
      "one button is a little sticky",
      "small crack in one corner of the casing",
      "power cable not included",
      "the connection drops now and then",
    ],
  },
  disc: {
    valueFactor: 0.6,
    maxAge: 8,
    functional: false,
    minor: [
      "slipcover missing",
      "digital code already redeemed",
      "light scratches on a disc, plays fine",
      "small crack in the case",
    ],
    major: [
      "case is cracked",
      "one disc skips in a single scene",
      "cover artwork is faded",
      "case replaced with a plain one",
    ],
  },
  "video-game": {
    valueFactor: 0.8,
    maxAge: 4,
    functional: false,
    minor: ["case has a small scuff", "no manual or insert", "light scratch on the disc, plays fine"],
    major: ["case is cracked", "disc has scratches but installs fine", "cover art has a sticker residue"],
  },
  book: {
    valueFactor: 0.6,
    maxAge: 10,
    functional: false,
    minor: [
      "one missing page corner",
      "name written inside the cover",
      "spine slightly creased",
      "a small bump on one corner",
    ],
    major: [
      "spine creased and cover curling",
      "a few pages have pencil notes",
      "coffee stain on the back cover",
      "cover is torn at the top edge",
    ],
  },
  music: {
    valueFactor: 0.65,
    maxAge: 10,
    functional: false,
    minor: ["box has a small dent", "shrink wrap removed, played once", "booklet slightly creased"],
    major: ["box corners crushed", "one disc has light scratches", "booklet missing"],
  },
  "board-game": {
    valueFactor: 0.85,
    maxAge: 8,
    functional: false,
    minor: [
      "box corners worn",
      "played a handful of times, cards sleeved",
      "a few cards show light wear",
      "punched, all pieces bagged",
    ],
    major: [
      "box lid split at one corner",
      "one token missing",
      "rulebook has a torn page",
      "cards are worn from heavy play",
    ],
  },
  lego: {
    valueFactor: 0.9,
    maxAge: 8,
    functional: false,
    minor: [
      "built once, all pieces present",
      "no original box",
      "instructions slightly creased",
      "stickers applied a little crooked",
    ],
    major: [
      "two or three small pieces missing",
      "instructions missing",
      "one small part replaced with a spare",
      "some bricks are scuffed",
    ],
  },
  toy: {
    valueFactor: 0.75,
    maxAge: 6,
    functional: false,
    minor: ["light play wear", "box opened and a bit battered", "one sticker peeling"],
    major: [
      "paint chipped in a couple of places",
      "a small accessory is missing",
      "some scuffs and a faded patch",
      "box missing",
    ],
  },
  appliance: {
    valueFactor: 0.85,
    maxAge: 8,
    functional: true,
    minor: [
      "some light staining on the base",
      "manual missing",
      "small scuff on the side",
      "no original box",
    ],
    major: [
      "lid has a small crack",
      "one attachment is missing",
      "runs louder than it did new",
      "discoloured in a few places",
    ],
  },
  cookware: {
    valueFactor: 0.75,
    maxAge: 10,
    functional: false,
    minor: ["light utensil marks", "slight discolouration on the base", "small scuff on the outside"],
    major: ["nonstick coating worn in the centre", "handle is a bit loose", "a couple of dents on the rim"],
  },
  tool: {
    valueFactor: 1.05,
    maxAge: 10,
    functional: true,
    minor: ["paint scuffs on the housing", "no original case", "some dust in the vents", "a bit dusty"],
    major: ["housing scratched and scuffed", "housing cracked but works", "worn grip", "some surface rust"],
  },
  "hand-tool": {
    valueFactor: 1,
    maxAge: 10,
    functional: false,
    minor: ["light scuffs", "some paint worn off", "a bit dusty", "no original packaging"],
    major: ["some surface rust", "worn grip", "a few deep scratches", "one piece missing from the set"],
  },
  "smart-home": {
    valueFactor: 0.85,
    maxAge: 5,
    functional: true,
    minor: ["mounting screws missing", "no original box", "small scuff on the faceplate"],
    major: ["faceplate slightly yellowed", "needs a factory reset before setup", "one mounting tab broken"],
  },
  furniture: {
    valueFactor: 0.8,
    maxAge: 10,
    functional: false,
    minor: ["small scuff on one leg", "faint ring mark on the top", "a light scratch on one side"],
    major: ["scratch across the top", "one corner chipped", "a leg wobbles slightly", "some fading from sun"],
  },
  textile: {
    valueFactor: 0.6,
    maxAge: 6,
    functional: false,
    minor: ["washed once", "small pull in the fabric", "no original packaging"],
    major: ["faded from washing", "small stain near one edge", "a seam needs a stitch"],
  },
  clothing: {
    valueFactor: 0.65,
    maxAge: 5,
    functional: false,
    minor: ["worn a couple of times", "small pull in the fabric", "tags removed"],
    major: ["faded from washing", "small stain on the sleeve", "cuffs are frayed"],
  },
  fragrance: {
    valueFactor: 0.8,
    maxAge: 3,
    functional: false,
    minor: ["about 90% full", "box missing"],
    major: ["about half full", "cap missing"],
  },
  sealed: { valueFactor: 0.9, maxAge: 1, functional: false, minor: [], major: [] },
  outdoor: {
    valueFactor: 0.85,
    maxAge: 8,
    functional: true,
    minor: ["light scuffs", "a little dirt that will clean off", "slight fading in one spot"],
    major: ["small patch repair", "a few deep scuffs", "some rust on the fittings", "faded by the sun"],
  },
  baby: {
    valueFactor: 0.7,
    maxAge: 5,
    functional: false,
    minor: ["light wear on the fabric", "cover has been washed", "small scuff on the frame"],
    major: ["fabric faded", "a small part is missing", "scuffed frame"],
  },
  pet: {
    valueFactor: 0.6,
    maxAge: 5,
    functional: false,
    minor: ["lightly used", "a little pet hair that will wash out"],
    major: ["well used", "worn in places"],
  },
  food: { valueFactor: 0, maxAge: 0, functional: false, minor: [], major: [] },
};

// ---------------------------------------------------------------------------------------------------
// Product nouns: what the thing is, for titles, keywords, kind and apt flaws

interface Noun {
  /** Tested against the lower-cased source title. */
  pattern: RegExp;
  /** The noun as it appears in a title, e.g. "Blu-ray Player". */
  label: string;
  /** Lower-case keywords for matching wants, e.g. ["blu-ray", "player"]. */
  keywords: readonly string[];
  kind: Kind;
  /** Has a battery that wears: always, or only when the title says cordless, wireless, rechargeable... */
  battery?: "always" | "if-cordless";
  screen?: boolean;
  earpads?: boolean;
  /** Wins wherever it appears in the title (consumables, refills, replacement parts). */
  priority?: boolean;
}

const n = (
  pattern: RegExp,
  label: string,
  keywords: readonly string[],
  kind: Kind,
  extra: Partial<Pick<Noun, "battery" | "screen" | "earpads" | "priority">> = {},
): Noun => ({ pattern, label, keywords, kind, ...extra });
const P = { priority: true } as const;

/** First match wins: more specific patterns come first. */
// biome-ignore format: a table reads best one entry per line
const NOUNS: readonly Noun[] = [
  // Food and consumables that nobody resells second-hand: left out.
  n(/beef stick|protein powder|whole bean coffee|cat treat|freeze dried|toothpick/, "", [], "food", P),
  n(/motor oil|oven and grill cleaner|fly trap|loop stake/, "", [], "food", P),
  // Sealed, single-use or software: sold unopened.
  n(/antivirus|tax software|turbotax/, "Software", ["software"], "sealed", P),
  n(/replacement filter|refrigerator (water )?filter|water filter replacements|\bair filters?\b/, "Filter", ["filter"], "sealed", P),
  n(/replacement outer foil|foil and inner blade/, "Shaver Foil", ["shaver", "foil"], "sealed", P),
  n(/dart refill/, "Dart Refill Pack", ["nerf", "darts"], "sealed", P),
  n(/alkaline battery|rechargeable aaa?|batteries/, "Batteries", ["batteries"], "sealed"),
  n(/electrical tape|sports tape|adhesive .*tape/, "Tape", ["tape"], "sealed"),
  n(/shampoo/, "Shampoo", ["shampoo", "hair"], "sealed"),
  n(/gel pen/, "Gel Pens", ["pens"], "sealed"),
  n(/canning jars/, "Canning Jars", ["jars", "canning"], "cookware"),
  n(/lint roller/, "Lint Roller", ["lint", "roller"], "pet"),
  // Audio and video
  n(/blu[ -]?ray( dvd)? player/, "Blu-ray Player", ["blu-ray", "player"], "electronics"),
  n(/turntable/, "Turntable", ["turntable", "record-player", "vinyl"], "electronics"),
  n(/sound ?bar/, "Sound Bar", ["soundbar", "speaker"], "electronics"),
  n(/earbuds|ear buds|airpods|buds\b/, "Earbuds", ["earbuds", "headphones"], "electronics", { battery: "always" }),
  n(/gaming headset|headset/, "Gaming Headset", ["headset", "headphones", "gaming"], "electronics", { earpads: true }),
  n(/earmuff|hearing protect/, "Hearing Protector", ["earmuffs", "hearing"], "tool", { battery: "if-cordless" }),
  n(/headphone/, "Headphones", ["headphones"], "electronics", { battery: "if-cordless", earpads: true }),
  n(/smart display|echo show/, "Smart Display", ["smart-display", "alexa", "echo"], "electronics", { screen: true }),
  n(/smart speaker|echo (dot|studio|pop|\(4th)/, "Smart Speaker", ["smart-speaker", "speaker", "alexa", "echo"], "electronics"),
  n(/\bspeaker\b|wonderboom|partybox/, "Speaker", ["speaker", "bluetooth"], "electronics", { battery: "if-cordless" }),
  n(/streaming (stick|device|media player)|fire tv (stick|cube)|chromecast|roku|shield android tv/, "Streaming Device", ["streaming", "tv"], "electronics"),
  n(/smart tv|\btv\b.*\bhd\b.*tv/, "Smart TV", ["tv", "television"], "electronics", { screen: true }),
  n(/bluetooth (wireless )?transmitter|airfly/, "Bluetooth Transmitter", ["bluetooth", "transmitter"], "electronics", { battery: "always" }),
  // Computing
  n(/expansion card|storage expansion/, "Xbox Storage Card", ["xbox", "storage", "ssd"], "electronics"),
  n(/\bssd\b|solid state/, "SSD", ["ssd", "storage"], "electronics"),
  n(/hard drive|\bhdd\b/, "Hard Drive", ["hard-drive", "storage"], "electronics"),
  n(/sd[ -]?(memory[ -])?card|microsd|sdxc/, "Memory Card", ["memory-card", "sd-card", "storage"], "electronics"),
  n(/laptop memory|desktop memory/, "Laptop RAM", ["ram", "memory"], "electronics"),
  n(/processor\b|\bcpu\b/, "Processor", ["cpu", "processor"], "electronics"),
  n(/motherboard/, "Motherboard", ["motherboard", "pc"], "electronics"),
  n(/mid-tower|atx case|pc case/, "PC Case", ["pc-case", "pc"], "electronics"),
  n(/monitor\b(?!ing)/, "Monitor", ["monitor", "screen"], "electronics", { screen: true }),
  n(/keyboard case|keyboard folio|magic keyboard/, "iPad Keyboard Case", ["ipad", "keyboard", "case"], "electronics"),
  n(/keyboard/, "Keyboard", ["keyboard"], "electronics"),
  n(/\bmouse\b/, "Mouse", ["mouse"], "electronics", { battery: "if-cordless" }),
  n(/webcam/, "Webcam", ["webcam", "camera"], "electronics"),
  n(/racing wheel/, "Racing Wheel", ["racing-wheel", "gaming"], "electronics"),
  n(/stream deck|audio mixer/, "Stream Deck", ["stream-deck", "streaming"], "electronics"),
  n(/controller/, "Controller", ["controller", "gamepad", "gaming"], "electronics", { battery: "if-cordless" }),
  n(/switch lite|game console/, "Game Console", ["console", "gaming", "nintendo"], "electronics", { battery: "always", screen: true }),
  n(/virtual reality|vr headset|quest 2/, "VR Headset", ["vr", "headset"], "electronics", { battery: "always" }),
  n(/printer/, "Printer", ["printer"], "electronics"),
  n(/mesh (wi-?fi )?system|eero|wifi 6e? mesh/, "Mesh Wi-Fi System", ["wifi", "router", "mesh"], "electronics"),
  n(/wi-?fi 6e? router|\brouter\b.*(gaming|wireless|wifi)|archer/, "Wi-Fi Router", ["wifi", "router"], "electronics"),
  // Phones, tablets, wearables
  n(/kindle scribe/, "Kindle Scribe", ["kindle", "e-reader", "tablet"], "electronics", { battery: "always", screen: true }),
  n(/kindle|e-?reader/, "Kindle", ["kindle", "e-reader"], "electronics", { battery: "always", screen: true }),
  n(/\btablet\b|galaxy tab|\bipad\b(?!.*keyboard)/, "Tablet", ["tablet"], "electronics", { battery: "always", screen: true }),
  n(/smartwatch|smart watch|apple watch|pixel watch|instinct 2|outdoor watch/, "Smartwatch", ["smartwatch", "watch"], "electronics", { battery: "always", screen: true }),
  n(/fitness tracker|-tracker|fitness-tracker/, "Fitness Tracker", ["fitness-tracker", "tracker"], "electronics", { battery: "always" }),
  n(/sport watch|\bwatch\b/, "Watch", ["watch"], "clothing"),
  n(/airtag/, "AirTag", ["airtag", "tracker"], "electronics"),
  n(/magsafe charger|wireless charger/, "Wireless Charger", ["charger", "magsafe"], "electronics"),
  n(/power adapter|usb-?c? charger\b|wall charger|charger,|\bcharger\b(?!.*battery)/, "Charger", ["charger", "usb-c"], "electronics"),
  n(/air quality monitor\b/, "Air Quality Monitor", ["air-quality", "monitor"], "smart-home"),
  // Smart home
  n(/doorbell/, "Video Doorbell", ["doorbell", "camera"], "smart-home", { battery: "if-cordless" }),
  n(/floodlight/, "Floodlight Camera", ["camera", "security", "floodlight"], "smart-home"),
  n(/\bcam\b|security camera|indoor cam|nest cam/, "Security Camera", ["camera", "security"], "smart-home"),
  n(/thermostat/, "Smart Thermostat", ["thermostat"], "smart-home"),
  n(/smart sensor|temperature and humidity sensor|leak sensor/, "Smart Sensor", ["sensor", "smart-home"], "smart-home"),
  n(/smart lock|assure lock/, "Smart Lock", ["lock", "smart-lock"], "smart-home", { battery: "always" }),
  n(/garage (control|door opener)/, "Smart Garage Controller", ["garage", "smart-home"], "smart-home"),
  n(/dimmer plug|smart plug|power strip/, "Smart Plug", ["smart-plug", "plug"], "smart-home"),
  n(/motion sensor switch|dimmer switch|light switch|smart switch|smart dimmer|in-wall outlet/, "Smart Light Switch", ["light-switch", "switch", "smart-home"], "smart-home"),
  n(/in-wall charger|usb charger with/, "USB Wall Outlet", ["outlet", "usb"], "smart-home"),
  n(/light bulb|\bbulbs?\b|candle bulb/, "Smart Bulbs", ["bulb", "light"], "smart-home"),
  n(/carbon monoxide|smoke detector/, "CO Detector", ["detector", "alarm"], "smart-home"),
  n(/string lights/, "Solar String Lights", ["lights", "solar"], "outdoor"),
  n(/ceiling light/, "Ceiling Light", ["light", "ceiling"], "furniture"),
  // Kitchen
  n(/espresso|cappuccino|nespresso|barista system/, "Espresso Machine", ["espresso", "coffee"], "appliance"),
  n(/coffee grinder|burr grinder/, "Coffee Grinder", ["coffee", "grinder"], "appliance"),
  n(/coffee (maker|brewer)|drip maker|k-cup/, "Coffee Maker", ["coffee", "coffee-maker"], "appliance"),
  n(/smart mug|coffee mug/, "Smart Mug", ["mug", "coffee"], "appliance", { battery: "always" }),
  n(/kettle\b/, "Electric Kettle", ["kettle"], "appliance"),
  n(/toaster oven|smart oven|air fryer oven|countertop oven/, "Toaster Oven", ["oven", "toaster"], "appliance"),
  n(/air fryer/, "Air Fryer", ["air-fryer", "fryer"], "appliance"),
  n(/deep fryer/, "Deep Fryer", ["fryer"], "appliance"),
  n(/pressure cooker|instant pot/, "Pressure Cooker", ["pressure-cooker", "instant-pot"], "appliance"),
  n(/rice cooker|fuzzy cooker/, "Rice Cooker", ["rice-cooker"], "appliance"),
  n(/sous vide precision cooker|precision cooker/, "Sous Vide Cooker", ["sous-vide", "cooker"], "appliance"),
  n(/vacuum sealer/, "Vacuum Sealer", ["vacuum-sealer", "sealer"], "appliance"),
  n(/ice cream maker/, "Ice Cream Maker", ["ice-cream"], "appliance"),
  n(/kitchen system|food processor/, "Blender and Food Processor", ["blender", "food-processor"], "appliance"),
  n(/blender/, "Blender", ["blender"], "appliance"),
  n(/soda maker|sparkling water/, "Soda Maker", ["soda", "sparkling"], "appliance"),
  n(/mandoline/, "Mandoline Slicer", ["mandoline", "slicer"], "cookware"),
  n(/knife set/, "Knife Set", ["knives", "kitchen"], "cookware"),
  n(/\bwok\b/, "Wok", ["wok", "pan"], "cookware"),
  n(/fry pan|sheet pan|round pan|baker's delight|\bpan\b/, "Pan", ["pan", "cookware"], "cookware"),
  n(/dish rack/, "Dish Rack", ["dish-rack", "kitchen"], "cookware"),
  // Cleaning and home care
  n(/carpet cleaner|carpet (and|&) upholstery|spot and stain|deep cleaner/, "Carpet Cleaner", ["carpet-cleaner", "cleaner"], "appliance"),
  n(/wet-?dry vacuum|wet dry vacuum/, "Wet-Dry Vacuum", ["vacuum", "wet-dry"], "tool", { battery: "if-cordless" }),
  n(/robot vacuum|roomba/, "Robot Vacuum", ["vacuum", "robot-vacuum"], "appliance", { battery: "always" }),
  n(/handheld vacuum|wandvac|stick vacuum|cordless.*vacuum/, "Cordless Vacuum", ["vacuum", "cordless"], "appliance", { battery: "always" }),
  n(/vacuum/, "Vacuum", ["vacuum"], "appliance"),
  n(/steam mop|\bmop\b(?!!)/, "Steam Mop", ["mop", "steam"], "appliance"),
  n(/air purifier/, "Air Purifier", ["air-purifier", "purifier"], "appliance"),
  n(/humidifier/, "Humidifier", ["humidifier"], "appliance"),
  n(/pressure washer/, "Pressure Washer", ["pressure-washer", "washer"], "tool"),
  n(/water filter system|reverse osmosis/, "Water Filter System", ["water-filter", "filter"], "appliance"),
  n(/water filter\b/, "Water Filter", ["water-filter", "filter", "camping"], "outdoor"),
  n(/scale\b/, "Smart Scale", ["scale", "bathroom"], "electronics"),
  n(/blood pressure/, "Blood Pressure Monitor", ["blood-pressure", "monitor"], "electronics"),
  // Personal care
  n(/toothbrush/, "Electric Toothbrush", ["toothbrush"], "appliance", { battery: "if-cordless" }),
  n(/razor|shaver/, "Electric Shaver", ["shaver", "razor"], "appliance", { battery: "if-cordless" }),
  n(/hair (blow )?dryer|styling .* drying|flexstyle/, "Hair Dryer and Styler", ["hair-dryer", "styler"], "appliance"),
  n(/eau de|parfum|perfume|cologne|fragrance|\bedp\b|\bedt\b/, "Fragrance", ["perfume", "fragrance"], "fragrance"),
  // Furniture and home
  n(/coffee table/, "Coffee Table", ["coffee-table", "table"], "furniture"),
  n(/side chair|bean bag/, "Chair", ["chair"], "furniture"),
  n(/mattress/, "Twin Mattress", ["mattress", "bed"], "furniture"),
  n(/comforter|bed in a bag|bedding/, "Comforter Set", ["comforter", "bedding"], "textile"),
  n(/wall frame|picture frame/, "Picture Frame", ["frame", "wall-art"], "furniture"),
  n(/candle\b/, "Candle", ["candle"], "sealed"),
  n(/colored pencils/, "Colored Pencils", ["pencils", "art"], "sealed"),
  n(/storage cabinet|drawer .*cabinet|parts storage/, "Parts Cabinet", ["storage", "cabinet"], "furniture"),
  n(/lumber storage|wood organizer/, "Lumber Rack", ["storage", "rack"], "hand-tool"),
  n(/bike (storage )?rack/, "Bike Rack", ["bike", "rack", "storage"], "outdoor"),
  // Tools
  n(/drill and impact driver|combo kit|2-tool/, "Drill and Driver Kit", ["drill", "driver", "power-tool"], "tool", { battery: "if-cordless" }),
  n(/impact driver|pocket driver/, "Impact Driver", ["impact-driver", "drill", "power-tool"], "tool", { battery: "if-cordless" }),
  n(/drill\/driver|drill \/ driver|drill driver|cordless drill/, "Drill/Driver", ["drill", "power-tool"], "tool", { battery: "if-cordless" }),
  n(/screwdriver kit|cordless screwdriver/, "Cordless Screwdriver", ["screwdriver", "power-tool"], "tool", { battery: "always" }),
  n(/circular saw/, "Circular Saw", ["saw", "circular-saw", "power-tool"], "tool"),
  n(/router table/, "Router Table", ["router-table", "woodworking"], "tool"),
  n(/router tool|cordless router|plunge router|compact router/, "Wood Router", ["router", "woodworking", "power-tool"], "tool"),
  n(/oscillating/, "Oscillating Multi-Tool", ["multi-tool", "oscillating", "power-tool"], "tool", { battery: "if-cordless" }),
  n(/rotary tool/, "Rotary Tool", ["rotary-tool", "dremel", "power-tool"], "tool", { battery: "if-cordless" }),
  n(/leaf blower|lawn sweeper/, "Leaf Blower", ["leaf-blower", "blower", "garden"], "tool", { battery: "always" }),
  n(/snow shovel attachment/, "Snow Shovel Attachment", ["snow", "shovel"], "hand-tool"),
  n(/tire inflator|compressor|air pump/, "Tire Inflator", ["tire-inflator", "compressor", "car"], "tool"),
  n(/jump starter/, "Jump Starter", ["jump-starter", "car", "battery"], "tool", { battery: "always" }),
  n(/battery charger|battery maintainer/, "Car Battery Charger", ["battery-charger", "car"], "tool"),
  n(/(max\*? xr|powerstack compact) battery/, "Tool Battery", ["battery", "dewalt", "power-tool"], "tool", { battery: "always" }),
  n(/work light|flashlight|penlight|headlamp|\btorch\b(?!.*trigger)/, "Flashlight", ["flashlight", "torch", "light"], "tool", { battery: "if-cordless" }),
  n(/trigger start torch/, "Propane Torch", ["torch", "propane"], "hand-tool"),
  n(/torque wrench/, "Torque Wrench", ["torque-wrench", "wrench"], "hand-tool"),
  n(/mechanics tool set/, "Mechanics Tool Set", ["tool-set", "sockets", "tools"], "hand-tool"),
  n(/socket and ratchet set|socket set|socket\b/, "Socket Set", ["sockets", "socket-set"], "hand-tool"),
  n(/tap and die/, "Tap and Die Set", ["tap-and-die", "tools"], "hand-tool"),
  n(/bit set|bit box|screwdriver/, "Bit Set", ["bits", "screwdriver"], "hand-tool"),
  n(/micro cutter|knife set|x-acto/, "Hobby Cutter", ["cutter", "crafts"], "hand-tool"),
  n(/pushblock|drill block|drill guide/, "Workshop Jig", ["jig", "woodworking"], "hand-tool"),
  n(/work stand|sawhorse|speedhorse/, "Sawhorse Work Stand", ["sawhorse", "work-stand"], "hand-tool"),
  n(/extension cord/, "Extension Cord", ["extension-cord", "cord"], "hand-tool"),
  n(/entrenching tool|digging shovel|snow shovel|\bshovel\b/, "Shovel", ["shovel"], "hand-tool"),
  n(/ice scraper|snowbrush|snow broom|ice crusher/, "Ice Scraper", ["ice-scraper", "snow", "car"], "hand-tool"),
  n(/\btester\b|\bmeter\b/, "Meter", ["tester", "meter"], "tool"),
  n(/goggle/, "Safety Goggles", ["goggles", "safety"], "hand-tool"),
  n(/gloves/, "Work Gloves", ["gloves"], "clothing"),
  n(/magnets/, "Decorative Garage Magnets", ["garage", "magnets"], "sealed"),
  n(/propane .*heater|radiant heater/, "Propane Heater", ["heater", "propane"], "outdoor"),
  // Baby
  n(/car seat/, "Car Seat", ["car-seat", "baby"], "baby"),
  n(/stroller wagon/, "Stroller Wagon", ["stroller", "wagon", "baby"], "baby"),
  n(/stroller (caddy|organizer)/, "Stroller Organizer", ["stroller", "organizer", "baby"], "baby"),
  n(/baby gate|safety .*gate/, "Baby Gate", ["baby-gate", "gate", "baby"], "baby"),
  // Toys and games
  n(/\blego\b/, "LEGO Set", ["lego", "building-set"], "lego"),
  n(/expansion/, "Board Game Expansion", ["board-game", "expansion"], "board-game"),
  n(/card game/, "Card Game", ["card-game", "game"], "board-game"),
  n(/board game|colt express|wingspan|cat in the box/, "Board Game", ["board-game", "game"], "board-game"),
  n(/dollhouse|doll house|dreamhouse|dolls house/, "Dollhouse", ["dollhouse", "toy"], "toy"),
  n(/blaster/, "Nerf Blaster", ["nerf", "blaster", "toy"], "toy"),
  n(/football/, "Nerf Football", ["nerf", "football", "ball"], "toy"),
  n(/lightsaber/, "Lightsaber", ["lightsaber", "star-wars", "toy"], "toy"),
  n(/plush|stuffed animal/, "Plush Toy", ["plush", "toy"], "toy"),
  n(/action figure|figures/, "Action Figure", ["figure", "toy"], "toy"),
  n(/pretend play|play set|playset|play food|grocery store|shopping cart|tabletop town/, "Play Set", ["toy", "pretend-play"], "toy"),
  n(/building set|blocks/, "Wooden Blocks", ["blocks", "toy"], "toy"),
  n(/3d pen|snap circuits|geodes|science kit|fuse beads|play-doh|arts & crafts/, "Craft Kit", ["kit", "stem", "toy"], "toy"),
  n(/push wagon|stroll 'n wagon/, "Push Wagon", ["wagon", "toddler"], "toy"),
  n(/sandbox digger|excavator/, "Sandbox Digger", ["digger", "sandbox", "toy"], "toy"),
  n(/story dream machine/, "Story Projector", ["toy", "storytime"], "toy"),
  // Sports and outdoors
  n(/solar panel/, "Solar Panels", ["solar", "panel"], "outdoor"),
  n(/induction cooktop|hot plate/, "Induction Cooktop", ["cooktop", "induction"], "appliance"),
  n(/smart ?phone/, "Smartphone", ["phone", "smartphone", "android"], "electronics", { battery: "always", screen: true }),
  n(/kayak/, "Inflatable Kayak", ["kayak", "inflatable", "boat"], "outdoor"),
  n(/inflatable boat/, "Inflatable Boat", ["boat", "inflatable"], "outdoor"),
  n(/\btent\b/, "Tent", ["tent", "camping"], "outdoor"),
  n(/\bstove\b/, "Camp Stove", ["stove", "camping"], "outdoor"),
  n(/fishing reel|spinning reel/, "Fishing Reel", ["fishing", "reel"], "outdoor"),
  n(/golf travel bag/, "Golf Travel Bag", ["golf", "bag", "travel"], "outdoor"),
  n(/kettlebell/, "Adjustable Kettlebell", ["kettlebell", "weights", "fitness"], "outdoor"),
  n(/dumbbell/, "Dumbbell Expansion Kit", ["dumbbells", "weights", "fitness"], "outdoor"),
  n(/pickleball/, "Pickleball Balls", ["pickleball", "balls"], "outdoor"),
  n(/rain jacket|jacket|track top/, "Jacket", ["jacket"], "clothing"),
  n(/t-shirt|\btee\b/, "T-Shirt", ["t-shirt", "shirt"], "clothing"),
  n(/pants|shorts/, "Pants", ["pants"], "clothing"),
  // Pets
  n(/pet hair .*broom|rubber broom/, "Pet Hair Broom", ["broom", "pet-hair"], "pet"),
  n(/hair removal brush/, "Lint Brush", ["lint", "brush"], "pet"),
  n(/heated .*(mat|bed)|cat bed/, "Heated Cat Bed", ["cat-bed", "pet"], "pet"),
  // Books last: everything in the books category is a book anyway.
  n(/cookbook/, "Cookbook", ["cookbook", "book"], "book"),
];

const BOOK_NOUN = n(/$^/, "Book", ["book"], "book");
const MUSIC_NOUN = n(/$^/, "CD", ["music", "cd"], "music");
const FALLBACK_NOUN = n(/$^/, "", [], "electronics");
const DISC_NOUN = n(/$^/, "Blu-ray", ["movie", "blu-ray"], "disc");
const UHD_NOUN = n(/$^/, "4K Blu-ray", ["movie", "4k", "blu-ray"], "disc");
const GAME_NOUN = n(/$^/, "Game", ["game", "video-game"], "video-game");

/** Category-level defaults when no noun matches. */
const CATEGORY_FALLBACK: Partial<Record<CatalogueCategory, Noun>> = {
  books: BOOK_NOUN,
  music: MUSIC_NOUN,
  "movies-tv": DISC_NOUN,
  "video-games": GAME_NOUN,
  "toys-games": n(/$^/, "Toy", ["toy"], "toy"),
  "baby-products": n(/$^/, "", ["baby"], "baby"),
  "pet-supplies": n(/$^/, "", ["pet"], "pet"),
  "sports-outdoors": n(/$^/, "", ["sports"], "outdoor"),
  "tools-home-improvement": n(/$^/, "", ["tools"], "tool"),
  "home-kitchen": n(/$^/, "", ["home"], "appliance"),
};

/** Packaging words that only movie and TV discs carry. */
const DISC_MARKERS =
  /\[(4k uhd|blu-ray)\]|\(4k ultra hd|4k ultra hd \+ blu-ray|4kuhd|\+ digital|uhd\/bd|bd\/dvd|blu-ray \+ dvd|\(blu-ray|film collection|\[4k \+ blu-ray|\[4k uhd/;
/** A video game names its platform at the end: "Remnant 2 for PlayStation 5", "... - PlayStation 5". */
const GAME_MARKERS =
  /(\s-\s|\sfor\s|\|\s)(playstation 5|nintendo switch)\b(?!.*(controller|console))|standard edition/;

/** A noun by its label, for overrides. */
export function nounByLabel(label: string): Noun {
  const found =
    NOUNS.find((noun) => noun.label === label) ??
    [BOOK_NOUN, MUSIC_NOUN, DISC_NOUN, UHD_NOUN, GAME_NOUN].find((noun) => noun.label === label);
  if (!found) throw new Error(`no noun labelled "${label}"`);
  return found;
}

/**
 * What the product is. Food and sealed goods win outright; then movie discs and games by their
 * packaging words; otherwise the noun mentioned earliest in the title (the longest match on a tie), so
 * "Charger ... for iPad" is a charger and "Tablet ... 3GB RAM" a tablet.
 */
export function nounFor(title: string, category: CatalogueCategory): Noun {
  if (category === "books") return /cookbook/i.test(title) ? nounByLabel("Cookbook") : BOOK_NOUN;
  if (category === "music") return MUSIC_NOUN;
  const lower = normalise(title).toLowerCase();
  const priority = NOUNS.find((noun) => noun.priority && noun.pattern.test(lower));
  if (priority && priority.kind === "food") return priority;
  const isPlayer = /player|projector/.test(lower);
  if (!isPlayer && (category === "movies-tv" || DISC_MARKERS.test(lower))) {
    return /4k|uhd/.test(lower) ? UHD_NOUN : DISC_NOUN;
  }
  if (GAME_MARKERS.test(lower)) return GAME_NOUN;
  if (priority) return priority;
  let best: { noun: Noun; index: number; length: number } | undefined;
  for (const noun of NOUNS) {
    if (noun.priority) continue;
    const match = noun.pattern.exec(lower);
    if (!match) continue;
    if (!best || match.index < best.index || (match.index === best.index && match[0].length > best.length)) {
      best = { noun, index: match.index, length: match[0].length };
    }
  }
  return best?.noun ?? CATEGORY_FALLBACK[category] ?? FALLBACK_NOUN;
}

// ---------------------------------------------------------------------------------------------------
// Titles

interface TitleOverride {
  /** The start of the source title, after normalise(). */
  prefix: string;
  title: string;
  /** Label of the noun to use when the rules pick the wrong kind of item. */
  noun?: string;
}

/** Hand-made titles for products the rules shorten badly. */
// biome-ignore format: a table reads best one entry per line
const TITLE_OVERRIDES: readonly TitleOverride[] = [
  { prefix: "Mallory USA Mallory 532", title: "Mallory Cool-Force Snow Brush and Ice Scraper" },
  { prefix: "SubZero 80052", title: "SubZero Extendable Snow Broom and Ice Scraper" },
  { prefix: "Subzero Hopkins 16621", title: "SubZero Ice Crusher Ice Scraper" },
  { prefix: "Lifeline 4002", title: "Lifeline Collapsible Aluminum Snow Shovel" },
  { prefix: "Summer Infant Extra Tall", title: "Summer Infant Extra Tall Pet and Baby Gate" },
  { prefix: "DKNY Be Delicious", title: "DKNY Be Delicious Eau de Parfum 3.4 oz" },
  { prefix: "Tommy Hilfiger Tommy Girl", title: "Tommy Hilfiger Tommy Girl Eau de Toilette 3.4 oz" },
  { prefix: "Clinique Happy for Men Eau de Toilette", title: "Clinique Happy for Men Eau de Toilette 3.4 oz" },
  { prefix: "Pleasures By Estee Lauder", title: "Estee Lauder Pleasures Eau de Parfum 3.4 oz", noun: "Fragrance" },
  { prefix: "Happy By Clinique For Women, EDP, 3.4", title: "Clinique Happy for Women Eau de Parfum 3.4 oz" },
  { prefix: "Clinique Happy by Clinique for Women, EDP Spray, 3.4", title: "Clinique Happy for Women Eau de Parfum 3.4 oz" },
  { prefix: "CLINIQUE Happy For Women. Eau De Parfum Spray 1.7", title: "Clinique Happy for Women Eau de Parfum 1.7 oz" },
  { prefix: "Happy Heart By Clinique", title: "Clinique Happy Heart Parfum 1.7 oz" },
  { prefix: "Happy By Clinique For Men. Cologne", title: "Clinique Happy for Men Cologne 1.7 oz" },
  { prefix: "Paco Rabanne 1 Million", title: "Paco Rabanne 1 Million Eau de Toilette 3.4 oz" },
  { prefix: "Virgil Abloh. Icons", title: "Virgil Abloh: Icons" },
  { prefix: "One Piece Box Set: East Blue", title: "One Piece Box Set 1: Volumes 1-23" },
  { prefix: "Superman (2016-2018): The Rebirth", title: "Superman: The Rebirth Deluxe Edition Book 3" },
  { prefix: "Llama Llama Misses Mama", title: "Llama Llama Misses Mama", noun: "Book" },
  { prefix: "The Official Disney Parks Cookbook", title: "The Official Disney Parks Cookbook" },
  { prefix: "Apple AirPods (3rd Generation)", title: "Apple AirPods 3rd Gen" },
  { prefix: "Apple AirPods (2nd Generation)", title: "Apple AirPods 2nd Gen" },
  { prefix: "Apple AirPods Pro (2nd Generation)", title: "Apple AirPods Pro 2nd Gen with USB-C Case" },
  { prefix: "Apple AirPods Pro (2nd Gen) Wireless Earbuds", title: "Apple AirPods Pro 2nd Gen with MagSafe Case" },
  { prefix: "Kindle - The lightest", title: "Amazon Kindle" },
  { prefix: "Kindle Paperwhite (8 GB)", title: "Amazon Kindle Paperwhite 8GB" },
  { prefix: "Sennheiser Consumer Audio HD 560 S", title: "Sennheiser HD 560S Headphones" },
  { prefix: "Sennheiser Consumer Audio HD 599 SE", title: "Sennheiser HD 599 SE Headphones" },
  { prefix: "SAMSUNG Galaxy Buds 2 Pro", title: "Samsung Galaxy Buds2 Pro" },
  { prefix: "Fitbit Inspire 3", title: "Fitbit Inspire 3 Fitness Tracker" },
  { prefix: "Logitech Circle View", title: "Logitech Circle View Video Doorbell" },
  { prefix: "Ring Video Doorbell (Satin Nickel) bundle", title: "Ring Video Doorbell with Echo Show 5" },
  { prefix: "Ring Video Doorbell (Venetian Bronze) bundle", title: "Ring Video Doorbell with Echo Show 5" },
  { prefix: "CORSAIR 4000D", title: "Corsair 4000D Airflow PC Case" },
  { prefix: "Elgato USB-C Stream Deck +", title: "Elgato Stream Deck Plus" },
  { prefix: "Crucial RAM 32GB Kit", title: "Crucial 32GB DDR5 Laptop RAM Kit" },
  { prefix: "Crucial MX500 1TB", title: "Crucial MX500 1TB SATA SSD" },
  { prefix: "AMD Ryzen 5 5600 6-Core", title: "AMD Ryzen 5 5600 Processor" },
  { prefix: "AMD Ryzen 5 7600 6-Core", title: "AMD Ryzen 5 7600 Processor" },
  { prefix: "AMD Ryzen 5 5600G", title: "AMD Ryzen 5 5600G Processor" },
  { prefix: "SAMSUNG EVO Select Micro SD", title: "Samsung EVO Select 256GB microSD Card" },
  { prefix: "SAMSUNG PRO Plus microSD", title: "Samsung Pro Plus 512GB microSD Card" },
  { prefix: "SanDisk 256GB Extreme PRO SDXC", title: "SanDisk Extreme Pro 256GB SD Card" },
  { prefix: "Seagate ST8000DMZ04 BarraCuda", title: "Seagate BarraCuda 8TB Hard Drive" },
  { prefix: "Seagate IronWolf 8TB", title: "Seagate IronWolf 8TB NAS Hard Drive" },
  { prefix: "Logitech C920x", title: "Logitech C920x HD Pro Webcam" },
  { prefix: "Amazon Fire TV 32\" 2-Series", title: "Amazon Fire TV 32-inch Smart TV" },
  { prefix: "Twelve South AirFly Duo", title: "Twelve South AirFly Duo Bluetooth Transmitter" },
  { prefix: "Chromecast with Google TV (HD)", title: "Chromecast with Google TV HD" },
  { prefix: "Google Chromecast with Google TV (4K)", title: "Chromecast with Google TV 4K" },
  { prefix: "Anker USB C Charger, 735", title: "Anker 735 65W USB-C Charger" },
  { prefix: "All-new Amazon Fire TV Stick 4K Max", title: "Amazon Fire TV Stick 4K Max" },
  { prefix: "All-new Amazon Fire TV Stick 4K streaming", title: "Amazon Fire TV Stick 4K" },
  { prefix: "Crucial P5 Plus 2TB Gen4 NVMe M.2 SSD Internal Gaming SSD with Heatsink", title: "Crucial P5 Plus 2TB SSD with Heatsink" },
  { prefix: "WD_Black 1TB C50", title: "WD Black C50 1TB Xbox Expansion Card" },
  { prefix: "Seagate Storage Expansion Card For Xbox", title: "Seagate 1TB Xbox Expansion Card" },
  { prefix: "NVIDIA SHIELD Android TV Streaming", title: "Nvidia Shield TV Streaming Player" },
  { prefix: "NVIDIA SHIELD Android TV Pro", title: "Nvidia Shield TV Pro Streaming Player" },
  { prefix: "JBL Tune 510BT", title: "JBL Tune 510BT Headphones" },
  { prefix: "Apple Magic Keyboard: iPad Keyboard case for iPad Pro 11", title: "Apple Magic Keyboard for iPad Pro 11-inch" },
  { prefix: "Apple Magic Keyboard: iPad Keyboard and case for iPad Pro 12.9", title: "Apple Magic Keyboard for iPad Pro 12.9-inch" },
  { prefix: "Google Nest Cam Outdoor or Indoor, Battery", title: "Google Nest Cam Battery 2nd Gen" },
  { prefix: "Calphalon Signature Hard-Anodized", title: "Calphalon Signature 12-Inch Nonstick Wok" },
  { prefix: "Chic Home 10 Piece", title: "Chic Home 10-Piece King Comforter Set" },
  { prefix: "Intelligent Design Raina", title: "Intelligent Design Raina King Comforter Set" },
  { prefix: "Drinkmate OmniFizz", title: "Drinkmate OmniFizz Sparkling Water Maker" },
  { prefix: "MCS Master & Co.", title: "MCS Metal Gallery Frame 11x14" },
  { prefix: "Dritz Adhesive Res Q Tape", title: "Dritz Res Q Adhesive Hem Tape" },
  { prefix: "Sargent Art 120 Piece", title: "Sargent Art 120 Colored Pencils" },
  { prefix: "BISSELL Little Green Multi-Purpose", title: "Bissell Little Green Portable Carpet Cleaner" },
  { prefix: "BISSELL Little Green Pro", title: "Bissell Little Green Pro Carpet Cleaner" },
  { prefix: "Bissell Little Green Pet Deluxe", title: "Bissell Little Green Pet Deluxe Carpet Cleaner" },
  { prefix: "Bissell SpotClean ProHeat", title: "Bissell SpotClean ProHeat Carpet Cleaner" },
  { prefix: "BISSELL ProHeat 2X Revolution", title: "Bissell ProHeat 2X Revolution Carpet Cleaner" },
  { prefix: "BISSELL Crosswave Pet Pro", title: "Bissell CrossWave Pet Pro Wet-Dry Vacuum" },
  { prefix: "Oral-B Pro 1000", title: "Oral-B Pro 1000 Electric Toothbrush" },
  { prefix: "Greater Than Games Spirit Island Core", title: "Spirit Island Board Game" },
  { prefix: "Greater Than Games Spirit Island: Jagged Earth", title: "Spirit Island: Jagged Earth Expansion" },
  { prefix: "Greater Than Games Spirit Island: Feather & Flame", title: "Spirit Island: Feather & Flame Expansion", noun: "Board Game Expansion" },
  { prefix: "Mario + Rabbids Sparks of Hope", title: "Mario + Rabbids Sparks of Hope for Switch", noun: "Game" },
  { prefix: "Instant Pot Air Fryer Oven", title: "Instant Pot 6-Quart Air Fryer Oven", noun: "Toaster Oven" },
  { prefix: "Instant Pot Duo Plus, 6-Quart", title: "Instant Pot Duo Plus 6-Quart Pressure Cooker" },
  { prefix: "Instant Pot Duo 7-in-1 Electric", title: "Instant Pot Duo 7-in-1 Pressure Cooker" },
  { prefix: "Instant Pot Duo 7-in-1 Mini", title: "Instant Pot Duo Mini Pressure Cooker" },
  { prefix: "Instant Pot Pro Plus Wi-Fi", title: "Instant Pot Pro Plus Smart Pressure Cooker" },
  { prefix: "The Crew - Mission Deep Sea", title: "The Crew: Mission Deep Sea Card Game" },
  { prefix: "Alderac Entertainment Group (AEG) Cascadia", title: "Cascadia Board Game" },
  { prefix: "Snap Circuits Classic", title: "Snap Circuits Classic Electronics Kit" },
  { prefix: "3Doodler Start+", title: "3Doodler Start+ 3D Pen Set" },
  { prefix: "Melissa & Doug Wooden Scoop and Serve", title: "Melissa & Doug Scoop and Serve Ice Cream Counter" },
  { prefix: "Stonemaier Games Scythe: Invaders", title: "Scythe: Invaders from Afar Expansion" },
  { prefix: "Stonemaier Games STM910 Wingspan", title: "Wingspan Board Game with Swift Start Pack" },
  { prefix: "Withings Body+", title: "Withings Body+ Smart Scale" },
  { prefix: "Horrible Guild: The King's Dilemma", title: "The King's Dilemma Board Game" },
  { prefix: "Ninja DZ201 Foodi 8 Quart", title: "Ninja Foodi DualZone 8-Quart Air Fryer" },
  { prefix: "Ninja DZ550 Foodi 10 Quart", title: "Ninja Foodi DualZone 10-Quart Air Fryer" },
  { prefix: "Shark S7001 Mop", title: "Shark Steam and Scrub Mop" },
  { prefix: "Ninja SS401 Foodi Power Blender", title: "Ninja Foodi Power Blender System" },
  { prefix: "Ninja SS351 Foodi Power Blender", title: "Ninja Foodi Power Blender and Processor" },
  { prefix: "Ninja SP351 Foodi Smart 13-in-1", title: "Ninja Foodi Dual Heat Air Fry Oven" },
  { prefix: "NOCO Boost Plus GB40", title: "NOCO Boost Plus GB40 Jump Starter" },
  { prefix: "NOCO Boost HD GB70", title: "NOCO Boost HD GB70 Jump Starter" },
  { prefix: "NOCO GENIUS5", title: "NOCO Genius5 Car Battery Charger", noun: "Car Battery Charger" },
  { prefix: "Mansions of Madness Path of The Serpent", title: "Mansions of Madness: Path of the Serpent Expansion" },
  { prefix: "Mansions of Madness Streets of Arkham", title: "Mansions of Madness: Streets of Arkham Expansion" },
  { prefix: "Bezier Games Cat in The Box", title: "Cat in the Box Deluxe Card Game", noun: "Card Game" },
  { prefix: "Fantasy Flight Games Elder Sign", title: "Elder Sign Board Game" },
  { prefix: "Fantasy Flight Games Twilight Imperium", title: "Twilight Imperium: Prophecy of Kings Expansion", noun: "Board Game Expansion" },
  { prefix: "INTEX 68307EP Explorer K2", title: "Intex Explorer K2 Inflatable Kayak" },
  { prefix: "INTEX 58332EP Explorer 300", title: "Intex Explorer 300 Inflatable Boat Set" },
  { prefix: "Nespresso VertuoPlus", title: "Nespresso VertuoPlus Coffee and Espresso Machine" },
  { prefix: "Farberware 5152497", title: "Farberware 15-Piece Kitchen Knife Set" },
  { prefix: "Carcassonne Inns & Cathedrals", title: "Carcassonne: Inns & Cathedrals Expansion", noun: "Board Game Expansion" },
  { prefix: "REDACTED Disney Princess Cinderella", title: "Disney Princess Cinderella Wooden Castle Dollhouse" },
  { prefix: "Keurig K-Elite", title: "Keurig K-Elite Coffee Maker" },
  { prefix: "Keurig K-Compact", title: "Keurig K-Compact Coffee Maker" },
  { prefix: "Keurig K- Slim", title: "Keurig K-Slim Coffee Maker" },
  { prefix: "Project L Strategy", title: "Project L Board Game" },
  { prefix: "Hasbro Gaming Monopoly Junior: Bluey", title: "Monopoly Junior: Bluey Edition Board Game" },
  { prefix: "DEWALT 20V Vacuum, Cordless Handheld", title: "DeWalt 20V Cordless Handheld Vacuum", noun: "Cordless Vacuum" },
  { prefix: "Ninja CFN601", title: "Ninja Espresso and Coffee Barista System" },
  { prefix: "Lookout Games Grand Austria Hotel", title: "Grand Austria Hotel Board Game" },
  { prefix: "IELLO: King of Tokyo", title: "King of Tokyo Board Game" },
  { prefix: "Melissa & Doug Let's Play House", title: "Melissa & Doug Dust, Sweep and Mop Play Set", noun: "Play Set" },
  { prefix: "Renegade Game Studios: Hadrian's Wall", title: "Hadrian's Wall Board Game" },
  { prefix: "NATIONAL GEOGRAPHIC Break Open 10", title: "National Geographic Break Open Geodes Kit" },
  { prefix: "Dr. Strangelove", title: "Dr. Strangelove 4K Blu-ray" },
  { prefix: "VIAIR 88P", title: "Viair 88P Portable Tire Inflator" },
  { prefix: "Super Mario Nintendo Deluxe Mushroom", title: "Super Mario Mushroom Kingdom Castle Playset" },
  { prefix: "Franklin Sports Outdoor - X-40", title: "Franklin X-40 Outdoor Pickleballs 100-Pack" },
  { prefix: "Mr. Heater F232000", title: "Mr. Heater Buddy Portable Propane Heater" },
  { prefix: "All-Clad HA1", title: "All-Clad HA1 Nonstick Fry Pan Set" },
  { prefix: "The Exorcist 50th Anniversary", title: "The Exorcist 50th Anniversary 4K Blu-ray" },
  { prefix: "Watchmen (Ultimate Cut)", title: "Watchmen: Ultimate Cut Blu-ray", noun: "Blu-ray" },
  { prefix: "Cuisinart 1.7-Liter", title: "Cuisinart Cordless Electric Kettle" },
  { prefix: "LEVOIT Humidifiers for Bedroom", title: "Levoit 6L Cool Mist Humidifier" },
  { prefix: "LEVOIT LV600S", title: "Levoit LV600S Warm and Cool Mist Humidifier" },
  { prefix: "Just Dance 2024 Edition", title: "Just Dance 2024 for Nintendo Switch" },
  { prefix: "Casio G-Shock GWM5610", title: "Casio G-Shock Solar Sport Watch" },
  { prefix: "Zojirushi NS-ZCC10", title: "Zojirushi Neuro Fuzzy Rice Cooker" },
  { prefix: "T-fal Ultimate EZ Clean", title: "T-fal EZ Clean Deep Fryer" },
  { prefix: "Winix 5500-2", title: "Winix 5500-2 Air Purifier" },
  { prefix: "Renogy 2PCS Solar Panels", title: "Renogy 100W Solar Panel 2-Pack" },
  { prefix: "Anova Culinary Sous Vide Precision Cooker Nano", title: "Anova Precision Cooker Nano 3.0" },
  { prefix: "Anova Culinary Sous Vide Precision Cooker 3.0", title: "Anova Precision Cooker 3.0 Wi-Fi" },
  { prefix: "TEKTON 1/2 Inch Drive Micrometer", title: "Tekton 1/2-Inch Drive Torque Wrench" },
  { prefix: "TEKTON 3/8 Inch Drive Micrometer", title: "Tekton 3/8-Inch Drive Torque Wrench" },
  { prefix: "Sunex 3342", title: "Sunex 42-Piece Impact Socket Set" },
  { prefix: "LG LT1000P", title: "LG LT1000P Refrigerator Water Filter" },
  { prefix: "LG LT700P", title: "LG LT700P Refrigerator Water Filter" },
  { prefix: "Leviton T5633-W", title: "Leviton USB-C In-Wall Outlet" },
  { prefix: "Leviton T5635-W 30W", title: "Leviton 30W USB-C In-Wall Outlet" },
  { prefix: "Leviton T5636-W 60W", title: "Leviton 60W USB-C In-Wall Outlet" },
  { prefix: "Leviton Decora Smart Dimmer Plug", title: "Leviton Decora Smart Dimmer Plug", noun: "Smart Plug" },
  { prefix: "SOG Entrenching Tool", title: "SOG Folding Entrenching Shovel" },
  { prefix: "Akro-Mils 10144", title: "Akro-Mils 44-Drawer Parts Cabinet" },
  { prefix: "APEC Water Systems ROES-50", title: "APEC Reverse Osmosis Water Filter System" },
  { prefix: "APEC Water Systems ROES-PH75", title: "APEC Alkaline Reverse Osmosis Water Filter System" },
  { prefix: "APEC ESSENCE Series 50 GPD", title: "APEC Essence Replacement Filter Set" },
  { prefix: "APEC Water Systems ULTIMATE Series", title: "APEC Stage 1-3 Replacement Filter Set" },
  { prefix: "Amazon Basics 50-Foot", title: "Amazon Basics 50-Foot Extension Cord" },
  { prefix: "metabo 626696000", title: "Metabo 32-Piece Bit Set" },
  { prefix: "Bora Wood Organizer", title: "Bora Wall-Mounted Lumber Rack" },
  { prefix: "everydrop by Whirlpool", title: "Everydrop Refrigerator Water Filter 1" },
  { prefix: "Streamlight 88054 ProTac HL USB", title: "Streamlight ProTac HL USB Flashlight" },
  { prefix: "Streamlight 88081 ProTac HL 5-X", title: "Streamlight ProTac HL 5-X Flashlight" },
  { prefix: "Streamlight 88033 ProTac 2AA", title: "Streamlight ProTac 2AA Flashlight", noun: "Flashlight" },
  { prefix: "Streamlight 66118 Stylus Pro", title: "Streamlight Stylus Pro Penlight", noun: "Flashlight" },
  { prefix: "Streamlight 66134 Stylus Pro USB", title: "Streamlight Stylus Pro USB Penlight" },
  { prefix: "Streamlight 66318 MicroStream", title: "Streamlight MicroStream Pocket Flashlight", noun: "Flashlight" },
  { prefix: "CLC Custom Leathercraft 2115M", title: "CLC Cut-Resistant Work Gloves" },
  { prefix: "Brita Water Filter Replacements", title: "Brita Faucet Mount Filter 2-Pack" },
  { prefix: "Frigidaire ULTRAWF", title: "Frigidaire UltraWF Refrigerator Water Filter" },
  { prefix: "GEARWRENCH 39 Pc.", title: "GearWrench 39-Piece Bit Socket Set" },
  { prefix: "DEWALT 20V MAX* LED Work Light", title: "DeWalt 20V Max LED Work Light" },
  { prefix: "Dewalt DPG82-11C", title: "DeWalt Anti-Fog Safety Goggles" },
  { prefix: "Southwire TESTER, M550", title: "Southwire Continuity Tester" },
  { prefix: "Makita XTR01Z", title: "Makita 18V Cordless Compact Router" },
  { prefix: "Filtrete 16x25x1", title: "Filtrete 16x25x1 Air Filter 6-Pack" },
  { prefix: "Dremel 8240", title: "Dremel 8240 Cordless Rotary Tool Kit" },
  { prefix: "X-ACTO Compression Basic Knife Set", title: "X-Acto Knife Set with Micro Cutter", noun: "Hobby Cutter" },
  { prefix: "Titan Tools - 1/2 Dr. 14Mm", title: "Titan 14mm Hex Bit Socket", noun: "Socket Set" },
  { prefix: "Household Essentials Garage Handle", title: "Decorative Garage Door Hinge Magnets" },
  { prefix: "Energizer LED Headlamp Pro360", title: "Energizer Pro360 LED Headlamp", noun: "Flashlight" },
  { prefix: "Howard Leight by Honeywell Impact Sport", title: "Howard Leight Impact Sport Electronic Earmuffs" },
  { prefix: "Hakko-CHP-170 Micro Cutter", title: "Hakko CHP-170 Micro Cutter" },
  { prefix: "ecobee New Smart Thermostat Enhanced", title: "ecobee Smart Thermostat Enhanced" },
  { prefix: "ecobee New Smart Thermostat Premium", title: "ecobee Smart Thermostat Premium" },
  { prefix: "Philips Hue 60W A19", title: "Philips Hue Color Smart Bulbs 3-Pack" },
  { prefix: "Philips Hue 40W B39", title: "Philips Hue Color Smart Candle Bulb", noun: "Smart Bulbs" },
  { prefix: "Philips LED Flicker-Free", title: "Philips Dimmable LED A19 Light Bulb" },
  { prefix: "MICROJIG GRR-RIPPER", title: "Microjig GRR-Ripper Table Saw Pushblock" },
  { prefix: "Scotch 10457DS", title: "Scotch Colored Electrical Tape 5-Pack" },
  { prefix: "Kasa Matter Smart Plug w/", title: "Kasa Matter Smart Plug with Energy Monitoring" },
  { prefix: "BSN Medical BEI076168 Leukotape", title: "Leukotape P Sports Tape" },
  { prefix: "Wiha 75992 System 4", title: "Wiha System 4 Precision Bit Set" },
  { prefix: "DEWALT 20V MAX XR Battery", title: "DeWalt 20V Max XR 5Ah Battery" },
  { prefix: "DEWALT 20V MAX* POWERSTACK", title: "DeWalt 20V PowerStack Compact Battery 2-Pack" },
  { prefix: "Fiskars 46 Inch Steel D-handle", title: "Fiskars 46-Inch Steel Digging Shovel" },
  { prefix: "Eldritch Horror The Dreamlands", title: "Eldritch Horror: The Dreamlands Expansion", noun: "Board Game Expansion" },
  { prefix: "Schleich Eldrador Creatures Ice Dragon", title: "Schleich Eldrador Ice Dragon Figure" },
  { prefix: "Melissa & Doug 18-Piece Wooden Take-Along", title: "Melissa & Doug Wooden Take-Along Tabletop Town" },
  { prefix: "UNLOCK! Heroic Adventures", title: "Unlock! Heroic Adventures Card Game" },
  { prefix: "Melissa & Doug Wooden Slice & Stack", title: "Melissa & Doug Slice and Stack Sandwich Counter" },
  { prefix: "MEGA Pokémon Action Figures", title: "Mega Pokémon Poké Ball Building Set", noun: "Action Figure" },
  { prefix: "Gamewright - Happy City", title: "Happy City Card Game" },
  { prefix: "Fantasy Flight Games Arkham Horror The Card Game The Dunwich Legacy Investigator", title: "Arkham Horror LCG: Dunwich Legacy Investigators", noun: "Board Game Expansion" },
  { prefix: "Fantasy Flight Games Arkham Horror The Card Game The Dunwich Legacy Campaign", title: "Arkham Horror LCG: Dunwich Legacy Campaign", noun: "Board Game Expansion" },
  { prefix: "STAR WARS Lightsaber Forge Inquisitor", title: "Star Wars Lightsaber Forge Inquisitor Lightsaber" },
  { prefix: "NERF Ultra 75-Dart Refill", title: "Nerf Ultra 75-Dart Refill Pack" },
  { prefix: "Playskool Fold 'n Go Elephant", title: "Playskool Fold 'n Go Elephant Plush" },
  { prefix: "furReal Wavy The Narwhal", title: "furReal Wavy the Narwhal Interactive Plush" },
  { prefix: "Pixobitz Studio", title: "Pixobitz Studio Fuse Beads Kit" },
  { prefix: "Radio Flyer Trav-ler", title: "Radio Flyer Stroll 'N Wagon" },
  { prefix: "McFarlane - Avatar", title: "McFarlane Avatar Tonowari and Skimwing Figures", noun: "Action Figure" },
  { prefix: "Nerf Roblox Arsenal: Soul Catalyst", title: "Nerf Roblox Arsenal Soul Catalyst Blaster" },
  { prefix: "ROCCAT Vulcan Pro", title: "Roccat Vulcan Pro Gaming Keyboard" },
  { prefix: "8BitDo Sn30 Pro", title: "8BitDo SN30 Pro Bluetooth Controller" },
  { prefix: "8Bitdo Sn30 Pro", title: "8BitDo SN30 Pro Bluetooth Controller" },
  { prefix: "Under Armour Mens Tactical Tech T-shirt", title: "Under Armour Men's Tactical Tech T-Shirt, Size XS" },
  { prefix: "Under Armour Mens Hustle Fleece Pants", title: "Under Armour Men's Hustle Fleece Pants, Size S" },
  { prefix: "adidas Men's Essentials Warm-Up", title: "adidas Men's 3-Stripes Track Top, Size M" },
  { prefix: "Volcom Women's Lived in Lounge", title: "Volcom Women's Fleece Sweat Shorts, Size M" },
  { prefix: "adidas Men's Own The Run Jacket", title: "adidas Men's Own the Run Jacket, Size M" },
  { prefix: "Columbia Men's Glennaker Lake", title: "Columbia Men's Glennaker Rain Jacket, Size 4X Tall" },
  { prefix: "Camp Chef Mountain Series 2 Burner", title: "Camp Chef Mountain Series 2-Burner Stove" },
  { prefix: "PowerBlock Elite EXP 70-90", title: "PowerBlock Elite EXP 70-90 lb Expansion Kit" },
  { prefix: "K&H Pet Products Heated Thermo-Kitty", title: "K&H Thermo-Kitty Heated Cat Mat" },
  { prefix: "Evercare Pet Hair Extra Sticky", title: "Evercare Extra Sticky Lint Roller" },
  { prefix: "Norton 360 Premium", title: "Norton 360 Premium for 10 Devices" },
  { prefix: "Norton 360 Deluxe", title: "Norton 360 Deluxe for 5 Devices" },
  { prefix: "TurboTax Premier 2023", title: "TurboTax Premier 2023 Tax Software" },
  { prefix: "EGO Power+ SSA1200", title: "EGO Power+ Snow Shovel Attachment" },
  { prefix: "X [Blu-ray]", title: "X (2022) Blu-ray", noun: "Blu-ray" },
  { prefix: "Spider-Man (2002) / Spider-Man 2", title: "Spider-Man Trilogy 4K Blu-ray" },
  { prefix: "Space: 1999 - The Complete Series", title: "Space: 1999 The Complete Series Blu-ray" },
  { prefix: "Star Trek Discovery - Season 3", title: "Star Trek: Discovery Season 3 Blu-ray" },
  { prefix: "Star Trek: The Original Series: The Complete Series", title: "Star Trek: The Original Series Complete Blu-ray" },
  { prefix: "Echo (4th Gen)", title: "Amazon Echo 4th Gen" },
  { prefix: "Echo Dot (5th Gen, 2022 release) with clock", title: "Amazon Echo Dot 5th Gen with Clock" },
  { prefix: "Sony WH-XB910N", title: "Sony Extra Bass Noise Cancelling Headphones" },
  { prefix: "Colt Express", title: "Colt Express Board Game", noun: "Board Game" },
  { prefix: "SKIL 15 Amp 7-1/4 Inch", title: "Skil 15-Amp Circular Saw with Laser Guide" },
  { prefix: "DEWALT 20V Max Cordless Drill / Driver Kit", title: "DeWalt 20V Max Compact Drill/Driver Kit" },
  { prefix: "Yale Assure Lock - Wi-Fi Touchscreen", title: "Yale Assure Wi-Fi Touchscreen Smart Lock" },
  { prefix: "Yale Assure Lock SL", title: "Yale Assure Lock SL Wi-Fi Smart Lock" },
  { prefix: "Yale Security Assure Lock 2", title: "Yale Assure Lock 2 Keypad Smart Lock" },
  { prefix: "WD_BLACK 1TB SN850X", title: "WD Black SN850X 1TB SSD" },
  { prefix: "WD_BLACK 2TB SN850X", title: "WD Black SN850X 2TB SSD" },
  { prefix: "WD_BLACK 4TB SN850X", title: "WD Black SN850X 4TB SSD" },
  { prefix: "BOSCH PS31-2A", title: "Bosch 12V Max Drill/Driver Kit" },
  { prefix: "BOSCH CLPK27-120", title: "Bosch 12V Max 2-Tool Combo Kit" },
  { prefix: "Samsung 990 PRO Series - 2TB", title: "Samsung 990 Pro 2TB SSD" },
  { prefix: "Samsung 990 PRO Series - 1TB", title: "Samsung 990 Pro 1TB SSD" },
];

function overrideFor(rawTitle: string): TitleOverride | undefined {
  const raw = normalise(rawTitle);
  return TITLE_OVERRIDES.find((override) => raw.startsWith(override.prefix));
}

// biome-ignore format: a table reads best one entry per line
const ACRONYMS = new Set([
  "LEGO", "JBL", "AMD", "LG", "TCL", "HD", "SSD", "USB", "LED", "UV", "RGB", "HEPA", "DKNY", "NOCO", "AEG",
  "OXO", "PS5", "PS4", "TV", "UHD", "4K", "VR", "XL", "SE", "II", "III", "IV", "XS", "USA", "CO", "BPM",
  "EGO", "SOG", "CLC", "MCS", "PUR", "GE", "CYNC", "WD", "SKIL", "APEC", "VIAIR", "NERF", "MEGA", "EVO",
  "SN850X", "PRO", "AX", "EDC", "HL", "MX", "XR", "MAX", "DC", "AC", "BSN",
]);
const BRAND_CASE: Record<string, string> = {
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

function fixCase(word: string): string {
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

const MARKETING = [
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
const JARGON = [
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

function stripBrackets(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) out = out.replace(/\s*\[[^\]]*\]/g, "").replace(/\s*\([^()]*\)/g, "");
  return out.replace(/[()[\]]/g, "").trim();
}

function tidy(text: string): string {
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

function capWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const words = text.split(" ");
  let out = "";
  for (const word of words) {
    if ((out ? `${out} ${word}` : word).length > max) break;
    out = out ? `${out} ${word}` : word;
  }
  return tidy(out);
}

const PLATFORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/playstation 5|\bps5\b/i, "PS5"],
  [/nintendo switch/i, "Nintendo Switch"],
  [/xbox series/i, "Xbox Series X"],
];

function mediaTitle(raw: string, noun: Noun): string {
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

function gameTitle(raw: string): string {
  const platform = PLATFORMS.find(([pattern]) => pattern.test(raw))?.[1] ?? "";
  let name = raw.split(/\s+(?:-|\||for)\s+/i)[0] ?? raw;
  name = stripBrackets(name).replace(/\b(standard edition|for playstation 5|playstation 5)\b/gi, "");
  name = tidy(name);
  return capWords(platform ? `${name} for ${platform}` : name, 60);
}

function bookTitle(raw: string): string {
  let name = raw.replace(/\s+by\s+[A-Z][\w'.-]+,\s*[A-Z][\w'. -]+$/, ""); // "by Chiang, Cliff"
  name = stripBrackets(name);
  return capWords(tidy(name), 60);
}

function musicTitle(raw: string): string {
  const byMatch = /\s+by\s+(.+)$/.exec(raw);
  const artist = byMatch ? byMatch[1]!.trim() : "";
  let name = byMatch ? raw.slice(0, byMatch.index) : raw;
  name = tidy(stripBrackets(name));
  const box = /deluxe|cd\/|albums/i.test(raw) ? " Box Set" : " CD";
  return capWords(`${name}${artist ? ` by ${artist}` : ""}${artist ? "" : box}`, 60);
}

/** LEGO set names keep their colons ("Jurassic Park Visitor Center: T. rex & Raptor Attack"). */
const LEGO_SPLITTERS = /\s+\|\s+|,\s|\s+-\s+|;\s|\s+(?:with|featuring|includes|that|for)\s+/i;
const SPLITTERS =
  /\s+\|\s+|,\s|\s+-\s+|;\s|:\s|\s+(?:with|featuring|includes|that|for)\s+|\s*\+\s+(?=[A-Z])/i;

function productTitle(raw: string, noun: Noun): string {
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
const TWO_WORD_BRANDS = [
  "Amazon Basics", "Melissa & Doug", "Ultimate Ears", "Instant Pot", "Google Nest", "Fantasy Flight",
  "Apple AirPods", "Sun Joe", "Ring Video", "Little Tikes", "Under Armour", "Camp Chef", "Franklin Sports",
  "Yankee Candle", "Nordic Ware", "Paco Rabanne", "Estee Lauder", "Tommy Hilfiger", "Summer Infant",
  "Itzy Ritzy", "Chic Home", "Sargent Art", "Mr. Heater", "Delta Cycle", "Matfer Bourgeat",
];

/** Long titles become brand + the few words that lead up to the product noun. */
function shortenAroundNoun(title: string, noun: Noun): string {
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

// ---------------------------------------------------------------------------------------------------
// Keywords and descriptions

const STOPWORDS = new Set(
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

const CONDITION_WORDS: Record<ItemCondition, string> = {
  new: "new",
  "like-new": "like-new",
  good: "good",
  fair: "fair",
  poor: "poor",
};

function ageWords(years: number): string {
  if (years === 0) return "less than a year old";
  if (years === 1) return "about a year old";
  return `about ${years} years old`;
}

function conditionSentence(condition: ItemCondition, ageYears: number, kind: Kind): string {
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
function whatSentence(raw: string, title: string, noun: Noun): string {
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

function describe(
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

// ---------------------------------------------------------------------------------------------------
// Condition, age, flaw and used value

const CONDITION_WEIGHTS: ReadonlyArray<readonly [ItemCondition, number]> = [
  ["new", 0.07],
  ["like-new", 0.3],
  ["good", 0.4],
  ["fair", 0.17],
  ["poor", 0.06],
];

function weightedPick<T>(rng: Rng, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

function pickCondition(rng: Rng, kind: Kind): ItemCondition {
  if (kind === "sealed") return "new";
  return weightedPick(rng, CONDITION_WEIGHTS);
}

const AGE_RANGE: Record<ItemCondition, readonly [number, number]> = {
  new: [0, 1],
  "like-new": [0, 1],
  good: [1, 3],
  fair: [2, 5],
  poor: [3, 8],
};

function pickAge(rng: Rng, condition: ItemCondition, kind: Kind): number {
  const [min, max] = AGE_RANGE[condition];
  const cap = Math.max(KINDS[kind].maxAge, min);
  return rng.int(Math.min(min, cap), Math.min(max, cap));
}

const CORDLESS = /wireless|bluetooth|cordless|rechargeable|battery|portable|\b\d+v\b|true wireless/;

function pickFlaw(rng: Rng, condition: ItemCondition, noun: Noun, rawTitle: string): string | undefined {
  const profile = KINDS[noun.kind];
  const chance: Record<ItemCondition, number> = { new: 0, "like-new": 0.25, good: 0.55, fair: 0.95, poor: 1 };
  if (!rng.chance(chance[condition])) return undefined;
  const severe = condition === "fair" || condition === "poor";
  const pool = [...(severe ? profile.major : profile.minor)];
  if (
    noun.kind === "electronics" ||
    noun.kind === "appliance" ||
    noun.kind === "tool" ||
    noun.kind === "smart-home"
  ) {
    if (
      noun.battery === "always" ||
      (noun.battery === "if-cordless" && CORDLESS.test(rawTitle.toLowerCase()))
    ) {
      pool.push(
        ...(severe
          ? [
              "battery holds about 3 hours",
              "battery drains in about half a day",
              "battery needs charging daily",
            ]
          : ["battery holds about 80% of its original charge", "battery slightly weaker than new"]),
      );
    }
    if (noun.screen) pool.push(severe ? "a scratch across the screen" : "faint marks on the screen");
    if (noun.earpads) pool.push(severe ? "ear cushions are peeling" : "ear pads show some wear");
  }
  if (pool.length === 0) return undefined;
  return rng.pick(pool);
}

const BASE_FRACTION: Record<ItemCondition, number> = {
  new: 0.7,
  "like-new": 0.58,
  good: 0.47,
  fair: 0.35,
  poor: 0.24,
};

/** Rounds cents to a tidy amount: 50-cent steps under $20, whole dollars above. */
function roundCents(cents: number, direction: "down" | "up"): number {
  const step = cents < 20_00 ? 50 : 100;
  return direction === "down" ? Math.floor(cents / step) * step : Math.ceil(cents / step) * step;
}

export function usedValueFor(
  retail: number,
  condition: ItemCondition,
  ageYears: number,
  kind: Kind,
  rng: Rng,
): { low: number; high: number } {
  const ageFactor = Math.max(0.7, 1 - 0.05 * ageYears);
  const jitter = 0.92 + rng.next() * 0.16;
  const fraction = Math.min(
    0.75,
    Math.max(0.15, BASE_FRACTION[condition] * ageFactor * KINDS[kind].valueFactor * jitter),
  );
  const mid = retail * fraction;
  const spread = 0.18 + rng.next() * 0.08;
  let low = roundCents(mid * (1 - spread), "down");
  let high = Math.min(roundCents(mid * (1 + spread), "up"), Math.floor(retail * 0.85));
  if (high <= low) high = low + 50;
  low = Math.max(0, low);
  return { low, high };
}

// ---------------------------------------------------------------------------------------------------
// Main

function slug(text: string, max = 48): string {
  const base = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= max) return base;
  const cut = base.slice(0, max);
  return cut.slice(0, cut.lastIndexOf("-") > 20 ? cut.lastIndexOf("-") : max).replace(/-+$/, "");
}

interface Built {
  entries: CatalogueEntry[];
  skipped: Record<string, number>;
}

export function buildCatalogue(sourceDir: string): Built {
  const files = readdirSync(sourceDir)
    .filter((file) => file.endsWith(".json"))
    .sort();
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  // Specific categories first, "other" last, so a product listed in both keeps its specific category.
  const ordered = [
    ...files.filter((file) => file !== "other.json"),
    ...files.filter((file) => file === "other.json"),
  ];
  const entries: CatalogueEntry[] = [];
  const seenTitles = new Set<string>();
  const seenIds = new Set<string>();
  const root = createRng(hashString(SEED_LABEL));
  for (const file of ordered) {
    const category = file.replace(/\.json$/, "") as CatalogueCategory;
    if (!(CATALOGUE_CATEGORIES as readonly string[]).includes(category))
      throw new Error(`unknown category file ${file}`);
    const records = JSON.parse(readFileSync(join(sourceDir, file), "utf8")) as SourceRecord[];
    for (const record of records) {
      const retail = retailCents(record);
      if (retail === undefined) {
        skip("no price");
        continue;
      }
      if (retail > MAX_RETAIL_CENTS) {
        skip("retail above $350");
        continue;
      }
      const raw = normalise(record.title);
      const override = overrideFor(raw);
      const noun = override?.noun ? nounByLabel(override.noun) : nounFor(raw, category);
      if (noun.kind === "food") {
        skip("food or consumable");
        continue;
      }
      const title = shortTitle(record.title, category, noun);
      const titleKey = title.toLowerCase();
      if (seenTitles.has(titleKey)) {
        skip("duplicate title (colour variant or listed twice)");
        continue;
      }
      const rng = root.fork(raw);
      const condition = pickCondition(rng, noun.kind);
      const ageYears = pickAge(rng, condition, noun.kind);
      const flaw = condition === "new" ? undefined : pickFlaw(rng, condition, noun, raw);
      const usedValue = usedValueFor(retail, condition, ageYears, noun.kind, rng);
      if (usedValue.high > MAX_HIGH_CENTS) {
        skip("used value above $120");
        continue;
      }
      if (usedValue.low < MIN_LOW_CENTS) {
        skip("used value below $3");
        continue;
      }
      let id = slug(title);
      for (let i = 2; seenIds.has(id); i++) id = `${slug(title, 44)}-${i}`;
      seenIds.add(id);
      seenTitles.add(titleKey);
      const entry: CatalogueEntry = {
        id,
        title,
        category,
        keywords: keywordsFor(title, noun),
        description: describe(record.title, title, noun, condition, ageYears),
        retailPrice: retail,
        condition,
        ageYears,
        ...(flaw ? { flaw } : {}),
        usedValue,
      };
      entries.push(entry);
    }
  }
  entries.sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  return { entries: catalogueSchema.parse(entries), skipped };
}

function readme(entries: readonly CatalogueEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
  const table = [...counts.entries()].map(([category, count]) => `| ${category} | ${count} |`).join("\n");
  const empty = CATALOGUE_CATEGORIES.filter((category) => !counts.has(category));
  const emptyNote =
    empty.length === 0
      ? ""
      : `\n\nNo items in ${empty.join(", ")}: every product there is too dear for a $100 market.`;
  return `# Item catalogue

\`catalogue.json\` holds ${entries.length} second-hand items that Haggle markets draw from: things people
might sell to each other with a $100 budget each. Each entry is a used item with a short title, a
category, keywords for matching want ads, a plain description, a condition, an age, sometimes a flaw,
the retail price as an anchor and a used-market value range. Markets turn the range into asking prices,
reserves and buyers' max prices with the helpers in \`src/domain/catalogue.ts\`.

This file and \`catalogue.json\` are generated: run \`npx tsx scripts/build-catalogue.ts\` (it needs the
source data set at \`../shared/data/amazon-history-price\`, or pass \`--source DIR\`). The build is
deterministic: every random choice comes from a generator seeded per product, so the same source gives
the same catalogue byte for byte.

## How it was derived

1. Read the 18 category files of the AmazonHistoryPrice data set (930 products).
2. Retail price = max(list price, highest historical price), as in the paper; when neither exists, the
   current, average or lowest price. Products without any price, above $350 retail, or that nobody
   resells second-hand (food, motor oil and the like) are left out.
3. Title: the long Amazon title is cut to brand + product noun: marketing clauses after commas, dashes,
   bars, "with"/"for" and brackets go, model numbers and spec jargon (PCIe, NVMe, MHz...) are dropped;
   movies become "Name 4K Blu-ray" / "Name Blu-ray". A hand-made override map (about 250 titles)
   fixes the products the rules get wrong.
   Duplicates (colour variants, products listed in two categories) keep the first.
4. Condition is drawn per product (mostly good or like-new; sealed goods such as software and filters are
   always new), then an age that fits the condition and the kind of item, then, often for worn items
   and never for new ones, a flaw that fits the kind of item (a scratched disc case, a worn battery, a
   creased spine).
5. Used value: retail x a fraction for the condition (about 70% new, 58% like-new, 47% good, 35% fair,
   24% poor) x an age factor (-5% a year, at most -30%) x a factor for the kind of item (discs and books
   resell low, tools hold value) x a little seeded jitter; the range is that value -/+ about 20%,
   rounded to 50 cents under $20 and whole dollars above, and never above 85% of retail.
6. Only items whose range fits $100 budgets are kept: \`usedValue.high\` <= $120 and \`usedValue.low\` >= $3.

## Fields

| field | meaning |
| --- | --- |
| \`id\` | stable slug of the title, e.g. \`jbl-flip-6-speaker\` |
| \`title\` | short human title, at most 60 characters |
| \`category\` | one of the 18 source categories, kebab-case |
| \`keywords\` | a few lower-case words for matching, the product noun first |
| \`description\` | one or two plain sentences, at most 240 characters |
| \`retailPrice\` | retail price in integer cents (the anchor, not what it sells for used) |
| \`condition\` | \`new\`, \`like-new\`, \`good\`, \`fair\` or \`poor\` |
| \`ageYears\` | whole years since it was bought; 0 means under a year |
| \`flaw\` | optional short phrase, e.g. "small scratch on the casing"; never on new items |
| \`usedValue\` | \`{ low, high }\` in integer cents: what it plausibly fetches second-hand |

## Entries per category

| category | entries |
| --- | --- |
${table}${emptyNote}

## Attribution and licence

Derived from the AmazonHistoryPrice data set of Xia et al. 2024, "Measuring Bargaining Abilities of
Large Language Models: A Benchmark and A Buyer-Enhancement Method" (Findings of ACL 2024), repository
[TianXiaSJTU/AmazonPriceHistory](https://github.com/TianXiaSJTU/AmazonPriceHistory), folder
\`data/AmazonHistoryPrice\`, licensed under the Apache License 2.0 (copied beside this file as
\`LICENSE\`). Changes: titles shortened, prices converted to cents, and condition, age, flaws,
descriptions and used-value ranges added as described above; image and shop links left out. Product
names and brands belong to their owners.
`;
}

function parseArgs(argv: readonly string[]): { source: string; out: string } {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  let source = resolve(repoRoot, "../shared/data/amazon-history-price");
  let out = resolve(repoRoot, "data/catalogue");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === "--source" || arg === "--out") && value) {
      if (arg === "--source") source = resolve(value);
      else out = resolve(value);
      i++;
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: npx tsx scripts/build-catalogue.ts [--source DIR] [--out DIR]");
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${arg}: use --source DIR or --out DIR`);
    }
  }
  return { source, out };
}

function main(): void {
  const { source, out } = parseArgs(process.argv.slice(2));
  if (!existsSync(source)) {
    console.error(`source data not found at ${source}: pass --source DIR`);
    process.exit(1);
  }
  const { entries, skipped } = buildCatalogue(source);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "catalogue.json"), `${JSON.stringify(entries, null, 2)}\n`);
  writeFileSync(join(out, "README.md"), readme(entries));
  // Copy the text rather than the file so the copy is writable even if the source is read-only.
  writeFileSync(join(out, "LICENSE"), readFileSync(join(source, "LICENSE")));
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.category] = (counts[entry.category] ?? 0) + 1;
  console.log(`wrote ${entries.length} entries to ${join(out, "catalogue.json")}`);
  console.log("per category:", counts);
  console.log("skipped:", skipped);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
