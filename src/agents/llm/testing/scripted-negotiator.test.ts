import { describe, expect, it } from "vitest";
import { negotiatorReply } from "./scripted-negotiator.ts";

const thread = (role: "sell" | "buy", theirs: string, mine: string) =>
  [
    "Update at Mon 10:00.",
    "",
    `### Thread t1: you ${role} "Desk lamp", listing l1, asking $7.00, your target $7.00, to Bo`,
    `Now: Bo's open offer o1 version 2 is ${theirs}; your last offer was ${mine} (countered); you have made 1 of 6 offers.`,
  ].join("\n");

describe("scripted negotiator", () => {
  it("concedes at least a whole dollar on a small item, where a share of the gap rounds back to its last price", () => {
    // 40% of the $1 gap is 40 cents, which rounds back to $7.00: the old script repeated $7.00 until it walked.
    const seller = negotiatorReply({ lastUser: thread("sell", "$6.00", "$7.00") });
    expect(seller.toolCalls).toEqual([
      { name: "accept_offer", input: { offerId: "o1", version: 2, text: "Deal." } },
    ]);
  });

  it("a buyer raises by at least a dollar too, but never past its ceiling", () => {
    const buyer = negotiatorReply({
      lastUser: thread("buy", "$9.00", "$7.00").replace("target $7.00", "target $8.00"),
    });
    expect(buyer.toolCalls?.[0]?.input).toMatchObject({ threadId: "t1", price: "$8.00" });
  });

  it("opens again on the cheapest other listing once a want's listing went to someone else", () => {
    const update = [
      "Update at Mon 11:00.",
      "",
      "Other listings for wants whose listing went to someone else:",
      '- listing l2 "Desk lamp": lamp; asking $8.00. For want "lamp" (target $6.00): open with make_offer (listingId "l2", wantId).',
      '- listing l3 "Desk lamp": lamp; asking $9.00. For want "lamp" (target $6.00): open with make_offer (listingId "l3", wantId).',
    ].join("\n");
    const buyer = negotiatorReply({ lastUser: update });
    expect(buyer.toolCalls).toHaveLength(1);
    expect(buyer.toolCalls?.[0]).toMatchObject({
      name: "make_offer",
      input: { listingId: "l2", wantId: "lamp", price: "$6.00" },
    });
  });
});
