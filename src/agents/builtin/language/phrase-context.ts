/** What one move's words are made from: the move, the persona, the thread's memory, and the slot values. */
import { formatMoney } from "../../../domain/money.ts";
import type { Rng } from "../../../domain/random.ts";
import type { Role } from "./banks.ts";
import {
  ageText,
  CONDITION_ADJ,
  CONDITION_IN,
  CONDITION_SHORT,
  capitalise,
  cutAtSpace,
  firstName,
  isPluralTitle,
  itemNoun,
  normaliseFlaw,
} from "./item-words.ts";
import type { Move, MoveKind } from "./move.ts";
import type { PersonaStyle } from "./persona-style.ts";

/** What the phraser remembers of one negotiation. */
export interface ThreadMemory {
  calls: number;
  /** The template last used from each bank, so the same one is not picked twice in a row. */
  last: Map<string, string>;
  lastCore?: string;
  deliveryMentioned: boolean;
  stories: number;
}

export interface Ctx {
  move: Move;
  role: Role;
  style: PersonaStyle;
  rng: Rng;
  memory: ThreadMemory;
  price?: number;
  grammar: Record<string, string>;
  data: Record<string, string>;
  compact: Record<string, string>;
  /** Slot name -> may be used in this move. */
  usable: (slot: string) => boolean;
}

export function buildContext(move: Move, style: PersonaStyle, rng: Rng, memory: ThreadMemory): Ctx {
  const role: Role = move.role;
  const item = move.item;
  const plural = isPluralTitle(item.title);
  const age = ageText(item.ageYears);
  const price = move.price;
  const money = (cents: number | undefined): string | undefined =>
    cents === undefined || !Number.isFinite(cents)
      ? undefined
      : formatMoney(Math.round(cents), move.currency);

  const grammar: Record<string, string> = plural
    ? {
        it: "them",
        sub: "they",
        It: "They",
        itis: "they're",
        Itis: "They're",
        ithas: "they have",
        Ithas: "They have",
        itsp: "their",
        s: "",
        is: "are",
        Is: "Are",
        was: "were",
        has: "have",
        does: "do",
        Does: "Do",
      }
    : {
        it: "it",
        sub: "it",
        It: "It",
        itis: "it's",
        Itis: "It's",
        ithas: "it has",
        Ithas: "It has",
        itsp: "its",
        s: "s",
        is: "is",
        Is: "Is",
        was: "was",
        has: "has",
        does: "does",
        Does: "Does",
      };
  grammar.condIn = CONDITION_IN[item.condition] ?? "in good condition";
  grammar.condAdj = CONDITION_ADJ[item.condition] ?? "good";
  grammar.condShort = CONDITION_SHORT[item.condition] ?? "Good condition";
  grammar.noage = "";
  if (age) {
    grammar.age = age;
    grammar.Age = capitalise(age);
  }

  const { noun, possessive } = itemNoun(item.title);
  const longTitle = noun.length > 80;
  const shortRef = plural ? "these" : "this one";
  const itemRef = longTitle ? shortRef : possessive ? noun : `the ${noun}`;
  const flaws = item.flaws.map(normaliseFlaw).filter((flaw) => flaw.length > 0);
  const flaw = flaws.length > 0 ? rng.pick(flaws) : undefined;
  const data: Record<string, string> = {
    me: firstName(move.myName, "me"),
    item: itemRef,
    Item: capitalise(itemRef),
  };
  // No name, no {them}: templates that address the counterpart by name are left out ("Dear there,").
  const them = firstName(move.counterpartName, "");
  if (them) data.them = them;
  if (flaw) {
    data.flaw = flaw;
    data.flaws = flaws.slice(0, 3).join("; ");
  }
  const prices: Record<string, number | undefined> = {
    price,
    prev: move.previousPrice,
    theirs: move.theirPrice,
    asking: item.askingPrice,
    retail: item.retailPrice,
  };
  for (const [slot, cents] of Object.entries(prices)) {
    const text = money(cents);
    if (text !== undefined) data[slot] = text;
  }
  const compact: Record<string, string> = {
    ...data,
    item: shortRef,
    Item: capitalise(shortRef),
  };
  if (data.them) compact.them = cutAtSpace(data.them, 16);
  if (flaw) {
    compact.flaw = cutAtSpace(flaw, 30);
    compact.flaws = compact.flaw;
  }

  const movingKinds: readonly MoveKind[] = ["counter", "concede", "hold-firm", "greet", "anchor"];
  const theirsFits =
    move.theirPrice !== undefined &&
    (price === undefined ||
      !movingKinds.includes(move.kind) ||
      (role === "seller" ? move.theirPrice < price : move.theirPrice > price));
  const prevFits =
    move.previousPrice !== undefined &&
    price !== undefined &&
    (role === "seller" ? price < move.previousPrice : price > move.previousPrice);

  const usable = (slot: string): boolean => {
    switch (slot) {
      case "price":
        return price !== undefined;
      case "theirs":
        return theirsFits;
      case "prev":
        return prevFits;
      case "retail":
        return item.retailPrice !== undefined;
      case "flaw":
      case "flaws":
        return flaw !== undefined;
      case "age":
      case "Age":
        return age !== undefined;
      case "noage":
        return age === undefined;
      case "why":
      case "facts":
        return true;
      case "atAsking":
        return price !== undefined && price === item.askingPrice;
      default:
        return slot in grammar || slot in data;
    }
  };

  const ctx: Ctx = { move, role, style, rng, memory, grammar, data, compact, usable };
  if (price !== undefined) ctx.price = price;
  return ctx;
}
