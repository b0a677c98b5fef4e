import { formatMoney } from "../../../../domain/money.ts";
import type { ItemFacts, Move, MoveKind } from "../move.ts";
import { PERSONA_PRESETS, type PersonaPreset } from "../persona-style.ts";
import { createPhraser } from "../phrase-move.ts";

/** Moves, items and personas the phraser's tests share. */
export const KINDS: readonly MoveKind[] = [
  "greet",
  "anchor",
  "counter",
  "concede",
  "hold-firm",
  "accept",
  "confirm",
  "reject",
  "walk-away",
  "question",
  "answer",
  "thanks",
];
export const ROLES = ["seller", "buyer"] as const;
export const PRICED: ReadonlySet<MoveKind> = new Set([
  "greet",
  "anchor",
  "counter",
  "concede",
  "hold-firm",
  "accept",
  "confirm",
]);
export const LEVERAGE = [
  "flaw",
  "age",
  "condition",
  "retail",
  "urgency",
  "other-offers",
  "budget-tight",
  "final",
  "reoffer",
];

export const BIKE: ItemFacts = {
  title: "Trek hybrid bike",
  condition: "good",
  category: "bikes",
  ageYears: 3,
  flaws: ["a scratch on the top tube", "worn grips"],
  askingPrice: 45_000,
  retailPrice: 90_000,
};
export const BOOTS: ItemFacts = {
  title: "Ski boots",
  condition: "like-new",
  category: "sports",
  flaws: [],
  askingPrice: 6_050,
};
export const LAMP: ItemFacts = {
  title: "Vintage desk lamp",
  condition: "poor",
  category: "home",
  ageYears: 0.5,
  flaws: ["Frayed cord."],
  askingPrice: 1_999,
  retailPrice: 1_500,
};
export const ITEMS = [BIKE, BOOTS, LAMP];

export function preset(id: string): PersonaPreset {
  const found = PERSONA_PRESETS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

export function phraserFor(p: PersonaPreset, seed = 1) {
  return createPhraser({ persona: p.persona, instructions: p.instructions, seed });
}

/** A plausible move of each kind: sellers go down from above, buyers up from below. */
export function moveOf(
  kind: MoveKind,
  role: "seller" | "buyer",
  item: ItemFacts,
  round = 1,
  leverage: string[] = [],
): Move {
  const seller = role === "seller";
  const ours = seller ? item.askingPrice - 550 : Math.round(item.askingPrice * 0.6);
  const theirs = seller ? Math.round(item.askingPrice * 0.55) : item.askingPrice - 1_000;
  const move: Move = {
    kind,
    role,
    item,
    counterpartName: "Sam Lee",
    myName: "Alex Kim",
    round,
    leverage,
    currency: "USD",
  };
  if (PRICED.has(kind)) move.price = kind === "accept" || kind === "confirm" ? theirs : ours;
  if (kind !== "greet" && kind !== "anchor") move.theirPrice = theirs;
  if (kind === "concede") move.previousPrice = seller ? ours + 1_000 : ours - 1_000;
  return move;
}

/** Every number written in `text`, commas removed: "$1,234.50" -> "1234.50". */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((match) =>
    match[0].replaceAll(",", "").replace(/,$/, ""),
  );
}

export function allowedNumbers(move: Move): Set<string> {
  const allowed = new Set<string>();
  const prices = [
    move.price,
    move.previousPrice,
    move.theirPrice,
    move.item.askingPrice,
    move.item.retailPrice,
  ];
  for (const cents of prices) {
    if (cents === undefined) continue;
    for (const number of numbersIn(formatMoney(cents, move.currency))) allowed.add(number);
  }
  if (move.item.ageYears !== undefined) allowed.add(String(Math.round(move.item.ageYears)));
  return allowed;
}

export const COWBOY =
  /\b(partner|reckon|howdy|y'all|much obliged|ol'|fixin'|mighty|ain't|thank ya|happy trails|cowpoke)/i;
