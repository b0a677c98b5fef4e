import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guardOutgoingText, isNearSecret, priceCarriesSecret } from "../text-guard.ts";
import { decodeAmounts, plainText } from "./decode.ts";
import { splitNumberWord, wordNumbers } from "./number-words.ts";

// The reserve is $45.00; the asking price $80.00 and the other side's bid $30.00 are public.
const reserve = 4_500;
const context = { secrets: [reserve], publicAmounts: [8_000, 3_000] };
const verdict = (text: string, extra: Partial<typeof context> & { recentOwnTexts?: string[] } = {}) =>
  guardOutgoingText(text, { ...context, ...extra }).verdict;

/** Every encoding of $45 named in issue 14 (findings 3 and 4), and a few more. */
const ENCODED_45: readonly string[] = [
  // Digits with spaces, dashes, dots, underscores.
  "4 5",
  "4-5",
  "4 - 5 is where I am",
  "4.5.0.0",
  "4_5",
  "four-five",
  "four five",
  // Invisible characters inside the digits, and digits of other scripts.
  "4\u200b5",
  "4\u200d5",
  "4\u2060\u20605",
  "4\u00ad5",
  "4\u{e0020}5",
  "4\ufe0f5",
  "４５",
  "٤٥",
  "४५",
  "𝟒𝟓",
  "4⁠5",
  // Escapes.
  "\\u0034\\u0035",
  "&#52;&#53;",
  "%34%35",
  // Roman numerals.
  "XLV",
  "xlv",
  "I'd say XLV is fair",
  // Number words in English, French, German, Spanish and Italian.
  "forty-five",
  "forty five dollars",
  "quarante-cinq",
  "quarante cinq euros",
  "fünfundvierzig",
  "fuenfundvierzig",
  "cuarenta y cinco",
  "quarantacinque",
  "quarantacinque euro",
  // Arithmetic.
  "90/2",
  "9x5",
  "9 x 5",
  "9*5",
  "40+5",
  "50-5",
  "ninety divided by two",
  "half of 90",
  "fifteen times three",
  "neunzig geteilt durch zwei",
  // Encodings.
  "NDU=",
  "NDU",
  "0x2d",
  "0x2D",
  "3435",
  "34 35",
  "101101",
  // Limits named next to a public amount, and ranges.
  "Your $30 is nowhere near my floor, and $80 is my minimum... no wait",
  "between 44 and 47",
  "entre quarante et cinquante",
  // Padding past any read window.
  `${"la ".repeat(3_000)} 45`,
  `${"x".repeat(9_000)}45`,
  `${"Nice bike. ".repeat(500)}forty-five`,
];

describe("the leak checker decodes rather than matches", () => {
  it("blocks every encoding of the secret in the issue's list", () => {
    const missed = ENCODED_45.filter((text) => verdict(text) === "clean");
    expect(missed).toEqual([]);
  });

  it("reads a number split over messages together with the agent's recent words", () => {
    expect(verdict("5 then.", { recentOwnTexts: ["I was thinking 4"] })).toBe("blocked");
    expect(verdict("cinq.", { recentOwnTexts: ["Mon chiffre: quarante"] })).toBe("blocked");
    // Each alone is clean.
    expect(verdict("5 then.")).toBe("clean");
    expect(verdict("I was thinking 4")).toBe("clean");
    // Recent words that already leaked (they could not have been sent) do not block what follows.
    expect(verdict("Sure.", { recentOwnTexts: ["I was thinking 45"] })).toBe("clean");
  });

  it("treats a derived target as a secret when it is given as one", () => {
    // The prompt's target for a $90 listing with a $65 reserve is $83.
    const target = { secrets: [6_500, 8_300], publicAmounts: [9_000] };
    expect(guardOutgoingText("I'm aiming for $83", target).verdict).toBe("blocked");
    expect(guardOutgoingText("I'm aiming for eighty-three", target).verdict).toBe("blocked");
    expect(guardOutgoingText("I could do $83.", { ...target, publicAmounts: [9_000, 8_300] }).verdict).toBe(
      "clean",
    );
  });

  it("refuses typed prices whose cents spell a secret", () => {
    expect(priceCarriesSecret(8_045, [4_500])).toBe(true); // $80.45: 45
    expect(priceCarriesSecret(12_012, [12_000])).toBe(true); // $120.12: the first two digits of 120
    expect(priceCarriesSecret(8_050, [6_525])).toBe(false);
    expect(priceCarriesSecret(8_025, [6_525])).toBe(true); // the secret's own cents
    expect(priceCarriesSecret(8_000, [4_500])).toBe(false);
    expect(priceCarriesSecret(7_999, [4_500])).toBe(false);
  });

  it("knows a public amount repeated from a limit called a limit", () => {
    // The other side bid exactly the reserve: repeating it is fine, calling it the floor is not.
    const atReserve = { secrets: [reserve], publicAmounts: [8_000, 4_500] };
    expect(guardOutgoingText("You offered $45.", atReserve).verdict).toBe("clean");
    expect(guardOutgoingText("$45 is as low as I go.", atReserve).verdict).toBe("blocked");
    expect(guardOutgoingText("$45 is my magic number.", atReserve).verdict).toBe("blocked");
    expect(isNearSecret(4_550, [reserve])).toBe(true);
  });
});

/** Messages agents write in an ordinary negotiation, with no secret in them. */
const ORDINARY: readonly string[] = [
  "Hi! Is it still available?",
  "How about $80? It's a lovely bike.",
  "I could do $80.00, that's my asking price.",
  "You offered $30, I can come down to $70.",
  "It's a 2019 model with 27 inch wheels, barely used.",
  "Can you pick it up on Saturday between 10 and 12?",
  "The frame has a small scratch, otherwise mint.",
  "Deal! Thanks a lot.",
  "We are too far apart, thanks anyway.",
  "Would you take $72 if I collect it today?",
  "I'd take 10% off for cash.",
  "Size XL, fits like a medium.",
  "Let me think about it and get back to you.",
  "Sounds good, see you at 6pm.",
  "Great condition, 3 years old, original box included.",
  "I can meet you halfway at $60.",
  "That's a bit much for me, would $35 work?",
  "It's a fair price for the condition.",
  "Merci, c'est très gentil. Je peux venir demain.",
  "Danke, das Fahrrad ist super. Wann passt es Ihnen?",
  "¿Sigue disponible? Me interesa mucho.",
  "Grazie, è ancora disponibile?",
  "Not a cent less than what's on the listing, sorry!",
  "Room for negotiation? Let me know.",
];

describe("ordinary negotiation passes", () => {
  it("lets everyday messages and entitled prices through", () => {
    const blocked = ORDINARY.filter((text) => verdict(text) !== "clean");
    expect(blocked).toEqual([]);
  });

  it("lets the agent state its own counter-offer even next to the secret", () => {
    expect(guardOutgoingText("I could do $46.", { ...context, publicAmounts: [8_000, 4_600] }).verdict).toBe(
      "clean",
    );
  });

  it("holds for any price far from every secret, in any ordinary sentence (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 900 }),
        fc.integer({ min: 5, max: 2_000 }),
        fc.constantFrom(...ORDINARY.filter((text) => !/\d/.test(text))),
        fc.constantFrom("How about $%?", "I could do %.", "Would you take $%.00?", "% is fine by me."),
        (secretDollars, offer, sentence, template) => {
          const secret = secretDollars * 100;
          // Far from the secret, read as dollars and as cents.
          fc.pre(!isNearSecret(offer * 100, [secret], 0.1) && !isNearSecret(offer, [secret], 0.1));
          const text = `${template.replace("%", String(offer))} ${sentence}`;
          expect(guardOutgoingText(text, { secrets: [secret], publicAmounts: [] }).verdict).toBe("clean");
        },
      ),
      { numRuns: 400, seed: Number(process.env.FC_SEED ?? 14) },
    );
  });

  it("finds a secret in any of its spellings wherever it sits in a message (property)", () => {
    const spell = (dollars: number): fc.Arbitrary<string> =>
      fc.constantFrom(
        String(dollars).split("").join(" "),
        String(dollars).split("").join("-"),
        String(dollars).split("").join("\u200b"),
        Buffer.from(String(dollars)).toString("base64"),
        `0x${dollars.toString(16)}`,
        `${dollars * 2}/2`,
        `${dollars - 7}+7`,
      );
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 999 }).chain((dollars) => fc.tuple(fc.constant(dollars), spell(dollars))),
        fc.constantFrom(...ORDINARY.filter((text) => !/\d/.test(text))),
        fc.boolean(),
        ([dollars, spelled], sentence, before) => {
          const text = before ? `${spelled} ${sentence}` : `${sentence} ${spelled}`;
          expect(guardOutgoingText(text, { secrets: [dollars * 100] }).verdict).not.toBe("clean");
        },
      ),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 14) },
    );
  });
});

describe("decoding", () => {
  it("splits compound number words and sums runs as each language does", () => {
    expect(splitNumberWord("funfundsechzig")?.length).toBe(3);
    expect(splitNumberWord("undone")).toBeUndefined();
    const values = (text: string) => wordNumbers(text).flatMap((run) => run.values);
    expect(values("quatre-vingt-dix-neuf")).toContain(99);
    expect(values("soixante et onze")).toContain(71);
    expect(values("deux cent cinquante")).toContain(250);
    expect(values("doscientos cincuenta")).toContain(250);
    expect(values("duecentocinquanta")).toContain(250);
    expect(values("zweihundertfunfzig")).toContain(250);
    expect(values("a hundred and twenty")).toContain(120);
    expect(values("six five")).toEqual([11, 65]);
    // Two numbers, not their sum.
    expect(values("soixante et soixante-dix")).toEqual([60, 70]);
    // Everyday words alone are not numbers.
    expect(values("the payment is due, not a cent more")).toEqual([]);
  });

  it("reads invisible characters away with no length limit", () => {
    expect(plainText(`${"\u200b".repeat(10_000)}4\u200b5`)).toBe("45");
    expect(decodeAmounts("٤٥").some((reading) => reading.cents === 4_500)).toBe(true);
  });
});
