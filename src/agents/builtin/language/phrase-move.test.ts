import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../domain/money.ts";
import type { ItemFacts, Move, MoveKind } from "./move.ts";
import { PERSONA_PRESETS, type PersonaPreset } from "./persona-style.ts";
import { createPhraser, isPluralTitle, MAX_MESSAGE_LENGTH } from "./phrase-move.ts";
import { findSecretHint } from "./secret-hints.ts";
import { hasVoiceMarker } from "./voice.ts";

const KINDS: readonly MoveKind[] = [
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
const ROLES = ["seller", "buyer"] as const;
const PRICED: ReadonlySet<MoveKind> = new Set([
  "greet",
  "anchor",
  "counter",
  "concede",
  "hold-firm",
  "accept",
  "confirm",
]);
const LEVERAGE = [
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

const BIKE: ItemFacts = {
  title: "Trek hybrid bike",
  condition: "good",
  category: "bikes",
  ageYears: 3,
  flaws: ["a scratch on the top tube", "worn grips"],
  askingPrice: 45_000,
  retailPrice: 90_000,
};
const BOOTS: ItemFacts = {
  title: "Ski boots",
  condition: "like-new",
  category: "sports",
  flaws: [],
  askingPrice: 6_050,
};
const LAMP: ItemFacts = {
  title: "Vintage desk lamp",
  condition: "poor",
  category: "home",
  ageYears: 0.5,
  flaws: ["Frayed cord."],
  askingPrice: 1_999,
  retailPrice: 1_500,
};
const ITEMS = [BIKE, BOOTS, LAMP];

function preset(id: string): PersonaPreset {
  const found = PERSONA_PRESETS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

function phraserFor(p: PersonaPreset, seed = 1) {
  return createPhraser({ persona: p.persona, instructions: p.instructions, seed });
}

/** A plausible move of each kind: sellers go down from above, buyers up from below. */
function moveOf(
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
function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((match) =>
    match[0].replaceAll(",", "").replace(/,$/, ""),
  );
}

function allowedNumbers(move: Move): Set<string> {
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

const COWBOY =
  /\b(partner|reckon|howdy|y'all|much obliged|ol'|fixin'|mighty|ain't|thank ya|happy trails|cowpoke)/i;

describe("createPhraser: every move, role and persona", () => {
  const cases = PERSONA_PRESETS.flatMap((p) =>
    ROLES.flatMap((role) => KINDS.map((kind) => [p.id, role, kind] as const)),
  );

  it.each(cases)("%s as %s: %s", (id, role, kind) => {
    for (const [index, item] of ITEMS.entries()) {
      for (const seed of [1, 2, 3]) {
        const phraser = phraserFor(preset(id), seed);
        const leverage = index === 0 ? ["condition", "retail", "final"] : index === 1 ? ["flaw", "age"] : [];
        const move = moveOf(kind, role, item, index, leverage);
        const text = phraser.say(move);
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        if (move.price !== undefined) expect(text).toContain(formatMoney(move.price, move.currency));
        expect(text).not.toMatch(/[{}]/);
        expect(text).not.toMatch(/undefined|NaN|null/);
        expect(findSecretHint(text)).toBeUndefined();
        for (const number of numbersIn(text))
          expect(allowedNumbers(move), `${number} in "${text}"`).toContain(number);
      }
    }
  });
});

describe("createPhraser", () => {
  it("is deterministic per seed", () => {
    const script = KINDS.map((kind, round) => moveOf(kind, "seller", BIKE, round, ["condition"]));
    for (const p of PERSONA_PRESETS) {
      const a = phraserFor(p, 42);
      const b = phraserFor(p, 42);
      expect(script.map((move) => a.say(move))).toEqual(script.map((move) => b.say(move)));
    }
    const c = phraserFor(preset("friendly-neighbour"), 43);
    const d = phraserFor(preset("friendly-neighbour"), 42);
    expect(script.map((move) => c.say(move))).not.toEqual(script.map((move) => d.say(move)));
  });

  it("does not depend on other threads' messages", () => {
    const move = moveOf("counter", "buyer", BIKE, 1);
    const alone = phraserFor(preset("storyteller"), 9);
    const busy = phraserFor(preset("storyteller"), 9);
    busy.say({ ...move, counterpartName: "Someone Else" });
    busy.say({ ...moveOf("greet", "seller", LAMP, 0), counterpartName: "Third Person" });
    expect(busy.say(move)).toBe(alone.say(move));
  });

  it("varies its wording with the seed", () => {
    for (const p of PERSONA_PRESETS) {
      for (const role of ROLES) {
        const texts = new Set<string>();
        for (let seed = 0; seed < 20; seed++)
          texts.add(phraserFor(p, seed).say(moveOf("counter", role, BIKE, 1)));
        expect(texts.size, `${p.id} ${role}`).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it("does not repeat itself twice in a row in a thread", () => {
    for (const p of PERSONA_PRESETS) {
      for (const role of ROLES) {
        for (const seed of [1, 2, 3, 4, 5]) {
          const phraser = phraserFor(p, seed);
          let previous = "";
          for (let round = 1; round < 6; round++) {
            const text = phraser.say(moveOf("hold-firm", role, BIKE, round));
            expect(text, `${p.id} ${role} round ${round}`).not.toBe(previous);
            previous = text;
          }
        }
      }
    }
  });

  it("turns leverage into justifications", () => {
    const phraser = phraserFor(preset("friendly-neighbour"));
    const seller = phraser.say(moveOf("counter", "seller", BIKE, 1, ["retail"]));
    expect(seller).toContain(formatMoney(90_000));
    const buyer = phraserFor(preset("friendly-neighbour"), 3);
    const flaw = buyer.say(moveOf("counter", "buyer", BIKE, 1, ["flaw"]));
    expect(flaw).toMatch(/scratch on the top tube|worn grips/);
    const age = buyer.say({ ...moveOf("counter", "buyer", BIKE, 2, ["age"]), kind: "hold-firm" });
    expect(age).toMatch(/3 years old/);
    const final = phraserFor(preset("polite-but-firm")).say(
      moveOf("hold-firm", "seller", BIKE, 3, ["final"]),
    );
    expect(final).toMatch(/best|final|as good as it gets/i);
    const tight = phraserFor(preset("friendly-neighbour"), 5).say(
      moveOf("counter", "buyer", BIKE, 1, ["budget-tight"]),
    );
    expect(tight).toMatch(/tight|spending/i);
    expect(findSecretHint(tight)).toBeUndefined();
  });

  it("names the item with the right pronoun", () => {
    expect(isPluralTitle("Ski boots")).toBe(true);
    expect(isPluralTitle("2 dining chairs")).toBe(true);
    expect(isPluralTitle("Pair of ski boots")).toBe(false);
    expect(isPluralTitle("Camera lens")).toBe(false);
    expect(isPluralTitle("Trek hybrid bike")).toBe(false);
    expect(isPluralTitle("Glass")).toBe(false);
    const answer = phraserFor(preset("friendly-neighbour")).say(moveOf("answer", "seller", BOOTS, 1));
    expect(answer).toMatch(/They're/);
  });

  it("never sounds out a secret written in the persona", () => {
    const phraser = createPhraser({
      persona: "My reserve is $37 and my budget is $1,337.",
      instructions: "Never go below 37 dollars; the most I can pay is 1337.",
      seed: 5,
    });
    for (const kind of KINDS) {
      for (const role of ROLES) {
        const text = phraser.say(moveOf(kind, role, BIKE, 2, LEVERAGE));
        expect(text).not.toMatch(/37/);
        expect(findSecretHint(text)).toBeUndefined();
      }
    }
  });

  it("never alters names, titles or flaws through the voice", () => {
    const item: ItemFacts = {
      ...BOOTS,
      title: "You Are My Hi Thanks poster",
      flaws: ["your friend's doodle"],
    };
    for (const id of ["pirate", "weary-cowboy", "theatrical-bard", "surfer", "cheerful-londoner"]) {
      for (let seed = 0; seed < 10; seed++) {
        const phraser = phraserFor(preset(id), seed);
        const greet = phraser.say({ ...moveOf("greet", "buyer", item, 0), counterpartName: "Hi You" });
        expect(greet).toContain("You Are My Hi Thanks poster");
        const question = phraser.say({ ...moveOf("answer", "seller", item, 1), counterpartName: "Hi You" });
        expect(question).toContain("your friend's doodle");
      }
    }
  });

  it("writes flaws that are clauses or start with 'no' grammatically, never as 'the <flaw>'", () => {
    const item: ItemFacts = {
      ...BOOTS,
      flaws: ["one button is a little sticky", "no original box", "box missing"],
    };
    for (const p of PERSONA_PRESETS) {
      for (let seed = 0; seed < 6; seed++) {
        const phraser = phraserFor(p, seed);
        for (const role of ROLES) {
          for (const kind of ["greet", "anchor", "counter", "question", "answer"] as const) {
            const text = phraser.say(
              moveOf(kind, role, item, kind === "greet" || kind === "anchor" ? 0 : 2, ["flaw"]),
            );
            expect(text).not.toMatch(/\bthe (?:one button|no original|box missing)/i);
          }
        }
      }
    }
  });

  it("keeps long titles, flaws and names within the limit", () => {
    const item: ItemFacts = {
      ...BIKE,
      title: `Extremely ${"very ".repeat(40)}long bike`,
      flaws: ["x".repeat(200), `a ${"big ".repeat(45)}dent`, "loose seat"],
    };
    for (const p of PERSONA_PRESETS) {
      for (const kind of KINDS) {
        const move = { ...moveOf(kind, "seller", item, 2, LEVERAGE), counterpartName: "N".repeat(100) };
        const text = phraserFor(p).say(move);
        expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        if (move.price !== undefined) expect(text).toContain(formatMoney(move.price));
      }
    }
  });

  it("allows numbers that come from the title", () => {
    const item: ItemFacts = { ...BIKE, title: "iPhone 12 Pro", ageYears: undefined, retailPrice: undefined };
    const text = phraserFor(preset("friendly-neighbour")).say(moveOf("greet", "buyer", item, 0));
    expect(text).toContain("iPhone 12 Pro");
  });

  it("speaks other currencies", () => {
    const move = { ...moveOf("counter", "seller", BIKE, 1), currency: "EUR" };
    expect(phraserFor(preset("terse")).say(move)).toContain("€");
  });

  it("exposes the persona hints the strategy uses", () => {
    expect(phraserFor(preset("close-fast")).hints).toEqual({
      closeFast: true,
      lowballOpen: false,
      patient: false,
    });
    expect(phraserFor(preset("hard-lowballer")).hints.lowballOpen).toBe(true);
  });
});

describe("persona voices", () => {
  it("the weary cowboy always sounds like a cowboy", () => {
    for (let seed = 0; seed < 8; seed++) {
      const phraser = phraserFor(preset("weary-cowboy"), seed);
      for (const role of ROLES) {
        for (const [round, kind] of KINDS.entries()) {
          const text = phraser.say(moveOf(kind, role, BIKE, round));
          expect(text, text).toMatch(COWBOY);
        }
      }
    }
  });

  it("the pirate, the bard and the surfer stay in character", () => {
    for (const [id, voice] of [
      ["pirate", "pirate"],
      ["theatrical-bard", "shakespearean"],
      ["surfer", "surfer"],
      ["cheerful-londoner", "british"],
    ] as const) {
      for (let seed = 0; seed < 4; seed++) {
        const phraser = phraserFor(preset(id), seed);
        for (const kind of KINDS) {
          const text = phraser.say(moveOf(kind, "seller", LAMP, 1));
          expect(hasVoiceMarker(text, voice), `${id}: ${text}`).toBe(true);
        }
      }
    }
  });

  it("the enthusiastic seller offers an easy hand-over once the talk goes well, never delivery", () => {
    // The market hands items over in person: the persona's "delivery" becomes meeting where it suits.
    const easy = /hand-over|hand (?:it|them) over|wherever|somewhere handy/i;
    for (let seed = 0; seed < 10; seed++) {
      const phraser = phraserFor(preset("enthusiastic-deliverer"), seed);
      const opening = phraser.say(moveOf("anchor", "seller", BIKE, 0));
      expect(opening).not.toMatch(easy);
      const early = phraser.say(moveOf("counter", "seller", BIKE, 1));
      expect(early).not.toMatch(easy);
      const later = phraser.say(moveOf("counter", "seller", BIKE, 2));
      expect(later).toMatch(easy);
      const accepted = phraser.say(moveOf("accept", "seller", BIKE, 3));
      expect(accepted).toMatch(easy);
      for (const text of [opening, early, later, accepted]) expect(text).not.toMatch(/deliver|ship|address/i);
    }
  });

  it("the terse persona is brief and plain", () => {
    for (let seed = 0; seed < 10; seed++) {
      const phraser = phraserFor(preset("terse"), seed);
      for (const kind of ["anchor", "counter", "concede", "hold-firm", "accept", "reject"] as const) {
        const text = phraser.say(moveOf(kind, "buyer", BIKE, 1));
        expect(text.length, text).toBeLessThanOrEqual(40);
        expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
      }
    }
  });

  it("the formal persona writes letters on first contact", () => {
    const texts = Array.from({ length: 10 }, (_, seed) =>
      phraserFor(preset("formal"), seed).say(moveOf("greet", "buyer", BIKE, 0)),
    );
    expect(
      texts.some((text) =>
        /^Dear Sam,\n\n[\s\S]+\n\n(?:Kind regards|Yours sincerely|With thanks|Regards|With best wishes),\nAlex$/.test(
          text,
        ),
      ),
    ).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/!/);
  });

  it("emoji only when asked for", () => {
    const withEmoji = Array.from({ length: 10 }, (_, seed) =>
      phraserFor(preset("enthusiastic-deliverer"), seed).say(moveOf("accept", "seller", BIKE, 2)),
    );
    expect(withEmoji.some((text) => /\p{Extended_Pictographic}/u.test(text))).toBe(true);
    for (const p of PERSONA_PRESETS.filter((candidate) => candidate.id !== "enthusiastic-deliverer")) {
      for (const kind of KINDS)
        expect(phraserFor(p).say(moveOf(kind, "buyer", BIKE, 1))).not.toMatch(/\p{Extended_Pictographic}/u);
    }
  });
});

describe("createPhraser properties", () => {
  const word = fc.constantFrom(
    "red",
    "oak",
    "lamp",
    "bike",
    "Vintage",
    "chair",
    "Kettle",
    "boots",
    "glass",
    "table",
    "The",
    "a",
    "lens",
    "You",
    "my",
    "is",
  );
  const words = (max: number) =>
    fc.array(word, { minLength: 1, maxLength: max }).map((list) => list.join(" "));
  const cents = fc.integer({ min: 0, max: 5_000_000 });
  const itemArb = fc.record({
    title: words(6),
    condition: fc.constantFrom("new", "like-new", "good", "fair", "poor") as fc.Arbitrary<
      ItemFacts["condition"]
    >,
    category: fc.constant("other"),
    ageYears: fc.option(
      fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
      {
        nil: undefined,
      },
    ),
    flaws: fc.array(words(5), { maxLength: 3 }),
    askingPrice: cents,
    retailPrice: fc.option(cents, { nil: undefined }),
  });
  const moveArb = fc.record({
    kind: fc.constantFrom(...KINDS),
    role: fc.constantFrom(...ROLES),
    price: fc.option(cents, { nil: undefined }),
    previousPrice: fc.option(cents, { nil: undefined }),
    theirPrice: fc.option(cents, { nil: undefined }),
    item: itemArb,
    counterpartName: words(3),
    myName: words(2),
    round: fc.integer({ min: 0, max: 12 }),
    leverage: fc.subarray(LEVERAGE),
    currency: fc.constantFrom("USD", "EUR", "GBP", "SEK"),
  });

  it("writes no number but the move's prices and the item's age, and no secret hints", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERSONA_PRESETS),
        fc.integer(),
        fc.array(moveArb, { minLength: 1, maxLength: 6 }),
        (p, seed, moves) => {
          const phraser = createPhraser({ persona: p.persona, instructions: p.instructions, seed });
          for (const raw of moves) {
            const move = raw as Move;
            const text = phraser.say(move);
            expect(text.length).toBeGreaterThan(0);
            expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
            if (move.price !== undefined) expect(text).toContain(formatMoney(move.price, move.currency));
            const allowed = allowedNumbers(move);
            for (const number of numbersIn(text)) expect(allowed, `${number} in "${text}"`).toContain(number);
            expect(findSecretHint(text)).toBeUndefined();
            expect(text).not.toMatch(/[{}]|undefined|NaN/);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("words a new user stumbled on", () => {
  const seeds = Array.from({ length: 12 }, (_, i) => i + 1);

  it("greets someone whose name it does not know without a made-up name ('Dear there,', 'Hi there, there!')", () => {
    for (const p of PERSONA_PRESETS) {
      for (const role of ROLES) {
        for (const seed of seeds) {
          const move = { ...moveOf("greet", role, BIKE, 0), counterpartName: "" };
          const text = phraserFor(p, seed).say(move);
          expect(text, `${p.id} ${role}`).not.toMatch(/Dear there|there, there|there there|\{them\}/i);
          expect(text, `${p.id} ${role}`).not.toMatch(/,\s*there[!.,]/);
        }
      }
    }
  });

  it("a counter whose price its words may not write points at the offer, and never opens with 'Okay.'", () => {
    for (const p of PERSONA_PRESETS) {
      for (const role of ROLES) {
        for (const kind of ["counter", "concede", "hold-firm", "anchor", "greet"] as const) {
          for (const seed of seeds) {
            const { price: _price, ...move } = moveOf(kind, role, BIKE, 2, ["final"]);
            const text = phraserFor(p, seed).say(move);
            expect(text, `${p.id} ${role} ${kind}`).not.toMatch(/^(?:\S+,\s+)?Okay\./);
            expect(text, `${p.id} ${role} ${kind}`).toMatch(/offer|price/i);
          }
        }
      }
    }
  });

  it("a seller says 'I've priced it at' only at the listing's asking price", () => {
    let atAsking = 0;
    for (const p of PERSONA_PRESETS) {
      for (const seed of Array.from({ length: 40 }, (_, i) => i + 1)) {
        const below = { ...moveOf("anchor", "seller", BIKE, 0), price: 22_500 };
        expect(phraserFor(p, seed).say(below)).not.toMatch(/priced (?:it|them) at/);
        const asking = { ...moveOf("anchor", "seller", BIKE, 0), price: BIKE.askingPrice };
        if (/priced it at \$450/.test(phraserFor(p, seed).say(asking))) atAsking++;
      }
    }
    expect(atAsking).toBeGreaterThan(0);
  });
});
