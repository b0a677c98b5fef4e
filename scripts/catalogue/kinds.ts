/** Kinds of item: how they age, lose value and what goes wrong with them. */
export type Kind =
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

export interface KindProfile {
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

export const KINDS: Record<Kind, KindProfile> = {
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
