/** Product nouns: what the thing is, for titles, keywords, kind and apt flaws. */
import type { CatalogueCategory } from "../../src/domain/catalogue.ts";
import type { Kind } from "./kinds.ts";
import { normalise } from "./titles.ts";

export interface Noun {
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

export const n = (
  pattern: RegExp,
  label: string,
  keywords: readonly string[],
  kind: Kind,
  extra: Partial<Pick<Noun, "battery" | "screen" | "earpads" | "priority">> = {},
): Noun => ({ pattern, label, keywords, kind, ...extra });
export const P = { priority: true } as const;

/** First match wins: more specific patterns come first. */
// biome-ignore format: a table reads best one entry per line
export const NOUNS: readonly Noun[] = [
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

export const BOOK_NOUN = n(/$^/, "Book", ["book"], "book");
export const MUSIC_NOUN = n(/$^/, "CD", ["music", "cd"], "music");
export const FALLBACK_NOUN = n(/$^/, "", [], "electronics");
export const DISC_NOUN = n(/$^/, "Blu-ray", ["movie", "blu-ray"], "disc");
export const UHD_NOUN = n(/$^/, "4K Blu-ray", ["movie", "4k", "blu-ray"], "disc");
export const GAME_NOUN = n(/$^/, "Game", ["game", "video-game"], "video-game");

/** Category-level defaults when no noun matches. */
export const CATEGORY_FALLBACK: Partial<Record<CatalogueCategory, Noun>> = {
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
export const DISC_MARKERS =
  /\[(4k uhd|blu-ray)\]|\(4k ultra hd|4k ultra hd \+ blu-ray|4kuhd|\+ digital|uhd\/bd|bd\/dvd|blu-ray \+ dvd|\(blu-ray|film collection|\[4k \+ blu-ray|\[4k uhd/;
/** A video game names its platform at the end: "Remnant 2 for PlayStation 5", "... - PlayStation 5". */
export const GAME_MARKERS =
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
