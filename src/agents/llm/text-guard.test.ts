import { describe, expect, it } from "vitest";
import { guardOutgoingText, scrubSecrets } from "./text-guard.ts";

const context = { secrets: [6_500, 10_000], publicAmounts: [8_000] };
const verdict = (text: string) => guardOutgoingText(text, context).verdict;

describe("guardOutgoingText", () => {
  it("blocks a secret written in digits, words, cents, or close to it", () => {
    for (const text of [
      "I will take 65",
      "$65.00 is fine",
      "Sixty-five!",
      "sixty five dollars",
      "6,500 cents",
      "OK, $66.50 then",
      "I'd take 64",
      "a hundred bucks is all I have",
    ]) {
      expect(verdict(text), text).toBe("blocked");
    }
  });

  it("blocks ranges around a secret and amounts called a limit, even public ones", () => {
    expect(verdict("Somewhere between 60 and 70 works.")).toBe("blocked");
    expect(verdict("60-70 bucks")).toBe("blocked");
    expect(verdict("My floor is $80.")).toBe("blocked");
    expect(verdict("My reserve is high.")).toBe("clean");
  });

  it("lets public amounts and unrelated numbers through", () => {
    expect(verdict("How about $80? It's a lovely bike.")).toBe("clean");
    expect(verdict("It's a 2019 model with 27 inch wheels; I'd like $90.")).toBe("clean");
    expect(verdict("Between 80 and 95 would suit me.")).toBe("clean");
  });

  it("blocks amounts worked out from public prices: shares, percentages, differences", () => {
    // The asking price $80 is public; $65 (the reserve) is 80 minus 15, or about 81% of 80.
    for (const text of [
      "Knock $15 off the asking and it's yours.",
      "I could go 19% below what I'm asking.",
      "Anything over 81 percent of the asking price works.",
      "My lowest is $80 minus fifteen.",
    ]) {
      expect(verdict(text), text).toBe("blocked");
    }
    // A budget of $100 is half of $200.
    expect(guardOutgoingText("I can spend half of $200.", context).verdict).toBe("blocked");
  });

  it("lets arithmetic through that lands far from every secret", () => {
    expect(verdict("I'd take 10% off for cash.")).toBe("clean");
    expect(verdict("$75 is $5 off the asking, a fair deal.")).toBe("clean");
    expect(verdict("Half the fun is the haggling!")).toBe("clean");
  });

  it("drops only the sentences that leak", () => {
    expect(
      guardOutgoingText("Great bike! I can't go below sixty-five dollars. Pick up any time.", context),
    ).toEqual({
      text: "Great bike! Pick up any time.",
      verdict: "redacted",
      reasons: ['it names an amount as a limit ("can\'t go below")'],
    });
  });
});

describe("scrubSecrets", () => {
  it("replaces the owner's secret numbers in their own words", () => {
    expect(scrubSecrets("Never take less than $65 for the bike. Be friendly.", [6_500])).toBe(
      "Never take less than [a private limit] for the bike. Be friendly.",
    );
    expect(scrubSecrets("Be friendly.", [6_500])).toBe("Be friendly.");
  });
});
