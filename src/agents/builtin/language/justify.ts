/**
 * Justification clauses for the leverage a strategy asks to voice ("flaw", "age", "condition",
 * "retail", "urgency", "other-offers", "budget-tight", "final", "reoffer"). They are templates in
 * the same slot language as banks.ts, and speak only of public item facts: never of a limit.
 */
import type { Role } from "./banks.ts";
import type { ItemFacts } from "./move.ts";

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
] as const;
export type Leverage = (typeof LEVERAGE)[number];

export interface JustifyFacts {
  item: ItemFacts;
  role: Role;
  /** Our price for this move, if any (a retail comparison is skipped when it would backfire). */
  price?: number;
  terse: boolean;
  hasAge: boolean;
}

const SELLER_CONDITION: Record<ItemFacts["condition"], readonly string[]> = {
  new: ["{Itis} brand new and never used.", "{Itis} still brand new, never used."],
  "like-new": [
    "{Itis} in like-new condition, barely used.",
    "{Itis} practically new.",
    "{Ithas} hardly been used.",
  ],
  good: [
    "{Itis} in good condition and work{s} perfectly.",
    "{Ithas} been well looked after.",
    "{Itis} in really good shape.",
  ],
  fair: [
    "{Itis} not perfect, but {sub} work{s} just fine.",
    "{Ithas} some wear, but nothing that affects how {sub} work{s}.",
  ],
  poor: [
    "{Ithas} seen better days, but {sub} still {does} the job.",
    "{Itis} well used, but {sub} still work{s}.",
  ],
};

const SELLER_CONDITION_TERSE: Record<ItemFacts["condition"], readonly string[]> = {
  new: ["Brand new."],
  "like-new": ["Like new."],
  good: ["Good condition."],
  fair: ["Works fine."],
  poor: ["Still works."],
};

/** The clauses that could voice one piece of leverage; empty when it does not apply. */
export function justificationOptions(leverage: string, facts: JustifyFacts): readonly string[] {
  const { item, role, terse, hasAge, price } = facts;
  const age = item.ageYears;
  const hasFlaw = item.flaws.some((flaw) => flaw.trim().length > 0);
  const retailHelps =
    item.retailPrice !== undefined &&
    (price === undefined || price < item.retailPrice) &&
    item.retailPrice > 0;

  if (role === "seller") {
    switch (leverage) {
      case "condition":
        return terse ? SELLER_CONDITION_TERSE[item.condition] : SELLER_CONDITION[item.condition];
      case "age":
        if (!hasAge || age === undefined) return [];
        if (terse) return ["{Age}."];
        if (age < 1) return ["{Itis} less than a year old.", "{Itis} not even a year old."];
        if (age <= 2) return ["{Itis} only {age}.", "{Itis} just {age}."];
        if (age <= 5)
          return ["{Itis} {age} and still going strong.", "At {age}, {sub} still {has} plenty of life left."];
        return [
          "{Itis} {age}, but {ithas} been well looked after.",
          "{Itis} {age}. They don't make them like this anymore.",
        ];
      case "retail":
        if (item.retailPrice !== undefined && !retailHelps) return [];
        if (retailHelps) {
          return terse
            ? ["{retail} new."]
            : [
                "New, these retail for {retail}.",
                "You'd pay {retail} for a new one.",
                "{Itis} {retail} new in the shops.",
              ];
        }
        return terse
          ? ["Cheaper than new."]
          : ["You'd pay a lot more for a new one.", "That's well under what you'd pay new."];
      case "other-offers":
        return terse
          ? ["Others interested."]
          : [
              "I've had a few other people ask about {it}.",
              "There's been quite a bit of interest in {it}.",
              "I've got someone else interested too.",
            ];
      case "urgency":
        return terse
          ? ["Available now."]
          : [
              "{Itis} ready to go whenever you are.",
              "If you need {it} soon, I can hand {it} over right away.",
            ];
      case "flaw":
        if (!hasFlaw) return [];
        return terse
          ? ["Priced for the flaw: {flaw}."]
          : [
              "To be upfront, there's one flaw ({flaw}), and I've priced that in.",
              "The price already takes the flaw into account: {flaw}.",
            ];
      case "reoffer":
        return terse
          ? ["Your own number."]
          : [
              "That's the price you suggested yourself earlier.",
              "You offered that yourself earlier, after all.",
              "That's your own number from earlier.",
            ];
      case "final":
        return terse
          ? ["Final."]
          : ["That's my best price.", "That's my final offer.", "That's as good as it gets from me."];
      default:
        return [];
    }
  }

  switch (leverage) {
    case "flaw":
      if (!hasFlaw) return [];
      return terse
        ? ["Flaw: {flaw}."]
        : [
            "Given the flaw ({flaw}), I think that's fair.",
            "I'd have to live with the flaw, too: {flaw}.",
            "That's factoring in the flaw: {flaw}.",
          ];
    case "age":
      if (!hasAge || age === undefined) return terse ? ["Not new."] : ["{Itis} not new, after all."];
      if (terse) return ["{Age}."];
      if (age < 1) return ["Even at less than a year old, {itis} still second-hand."];
      return [
        "{Itis} {age} now, after all.",
        "At {age}, {sub} {has} seen a fair bit of use.",
        "Bear in mind {itis} {age}.",
      ];
    case "condition":
      if (terse) return ["Used, {condAdj} condition."];
      if (item.condition === "new" || item.condition === "like-new") {
        return [
          "Even in great shape, {itis} still second-hand.",
          "{Itis} still second-hand, even if {itis} in great shape.",
        ];
      }
      if (item.condition === "good") {
        return ["{Itis} used, after all.", "{Itis} in good shape, but {itis} still second-hand."];
      }
      return ["{Itis} only in {condAdj} condition.", "{Itis} showing {itsp} age a bit."];
    case "retail":
      if (item.retailPrice !== undefined && !retailHelps) return [];
      if (retailHelps) {
        return terse
          ? ["{retail} new. This is used."]
          : [
              "At {retail} new, second-hand ones usually go for a lot less.",
              "Second-hand usually sells well below the {retail} retail price.",
            ];
      }
      return terse ? ["Used, not new."] : ["Used ones usually go for quite a bit less than new."];
    case "urgency":
      return terse
        ? ["Can collect today."]
        : ["I can pick {it} up today if you want {it} gone.", "I can collect right away, if that helps."];
    case "other-offers":
      return terse
        ? ["Have other options."]
        : ["I've got my eye on a few other options too.", "There are a few similar ones around."];
    case "budget-tight":
      return terse
        ? ["Tight month."]
        : [
            "Money's a bit tight for me at the moment.",
            "I'm trying to keep my spending down this month.",
            "Things are a little tight for me right now.",
          ];
    case "reoffer":
      return terse
        ? ["Your own number."]
        : ["That's the price you suggested yourself earlier.", "You mentioned that number yourself earlier."];
    case "final":
      return terse
        ? ["Final."]
        : ["That's my best offer.", "That's my final offer.", "That's my final word on it."];
    default:
      return [];
  }
}
