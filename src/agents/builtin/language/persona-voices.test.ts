/** The persona voices and the wordings a new user stumbled on (the phraser itself: phrase-move.test.ts). */
import { describe, expect, it } from "vitest";
import { PERSONA_PRESETS } from "./persona-style.ts";
import { BIKE, COWBOY, KINDS, LAMP, moveOf, phraserFor, preset, ROLES } from "./testing/phrase-fixtures.ts";
import { hasVoiceMarker } from "./voice.ts";

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
