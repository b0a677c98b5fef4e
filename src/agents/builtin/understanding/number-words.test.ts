import { describe, expect, test } from "vitest";
import { parseSpelledNumber, wordsToNumber } from "./number-words.ts";
import { parseNumeral } from "./numerals.ts";

describe("wordsToNumber", () => {
  test.each([
    ["zero", 0],
    ["five", 5],
    ["fifteen", 15],
    ["sixty-five", 65],
    ["sixty five", 65],
    ["fourty", 40],
    ["ninty nine", 99],
    ["a hundred", 100],
    ["hundred", 100],
    ["a hundred and twenty", 120],
    ["one hundred twenty five", 125],
    ["fifteen hundred", 1500],
    ["twenty five hundred", 2500],
    ["two thousand five hundred", 2500],
    ["a thousand", 1000],
    ["two grand", 2000],
    ["a grand", 1000],
    ["one fifty", 150],
    ["two twenty-five", 225],
    ["one oh five", 105],
    ["twelve fifty", 12.5],
    ["nineteen ninety-nine", 19.99],
    ["a fiver", 5],
    ["a tenner", 10],
    ["a hundo", 100],
    ["a c-note", 100],
    ["a buck fifty", 1.5],
    ["half a grand", 500],
    ["a couple hundred", 200],
    ["a few hundred", 300],
  ])("%s -> %d", (text, value) => {
    expect(wordsToNumber(text)).toBe(value);
  });

  test.each(["", "a", "and", "banana", "forty and", "a five", "hundred hundred"])(
    "%j is no number",
    (text) => {
      expect(wordsToNumber(text)).toBeUndefined();
    },
  );

  test("gives the other reading of a pair", () => {
    expect(parseSpelledNumber(["twelve", "fifty"])).toMatchObject({ cents: 1250, alternatives: [125000] });
    expect(parseSpelledNumber(["one", "fifty"])).toMatchObject({ cents: 15000, alternatives: [150] });
  });

  test("stops where the number stops", () => {
    expect(parseSpelledNumber(["forty", "and", "fifty"])).toMatchObject({ cents: 4000, length: 1 });
    expect(parseSpelledNumber(["between", "forty"])).toBeUndefined();
    expect(parseSpelledNumber(["i", "will", "pay", "forty", "five"], 3)).toMatchObject({
      cents: 4500,
      length: 2,
    });
  });

  test("marks lone small words and rough amounts", () => {
    expect(parseSpelledNumber(["one"])?.smallSingle).toBe(true);
    expect(parseSpelledNumber(["forty"])?.smallSingle).toBe(false);
    expect(parseSpelledNumber(["a", "couple", "of", "hundred"])).toMatchObject({
      cents: 20000,
      approx: true,
    });
  });
});

describe("parseNumeral", () => {
  test.each([
    ["45", 4500, 0],
    ["12.50", 1250, 2],
    ["12.5", 1250, 1],
    ["1,200", 120000, 0],
    ["1,200.50", 120050, 2],
    ["45,00", 4500, 2],
    ["1.200,50", 120050, 2],
    ["1.500", 150000, 0],
    ["0.99", 99, 2],
    ["3.14159", 314, 5],
  ])("%s -> %d cents", (text, cents, decimals) => {
    expect(parseNumeral(text)).toMatchObject({ cents, decimals });
  });

  test.each(["1.2.3", "12,34,5", "abc", "", "99999999999999999999"])("%j is refused", (text) => {
    expect(parseNumeral(text)).toBeUndefined();
  });
});
