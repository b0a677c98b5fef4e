import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../domain/money.ts";
import type { ItemFacts, Move } from "./move.ts";
import { PERSONA_PRESETS } from "./persona-style.ts";
import { createPhraser, isPluralTitle, MAX_MESSAGE_LENGTH } from "./phrase-move.ts";
import { findSecretHint } from "./secret-hints.ts";
import {
  allowedNumbers,
  BIKE,
  BOOTS,
  ITEMS,
  KINDS,
  LAMP,
  LEVERAGE,
  moveOf,
  numbersIn,
  phraserFor,
  preset,
  ROLES,
} from "./testing/phrase-fixtures.ts";

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
