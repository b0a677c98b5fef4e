import { describe, expect, it } from "vitest";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import { activeOnTerminal } from "../../interfaces/cli/terminal-testing.ts";
import { dealMemoMarkdown, markdownText } from "./deal-memo.ts";

/** A settled deal whose title and names were written to break the memo. */
function hostileDeal(title: string, sellerName: string) {
  const seller = { ...person("sam", { items: [{ id: "lamp", title, asking: 5_000, reserve: 3_000 }] }) };
  seller.name = sellerName;
  const buyer = person("bea", {
    wants: [{ id: "w1", description: "a lamp", max: 6_000, keywords: ["lamp"] }],
  });
  const market = recordedMarket([seller, buyer]);
  const steps: unknown[] = [
    { type: "post-listing", actor: "sam", itemId: "lamp" },
    { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 4_000 },
    { type: "accept-offer", actor: "sam", offerId: "O1", version: 1 },
    { type: "confirm-deal", actor: "bea", dealId: "D1" },
  ];
  steps.forEach((step, i) => {
    const outcome = market.act(step, i + 1);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
  });
  return { state: market.state, deal: market.state.deals.get("D1")! };
}

/** The table's rows and how many cell borders each has, escaped characters left out. */
function tableRows(memo: string): { line: string; pipes: number }[] {
  return memo
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => ({ line, pipes: line.replace(/\\./g, "").split("|").length - 1 }));
}

describe("deal memos against hostile titles and names", () => {
  const titles = [
    "Lamp | Agreed price | $1.00 |",
    "Lamp\n| Agreed price | $1.00 |\n\n# Deal cancelled",
    "Lamp\r\n\r\n<script>alert(1)</script>",
    "Lamp\u001b[2J\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007",
    "Lamp &#x202e; &lt;b&gt; \u202eevil\u200b\u{e0041}",
    "[refund](https://evil.example/) ![x](https://evil.example/p.png) `code` **bold** ~~gone~~",
    "Lamp\\|\\",
  ];
  for (const title of titles) {
    it(`keeps the table whole and the file free of raw codes for ${JSON.stringify(title)}`, () => {
      const { state, deal } = hostileDeal(title, `Sam\n| Buyer | Mallory |\u0007`);
      const memo = dealMemoMarkdown(state, deal, { runDir: "runs/x`y\nz" });
      expect(activeOnTerminal(memo)).toBeUndefined();
      const rows = tableRows(memo);
      expect(rows).toHaveLength(8);
      for (const row of rows) expect(row.pipes, row.line).toBe(3);
      expect(memo.split("\n").filter((line) => line.startsWith("#"))).toEqual([
        "# Deal confirmation D1",
        "## Next step: the hand-over",
      ]);
      // No raw HTML, entity or link from the title or a name (the hand-over command is the memo's own).
      const shown = markdownText(title);
      expect(memo).toContain(`| Item | ${shown} (good) |`);
      expect(shown.replace(/\\./g, "")).not.toMatch(/[<>&*_|[\]()`~#!]/);
      expect(memo).toContain("--run runs/x`y z");
    });
  }

  it("shows what was hidden as codes, and keeps ordinary titles readable", () => {
    expect(markdownText("Lamp\u001b[2J\u202e")).toBe("Lamp\\\\u001b\\[2J\\\\u202e");
    expect(markdownText("Café lamp, 2 bulbs")).toBe("Café lamp, 2 bulbs");
    expect(markdownText("a\nb")).toBe("a / b");
  });
});

describe("a deal memo's last word", () => {
  it("says what a person can do if something is wrong, not 'Reply to your agent', which nobody can", () => {
    const { state, deal } = hostileDeal("Desk lamp", "Sam");
    const memo = dealMemoMarkdown(state, deal, { runDir: "runs/demo" });
    expect(memo).not.toContain("Reply to your agent");
    expect(memo).toContain("cannot change a confirmed deal");
    expect(memo).toContain("do not pay or hand over the item");
    expect(memo).toContain(`thread ${deal.threadId}`);
    expect(memo).toContain("`haggle show runs/demo --thread D1`");
    // Without a run folder (a served market's page) it names the thread only.
    expect(dealMemoMarkdown(state, deal)).not.toContain("haggle show");
  });
});

describe("deal memos and the owners' pick-up terms", () => {
  it("writes the pick-up terms the seller asked for, and nothing else of their wishes", () => {
    const seller = person("sam", {
      items: [{ id: "lamp", title: "Desk lamp", asking: 5_000, reserve: 3_000 }],
    });
    seller.mandate.wishes = {
      meeting: "evenings near the station",
      avoid: [{ name: "Dave" }],
      notes: "be extra nice to students",
    };
    const buyer = person("bea", {
      wants: [{ id: "w1", description: "a lamp", max: 6_000, keywords: ["lamp"] }],
    });
    const market = recordedMarket([seller, buyer]);
    for (const [i, step] of [
      { type: "post-listing", actor: "sam", itemId: "lamp" },
      { type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 4_000 },
      { type: "accept-offer", actor: "sam", offerId: "O1", version: 1 },
      { type: "confirm-deal", actor: "bea", dealId: "D1" },
    ].entries()) {
      expect(market.act(step, i + 1).ok).toBe(true);
    }
    const memo = dealMemoMarkdown(market.state, market.state.deals.get("D1")!);
    expect(memo).toContain("Pick-up terms: Sam asks: evenings near the station.");
    expect(memo).not.toContain("Dave");
    expect(memo).not.toContain("students");
  });
});
