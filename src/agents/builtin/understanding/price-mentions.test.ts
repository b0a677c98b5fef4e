import { describe, expect, test } from "vitest";
import { extractConditions } from "./conditions.ts";
import { readDoc } from "./doc.ts";
import { findMentions } from "./price-mentions.ts";

function read(text: string, reference?: number) {
  return findMentions(readDoc(text), reference !== undefined ? { reference } : {}).map((m) => ({
    cents: m.cents,
    marked: m.marked,
    ...(m.reason ? { reason: m.reason, shown: m.shown } : {}),
  }));
}

describe("findMentions", () => {
  test("reads money however it is written", () => {
    expect(read("$65, 65 bucks, 65$, USD 65, €65, 65.00")).toEqual([
      { cents: 6500, marked: true },
      { cents: 6500, marked: true },
      { cents: 6500, marked: true },
      { cents: 6500, marked: true },
      { cents: 6500, marked: true },
      { cents: 6500, marked: false },
    ]);
  });

  test("reads scales and slang", () => {
    expect(read("$1.5k").map((m) => m.cents)).toEqual([150000]);
    expect(read("2 grand").map((m) => m.cents)).toEqual([200000]);
    expect(read("45 hundred").map((m) => m.cents)).toEqual([450000]);
    expect(read("a fiver").map((m) => m.cents)).toEqual([500]);
    expect(read("50 cents").map((m) => m.cents)).toEqual([50]);
    expect(read("twelve dollars fifty").map((m) => m.cents)).toEqual([1250]);
  });

  test("tells numbers that are not prices, and why", () => {
    const cases: [string, string, string][] = [
      ["a 2019 MacBook", "year", "2019"],
      ["27 inch", "size", "27 inch"],
      ["27in", "size", "27in"],
      ["10 ft", "size", "10 ft"],
      ["6' tall", "size", "6'"],
      ["27x18", "size", "27x18"],
      ["8GB", "specification", "8GB"],
      ["4k tv", "specification", "4k"],
      ["1080p", "specification", "1080p"],
      ["DP-UB820", "model number", "UB820"],
      ["iPhone 12", "model number", "iPhone 12"],
      ["F-150", "model number", "F-150"],
      ["2 chairs", "quantity", "2 chairs"],
      ["3 matching chairs", "quantity", "3 matching chairs"],
      ["2 of them", "quantity", "2 of them"],
      ["25%", "percentage", "25%"],
      ["20 percent", "percentage", "20 percent"],
      ["at 5pm", "time", "5pm"],
      ["5:30", "time", "5:30"],
      ["meet at 6", "time", "at 6"],
      ["3 years old", "age", "3 years old"],
      ["5 stars", "rating", "5 stars"],
      ["10/10", "rating", "10/10"],
      ["room 12", "identifier", "room 12"],
      ["#4", "identifier", "#4"],
      ["June 5", "date", "June 5"],
      ["the 5th", "ordinal", "5th"],
      ["555-123-4567", "phone number", "555"],
      ["1234567890", "long number (phone or id)", "1234567890"],
      ["15 lbs", "weight", "15 lbs"],
      ["weighs 40 pounds", "weight", "40 pounds"],
      ["5 miles", "distance", "5 miles"],
      ["10 min away", "age or duration", "10 min"],
      ["the 90s", "decade", "90s"],
      ["Dell XPS 13", "model number", "XPS 13"],
    ];
    for (const [text, reason, shown] of cases) expect(read(text)[0], text).toMatchObject({ reason, shown });
  });

  test("keeps prices next to look-alikes", () => {
    expect(read("I'd pay 2000 for it")).toEqual([{ cents: 200000, marked: false }]);
    expect(read("$2019")).toEqual([{ cents: 201900, marked: true }]);
    expect(read("45 in cash")).toEqual([{ cents: 4500, marked: false }]);
    expect(read("deal at 45 today")).toEqual([{ cents: 4500, marked: false }]);
    expect(read("45 works")).toEqual([{ cents: 4500, marked: false }]);
    expect(read("I'll pay 20 pounds")).toEqual([{ cents: 2000, marked: true }]);
    expect(read("meet in the middle at 6")).toEqual([{ cents: 600, marked: false }]);
  });

  test("shares a kind across a range", () => {
    expect(read("40-50 inch")).toMatchObject([{ reason: "size" }, { reason: "size" }]);
    expect(read("$40-50")).toEqual([
      { cents: 4000, marked: true },
      { cents: 5000, marked: true },
    ]);
    expect(read("1.5 to 2k").map((m) => m.cents)).toEqual([150000, 200000]);
  });

  test("weighs bare numbers against a price on the table", () => {
    expect(read("twelve fifty", 100000).map((m) => m.cents)).toEqual([125000]);
    expect(read("twelve fifty", 1000).map((m) => m.cents)).toEqual([1250]);
    expect(read("3", 5000)).toMatchObject([{ reason: "implausible as a price here" }]);
    expect(read("$3", 5000)).toEqual([{ cents: 300, marked: true }]);
  });
});

describe("extractConditions", () => {
  test.each([
    ["I can do 60 if you pick it up", ["pickup"]],
    ["only if you deliver", ["delivery"]],
    ["40 cash, today", ["cash", "today"]],
    ["venmo ok, pick up saturday", ["payment: venmo", "pickup", "saturday"]],
    ["$60 firm, no lowballs", ["firm", "no lowballs"]],
    ["80 obo", ["or best offer"]],
    ["20 each or 35 for both", ["each", "bundle"]],
    ["45 if it still works", ["if it still works"]],
    ["take it or leave it", ["final offer"]],
    ["free shipping", ["shipping included"]],
    ["45 plus shipping", ["plus shipping"]],
    ["if you're interested, let me know", []],
    ["if you can do 45", []],
  ])("%s", (text, want) => {
    expect(extractConditions(text.toLowerCase())).toEqual(want);
  });
});
