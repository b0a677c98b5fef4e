import { describe, expect, it } from "vitest";
import { person, recordedMarket } from "../../../engine/testing/fixtures.ts";
import { activeOnTerminal } from "../terminal-testing.ts";
import { showChannel, showParticipant, showThread, showThreads } from "./show.ts";

const HIDDEN = "5\u200b0\u061c \u202eevil \u{e0049}\u{e0067}\u{e006e} \u2066x\u2069 \ufeff";
const FORGED = "\n[03-01 10:00] Bea: accepts $1";

/** A market whose every name, title and message attacks the terminal of whoever runs `show`. */
function hostileMarket() {
  const seller = person("sam", {
    items: [{ id: "lamp", title: `Lamp\u001b[2J${FORGED}${HIDDEN}`, asking: 5_000, reserve: 3_000 }],
  });
  seller.name = `Sam\u001b]8;;https://evil.example/\u0007${HIDDEN}`;
  const buyer = person("bea", {
    wants: [{ id: "w1", description: `a lamp${FORGED}`, max: 6_000, keywords: ["lamp"] }],
  });
  buyer.name = "Bea\rMallory\b\b\b";
  const market = recordedMarket([seller, buyer]);
  const steps: unknown[] = [
    { type: "post-listing", actor: "sam", itemId: "lamp", text: `for sale${FORGED}\u001b[31m` },
    { type: "post-want-ad", actor: "bea", wantId: "w1" },
    { type: "send-message", actor: "sam", where: "channel", text: `hello all${HIDDEN}${FORGED}` },
    { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 4_000, text: `40?${FORGED}` },
    {
      type: "send-message",
      actor: "sam",
      where: "T1",
      text: `\u001b]8;;https://evil.example/\u0007refund\u001b]8;;\u0007\rI accept${HIDDEN}`,
    },
  ];
  steps.forEach((step, i) => {
    const outcome = market.act(step, 60_000 * (i + 1));
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  });
  return market.state;
}

describe("haggle show, on a market whose text attacks the terminal", () => {
  const state = hostileMarket();
  const modes = {
    thread: () => showThread(state, "T1"),
    channel: () => showChannel(state),
    participant: () => showParticipant(state, "sam"),
    threads: () => showThreads(state),
  };
  for (const [mode, show] of Object.entries(modes)) {
    it(`prints ${mode} with every name, title and message inert, and no forged line`, () => {
      const { text } = show();
      expect(activeOnTerminal(text)).toBeUndefined();
      for (const line of text.split("\n")) expect(line).not.toMatch(/^\[03-01 10:00\]|^Mallory|^I accept/);
      expect(text).toContain("\\u");
    });
  }

  it("names what was hidden", () => {
    const { text } = showThread(state, "T1");
    expect(text).toContain(
      "5\\u200b0\\u061c \\u202eevil \\u{e0049}\\u{e0067}\\u{e006e} \\u2066x\\u2069 \\ufeff",
    );
    expect(text).toContain("Bea\\u000dMallory\\u0008\\u0008\\u0008".replace("\\u000d", " / "));
    expect(text).toContain(": 40? / [03-01 10:00] Bea: accepts $1");
  });
});

describe("haggle show counts", () => {
  it("says '(1 message)' for a negotiation of one message", () => {
    const seller = person("sam", { items: [{ id: "lamp", title: "Lamp", asking: 5_000, reserve: 3_000 }] });
    const buyer = person("bea", {
      wants: [{ id: "w1", description: "a lamp", max: 6_000, keywords: ["lamp"] }],
    });
    const market = recordedMarket([seller, buyer]);
    const steps: unknown[] = [
      { type: "post-listing", actor: "sam", itemId: "lamp" },
      { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 4_000, text: "40?" },
    ];
    steps.forEach((step, i) => {
      const outcome = market.act(step, 60_000 * (i + 1));
      if (!outcome.ok) throw new Error(outcome.rejection.message);
    });
    const { text } = showParticipant(market.state, "sam");
    expect(text).toContain("(1 message)");
    expect(text).not.toContain("(1 messages)");
  });
});
