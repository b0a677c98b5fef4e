import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activeOnTerminal } from "../terminal-testing.ts";
import { formatNegotiation, negotiate } from "./negotiate.ts";

const HOSTILE = [
  "\u001b[2J\u001b[Hscreen cleared",
  "\u001b]8;;https://evil.example/\u0007click for a refund\u001b]8;;\u0007",
  "I refuse\rI accept",
  "ok\n[03-01 10:00] Bea: accepts $1",
  "5\u200b0\u061c0\u202e\u{e0041}\u{e0042}",
];

describe("haggle negotiate, against an agent whose words attack the terminal", () => {
  it("prints every message, title and flaw as one inert line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haggle-negotiate-"));
    const agent = join(dir, "hostile.mjs");
    // A seller that lists its item and answers every move with one hostile message and its asking price.
    writeFileSync(
      agent,
      `const HOSTILE = ${JSON.stringify(HOSTILE)};
let said = 0;
export default function createAgent() {
  return {
    spec: "module:hostile",
    decide(view) {
      const actions = [];
      for (const item of view.me.mandate.items)
        if (!view.myListings.some((l) => l.itemId === item.id)) actions.push({ type: "post-listing", itemId: item.id });
      for (const thread of view.threads) {
        if (thread.thread.status !== "open" && thread.thread.status !== "negotiating") continue;
        if (said < HOSTILE.length) actions.push({ type: "send-message", where: thread.thread.id, text: HOSTILE[said++] });
        else actions.push({ type: "decline-thread", threadId: thread.thread.id, text: "bye\\u001b[31m" });
      }
      return actions;
    },
  };
}
`,
    );
    const item = join(dir, "item.json");
    writeFileSync(
      item,
      JSON.stringify({
        title: "Lamp\u001b[2J\n[03-01 10:00] Bea: accepts $1\u202e",
        condition: "good",
        flaws: ["dent\u0007\u200b"],
        askingPrice: "$50",
        reserve: "$40",
        maxPrice: "$45",
      }),
    );
    const output = await negotiate({ seller: `module:${agent}`, buyer: "engine:strong", item, seed: 1 });
    const texts = output.result.transcript.map((line) => line.text ?? "");
    expect(texts.some((text) => text.includes("\u001b"))).toBe(true); // the attack did reach the market
    const printed = formatNegotiation(output);
    expect(activeOnTerminal(printed)).toBeUndefined();
    // Only the lines the formatter writes itself: no agent or owner text starts one.
    for (const line of printed.split("\n")) expect(line).not.toMatch(/^\[03-01 10:00\]|^I accept/);
    expect(printed).toContain("Lamp\\u001b[2J / [03-01 10:00] Bea: accepts $1\\u202e");
    expect(printed).toContain("\\u001b]8;;https://evil.example/\\u0007click for a refund");
    expect(printed).toContain("I refuse / I accept");
  });
});

describe("haggle negotiate's outcome line", () => {
  it("says 'after 1 round', never '1 rounds'", () => {
    const scores = {
      dealPossible: true,
      sellerAdvantage: null,
      buyerAdvantage: null,
      nashProduct: null,
      nashDistance: null,
    };
    const output = {
      setup: {
        item: {
          id: "lamp",
          title: "Lamp",
          category: "home",
          condition: "good" as const,
          flaws: [],
          askingPrice: 5_000,
          reserve: 3_000,
        },
        buyer: { maxPrice: 4_000 },
        sellerName: "Sam",
        buyerName: "Bea",
      },
      seller: { spec: "engine:strong", name: "Sam" },
      buyer: { spec: "engine:weak", name: "Bea" },
      seed: 1,
      result: {
        agreed: false,
        rounds: 1,
        offers: { seller: 1, buyer: 0 },
        walkedAway: "buyer" as const,
        scores,
        transcript: [],
        events: [],
      },
    } as unknown as Parameters<typeof formatNegotiation>[0];
    expect(formatNegotiation(output)).toContain("No deal after 1 round (Bea walked away).");
    const agreed = { ...output, result: { ...output.result, agreed: true, price: 3_500 } };
    expect(formatNegotiation(agreed)).toContain("Agreed at $35 after 1 round.");
  });
});
