import { describe, expect, test } from "vitest";
import { type Understanding, type UnderstandingContext, understand } from "./parse-utterance.ts";

/** What one utterance must be read as. Prices in cents. Absent price/range/bound means none. */
interface Expect {
  intent: Understanding["intent"];
  price?: number;
  range?: [number, number];
  bound?: ["floor" | "ceiling", number];
  /** Checked when given. */
  question?: boolean;
  /** Each must be among the references. */
  refs?: [number, string][];
  /** Each reason must be among the ignored numbers. */
  ignored?: string[];
  /** Each must be among the conditions. */
  conditions?: string[];
}

type Case = [text: string, expect: Expect, context?: UnderstandingContext];

const BOTH: UnderstandingContext = { lastPrice: 6000, counterpartLastPrice: 4000 };
const MINE_50: UnderstandingContext = { lastPrice: 5000 };

const corpus: Case[] = [
  // ---- ways to write money ----
  ["$65", { intent: "offer", price: 6500 }],
  ["65 bucks", { intent: "offer", price: 6500 }],
  ["sixty-five", { intent: "offer", price: 6500 }],
  ["sixty five dollars", { intent: "offer", price: 6500 }],
  ["65 dollars", { intent: "offer", price: 6500 }],
  ["65$", { intent: "offer", price: 6500 }],
  ["USD 65", { intent: "offer", price: 6500 }],
  ["65 USD", { intent: "offer", price: 6500 }],
  ["65.00", { intent: "offer", price: 6500 }],
  ["$12.50", { intent: "offer", price: 1250 }],
  ["$ 45", { intent: "offer", price: 4500 }],
  ["45,00", { intent: "offer", price: 4500 }],
  ["€40", { intent: "offer", price: 4000 }],
  ["I'd do $1.5k for it", { intent: "offer", price: 150000 }],
  ["2 grand and it's yours", { intent: "offer", price: 200000 }],
  ["a hundred and twenty", { intent: "offer", price: 12000 }],
  ["one fifty?", { intent: "offer", price: 15000, question: true }],
  ["twelve fifty", { intent: "offer", price: 1250 }],
  ["would you take a fiver?", { intent: "offer", price: 500, question: true }],
  ["a tenner and I'll come get it", { intent: "offer", price: 1000, conditions: ["pickup"] }],
  ["twenty-five quid", { intent: "offer", price: 2500 }],
  ["fourty five", { intent: "offer", price: 4500 }],
  ["12 dollars and 50 cents", { intent: "offer", price: 1250 }],
  ["twelve dollars fifty", { intent: "offer", price: 1250 }],
  ["I can do 1,200", { intent: "offer", price: 120000 }],
  ["half a grand", { intent: "offer", price: 50000 }],
  ["a couple hundred bucks", { intent: "offer", price: 20000 }],
  ["fifteen hundred", { intent: "offer", price: 150000 }],
  ["45ish", { intent: "offer", price: 4500 }],
  ["I'd pay 99 cents for it lol", { intent: "offer", price: 99 }],
  ["US$80 and it's yours", { intent: "offer", price: 8000 }],
  ["one oh five", { intent: "offer", price: 10500 }],
  ["$45.5", { intent: "offer", price: 4550 }],

  // ---- bare numbers in a haggle ----
  ["45", { intent: "offer", price: 4500, question: false }],
  ["45?", { intent: "offer", price: 4500, question: true }],
  ["Would you do 45 for it", { intent: "offer", price: 4500, question: true }],
  ["forty", { intent: "offer", price: 4000 }],
  ["How about 40?", { intent: "counter", price: 4000, question: true }],
  ["how about fifty for the pair?", { intent: "counter", price: 5000, conditions: ["bundle"] }],
  ["Can do 45", { intent: "offer", price: 4500, question: false }],
  ["i cna do 40", { intent: "offer", price: 4000 }],
  ["ill take it for 35", { intent: "offer", price: 3500 }],
  ["40", { intent: "counter", price: 4000 }, MINE_50],
  ["50", { intent: "accept", price: 5000 }, MINE_50],

  // ---- the brief's examples ----
  ["meet in the middle at 60", { intent: "counter", price: 6000 }],
  ["I can do 60 if you pick it up", { intent: "offer", price: 6000, conditions: ["pickup"] }],
  ["would you take 50?", { intent: "offer", price: 5000, question: true }],
  ["no less than 70", { intent: "offer", bound: ["floor", 7000] }],
  ["between 40 and 50", { intent: "offer", range: [4000, 5000] }],
  ["meet in the middle?", { intent: "counter", price: 5000, question: true }, BOTH],
  ["deal!", { intent: "accept" }],
  ["sounds good, I'll take it", { intent: "accept" }],
  ["you've got a deal at 45", { intent: "accept", price: 4500 }],
  ["no thanks", { intent: "reject" }],
  ["that's too low", { intent: "reject" }],
  ["I'm out", { intent: "walk-away" }],
  ["let's forget it", { intent: "walk-away" }],
  ["I'll pass", { intent: "walk-away" }],
  ["is it still available?", { intent: "question", question: true }],
  ["what condition is it in?", { intent: "question", question: true }],
  ["I can't do 40", { intent: "reject", refs: [[4000, "rejected"]] }],
  ["not a penny over 50", { intent: "offer", bound: ["ceiling", 5000] }],

  // ---- accept ----
  ["Deal!", { intent: "accept", price: 6000 }, BOTH],
  ["45 works for me", { intent: "accept", price: 4500 }],
  ["45 works for me", { intent: "counter", price: 4500 }, MINE_50],
  ["Ok 35 it is", { intent: "accept", price: 3500 }],
  ["Fine, 50.", { intent: "accept", price: 5000 }, MINE_50],
  ["DEAL AT 45!!!", { intent: "accept", price: 4500 }],
  ["45 👍", { intent: "accept", price: 4500 }],
  ["🤝", { intent: "accept" }],
  ["👍", { intent: "accept", price: 6000 }, BOTH],
  ["ok", { intent: "accept", price: 6000 }, BOTH],
  ["Agreed. When can I pick it up?", { intent: "accept", question: true, conditions: ["pickup"] }],
  ["That works for me, see you tomorrow", { intent: "accept", conditions: ["tomorrow"] }],
  ["Sold! Cash only please", { intent: "accept", conditions: ["cash"] }],
  ["It's a deal if you can come today", { intent: "accept", conditions: ["today"] }],

  // ---- offers that only look like accepts ----
  ["45 and it's a deal", { intent: "offer", price: 4500 }],
  ["Do we have a deal at 45?", { intent: "offer", price: 4500, question: true }],
  ["I'll take both for 70", { intent: "offer", price: 7000, conditions: ["bundle"] }],
  ["Sure, but can you do 40?", { intent: "counter", price: 4000, question: true }],
  ["I can't do 40, but 45 works", { intent: "counter", price: 4500, refs: [[4000, "rejected"]] }],

  // ---- reject and walk away ----
  ["No deal.", { intent: "reject" }],
  ["nope", { intent: "reject" }],
  ["lol no", { intent: "reject" }],
  ["Sorry, I have to decline.", { intent: "reject" }],
  ["There's no way I'm paying 60", { intent: "reject", refs: [[6000, "rejected"]] }],
  ["60? Are you kidding?", { intent: "reject", refs: [[6000, "rejected"]] }],
  ["$80 is a bit steep", { intent: "reject", refs: [[8000, "rejected"]] }],
  ["Your price of 80 is too high", { intent: "reject", refs: [[8000, "rejected"]] }],
  ["I won't go as low as 30", { intent: "reject", refs: [[3000, "rejected"]] }],
  ["Sounds good but that's too low", { intent: "reject" }],
  ["Nope, I'm walking away.", { intent: "walk-away" }],
  ["Never mind, found another one.", { intent: "walk-away" }],
  ["No thanks, I'm out", { intent: "walk-away" }],
  ["not interested, good luck with the sale", { intent: "walk-away" }],
  ["im out", { intent: "walk-away" }],
  ["Sorry, it's already sold.", { intent: "walk-away" }],

  // ---- counters with refused prices ----
  ["40 is too low, how about 55?", { intent: "counter", price: 5500, refs: [[4000, "rejected"]] }],
  ["Too low. 60 and it's yours.", { intent: "counter", price: 6000 }],
  ["Not 40. 45.", { intent: "counter", price: 4500, refs: [[4000, "rejected"]] }],
  ["I can't do better than 55", { intent: "counter", price: 5500 }],

  // ---- bounds ----
  ["no more than 50", { intent: "offer", bound: ["ceiling", 5000] }],
  ["max 50", { intent: "offer", bound: ["ceiling", 5000] }],
  ["50 max", { intent: "offer", bound: ["ceiling", 5000] }],
  ["60 tops", { intent: "offer", bound: ["ceiling", 6000] }],
  ["70 minimum", { intent: "offer", bound: ["floor", 7000] }],
  ["at least 70", { intent: "offer", bound: ["floor", 7000] }],
  ["the lowest I can go is 65", { intent: "offer", bound: ["floor", 6500] }],
  ["65 is the lowest I'll go", { intent: "offer", bound: ["floor", 6500] }],
  ["I can't go lower than 60", { intent: "counter", bound: ["floor", 6000] }],
  ["I won't pay more than 50", { intent: "offer", bound: ["ceiling", 5000] }],
  ["I'd never sell for less than 60", { intent: "offer", bound: ["floor", 6000] }],
  ["My budget is $40", { intent: "offer", bound: ["ceiling", 4000] }],
  ["I only have 35", { intent: "offer", bound: ["ceiling", 3500] }],
  ["i'd pay 25 max for it", { intent: "offer", bound: ["ceiling", 2500] }],
  ["I can go up to 50", { intent: "counter", bound: ["ceiling", 5000] }],
  ["45+", { intent: "offer", bound: ["floor", 4500] }],
  ["would you accept less than 80?", { intent: "offer", bound: ["ceiling", 8000], question: true }],
  ["no thanks, 30 is my max", { intent: "counter", bound: ["ceiling", 3000] }],

  // ---- ranges ----
  ["between $40 and $50", { intent: "offer", range: [4000, 5000] }],
  ["40-50", { intent: "offer", range: [4000, 5000] }],
  ["40 to 50 bucks", { intent: "offer", range: [4000, 5000] }],
  ["somewhere around 40 to 50?", { intent: "offer", range: [4000, 5000], question: true }],
  ["40 or 45?", { intent: "offer", range: [4000, 4500] }],
  ["$1.5 to 2k", { intent: "offer", range: [150000, 200000] }],

  // ---- moves relative to the table ----
  ["split the difference", { intent: "counter", price: 5000 }, BOTH],
  ["meet me halfway", { intent: "counter", price: 5300 }, { lastPrice: 6000, counterpartLastPrice: 4500 }],
  ["meet me halfway", { intent: "counter" }],
  ["can you knock 10 off?", { intent: "counter", price: 5000 }, BOTH],
  ["10% off?", { intent: "counter", price: 5400 }, BOTH],
  ["I can take 5 off", { intent: "counter", price: 3500 }, BOTH],
  ["Take 10 off and we have a deal", { intent: "counter", price: 5000 }, BOTH],
  ["I'll do 5 more", { intent: "counter", price: 4500 }, BOTH],
  ["from 80 down to 60", { intent: "offer", price: 6000, refs: [[8000, "earlier price"]] }],

  // ---- numbers that are not offers ----
  ["It's a 2019 MacBook Pro, would you take 600?", { intent: "offer", price: 60000, ignored: ["year"] }],
  [
    "I bought it in 2019 for $900, asking 500",
    { intent: "offer", price: 50000, ignored: ["year"], refs: [[90000, "paid"]] },
  ],
  [
    "It's from 1998, vintage, 150 obo",
    { intent: "offer", price: 15000, ignored: ["year"], conditions: ["or best offer"] },
  ],
  ["55 inch TV, $300", { intent: "offer", price: 30000, ignored: ["size"] }],
  ['27" monitor, 80', { intent: "offer", price: 8000, ignored: ["size"] }],
  ["10 ft ladder for 40?", { intent: "offer", price: 4000, ignored: ["size"] }],
  ["The screen is 15.6 inches", { intent: "info", ignored: ["size"] }],
  [
    "8GB RAM, 256GB SSD, 350 firm",
    { intent: "offer", price: 35000, ignored: ["specification"], conditions: ["firm"] },
  ],
  ["Sony DP-UB820 for 120", { intent: "offer", price: 12000, ignored: ["model number"] }],
  ["iPhone 12 for 300", { intent: "offer", price: 30000, ignored: ["model number"] }],
  ["PS5 with 2 controllers, 400", { intent: "offer", price: 40000, ignored: ["model number", "quantity"] }],
  ["Xbox 360 for 60", { intent: "offer", price: 6000, ignored: ["model number"] }],
  ["Galaxy S21, 250", { intent: "offer", price: 25000, ignored: ["model number"] }],
  ["Model 3 charger for 20", { intent: "offer", price: 2000, ignored: ["model number"] }],
  ["2 chairs, $40 for both", { intent: "offer", price: 4000, ignored: ["quantity"], conditions: ["bundle"] }],
  ["$50 for 2?", { intent: "offer", price: 5000, ignored: ["quantity"] }],
  ["2 for $30", { intent: "offer", price: 3000, ignored: ["quantity"] }],
  ["Box of 12 for $15", { intent: "offer", price: 1500, ignored: ["quantity"] }],
  ["It's 3 years old, I'd let it go for 80", { intent: "offer", price: 8000, ignored: ["age"] }],
  [
    "Pick up at 5pm, 45 cash",
    { intent: "offer", price: 4500, ignored: ["time"], conditions: ["pickup", "cash"] },
  ],
  ["I can pick it up at 6 tomorrow, would you take 35?", { intent: "offer", price: 3500, ignored: ["time"] }],
  ["see you at 6, 35 cash", { intent: "offer", price: 3500, ignored: ["time"] }],
  ["It's rated 5 stars, 60 is fair", { intent: "offer", price: 6000, ignored: ["rating"] }],
  ["Used it 5 times, 30 bucks", { intent: "offer", price: 3000, ignored: ["count"] }],
  ["the 4k tv for 200?", { intent: "offer", price: 20000, ignored: ["specification"] }],
  ["my number is 555-1234, 45 ok?", { intent: "offer", price: 4500, ignored: ["phone number"] }],
  ["Size 10 shoes, 25?", { intent: "offer", price: 2500, ignored: ["size"] }],
  [
    "5 miles away, 40 if you deliver",
    { intent: "offer", price: 4000, ignored: ["distance"], conditions: ["delivery"] },
  ],
  ["25% is a lot to ask", { intent: "info", ignored: ["percentage"] }],
  ["It weighs 40 pounds", { intent: "info", ignored: ["weight"] }],
  ["Is it a 2019 model?", { intent: "question", ignored: ["year"] }],
  ["I have 3 kids so I need it by the weekend", { intent: "info", ignored: ["quantity"] }],

  // ---- prices of other things ----
  ["I paid $200 new, would you take 150?", { intent: "offer", price: 15000, refs: [[20000, "paid"]] }],
  ["Retail is $120, so 60 is fair", { intent: "offer", price: 6000, refs: [[12000, "retail price"]] }],
  ["They sell for $90 on Amazon", { intent: "info", refs: [[9000, "market price"]] }],
  ["New they're 150, I'm asking 90", { intent: "offer", price: 9000, refs: [[15000, "retail price"]] }],
  ["Someone else offered me 70", { intent: "info", refs: [[7000, "competing offer"]] }],
  ["You said 60 earlier. I can do 55.", { intent: "offer", price: 5500, refs: [[6000, "quoted price"]] }],
  ["Shipping is $10, so 50 total", { intent: "offer", price: 5000, refs: [[1000, "shipping or fees"]] }],
  [
    "I paid 200 for it two years ago",
    { intent: "info", refs: [[20000, "paid"]], ignored: ["age or duration"] },
  ],
  ["Is it still $80?", { intent: "question", refs: [[8000, "quoted price"]] }],
  ["Is the $80 firm?", { intent: "question", refs: [[8000, "quoted price"]] }],
  ["I sold mine for 40 last year", { intent: "info", refs: [[4000, "previous sale"]] }],
  ["it's worth 100, I'd take 70", { intent: "offer", price: 7000, refs: [[10000, "value"]] }],
  ["I was asking 80 but I'll take 70", { intent: "counter", price: 7000, refs: [[8000, "earlier price"]] }],
  ["I said 60.", { intent: "offer", price: 6000 }],

  // ---- conditions ----
  [
    "Will you do 45 if I pick it up today?",
    { intent: "offer", price: 4500, conditions: ["pickup", "today"] },
  ],
  ["40 cash today", { intent: "offer", price: 4000, conditions: ["cash", "today"] }],
  ["final offer: 50", { intent: "offer", price: 5000, conditions: ["final offer"] }],
  ["50 obo", { intent: "offer", price: 5000, conditions: ["or best offer"] }],
  ["30 + shipping", { intent: "offer", price: 3000, conditions: ["plus shipping"] }],
  ["no lowballs please, 60 firm", { intent: "offer", price: 6000, conditions: ["no lowballs", "firm"] }],
  ["20 each", { intent: "offer", price: 2000, conditions: ["each"] }],
  ["I'd do 35 if it still works", { intent: "offer", price: 3500, conditions: ["if it still works"] }],
  ["If you can do 45 I'll come get it tonight", { intent: "offer", price: 4500, conditions: ["tonight"] }],

  // ---- questions and small talk ----
  ["How old is it?", { intent: "question" }],
  ["Does it come with the charger?", { intent: "question" }],
  ["What's your best price?", { intent: "question" }],
  ["How much?", { intent: "question" }],
  ["Where are you located", { intent: "question", question: true }],
  ["Any scratches on the screen?", { intent: "question" }],
  ["Hi there!", { intent: "info", question: false }],
  ["Thanks!", { intent: "info" }],
  ["It's in great condition.", { intent: "info" }],
  ["ok", { intent: "info" }],
  ["", { intent: "info", question: false }],
  ["45 🙂", { intent: "offer", price: 4500 }],
  ["I'LL GIVE YOU 40 BUCKS", { intent: "offer", price: 4000 }],
  ["$45!!! 😀", { intent: "offer", price: 4500 }],

  // ---- longer messages, as agents and models write them ----
  [
    "Hi! I'm interested in your bike. Would you consider $120? I can pick it up this weekend.",
    { intent: "offer", price: 12000, question: true, conditions: ["pickup", "this weekend"] },
  ],
  [
    "Thanks for the offer, but $120 is a bit low for a bike in this condition. I could do $160.",
    { intent: "counter", price: 16000, refs: [[12000, "rejected"]] },
  ],
  [
    "I've seen similar ones go for around $100 on Facebook Marketplace, so $110 seems fair.",
    { intent: "offer", price: 11000, refs: [[10000, "market price"]] },
  ],
  [
    "Great, it's a deal at $140. When would you like to pick it up?",
    { intent: "accept", price: 14000, question: true },
  ],
  [
    "I'll give you thirty-five bucks, cash in hand, today.",
    { intent: "offer", price: 3500, conditions: ["cash", "today"] },
  ],
  [
    "It's a 2-seater sofa, 6 ft long, 150?",
    { intent: "offer", price: 15000, ignored: ["specification", "size"] },
  ],
  [
    "Hey, still have the 2 dining chairs? I'd pay 40 for the pair.",
    { intent: "offer", price: 4000, ignored: ["quantity"] },
  ],
  ["3 more people want it", { intent: "info", ignored: ["quantity"] }],
  [
    "I can do 45. That's 10 less than you asked.",
    { intent: "offer", price: 4500, ignored: ["relative amount"] },
  ],
  ["Listed at $80? I'll give you 60", { intent: "offer", price: 6000, refs: [[8000, "quoted price"]] }],
  ["Is $40 your final price?", { intent: "question", refs: [[4000, "quoted price"]] }],
  ["What if I offered 40?", { intent: "offer", price: 4000, question: true }],
  ["If you can do 45 we have a deal", { intent: "offer", price: 4500 }],
  ["Let's do $35 and call it a deal.", { intent: "offer", price: 3500 }],
  ["I'd rather not go below 60", { intent: "counter", bound: ["floor", 6000] }],
  ["I'm not going higher than 40", { intent: "counter", bound: ["ceiling", 4000] }],
  ["I am pleased to accept.", { intent: "accept" }],
  ["Name your price", { intent: "question", question: true }],
  ["No, it doesn't have any scratches.", { intent: "info" }],
  ["We seem pretty far apart, so I'll bow out.", { intent: "walk-away" }],
  ["I don't think we can make this work.", { intent: "walk-away" }],

  // ---- reading with the prices on the table (listener 40, speaker 50) ----
  [
    "$40? Not a chance. $45.",
    { intent: "counter", price: 4500, refs: [[4000, "rejected"]] },
    { lastPrice: 4000, counterpartLastPrice: 5000 },
  ],
  [
    "$40?! You wound me! For you, $45.",
    { intent: "counter", price: 4500, refs: [[4000, "quoted price"]] },
    { lastPrice: 4000, counterpartLastPrice: 5000 },
  ],
  [
    "I was at $50, but $45 is fine, I suppose.",
    { intent: "counter", price: 4500, refs: [[5000, "earlier price"]] },
    { lastPrice: 4000, counterpartLastPrice: 5000 },
  ],
  [
    "I'll have to pass on $40, I'm afraid.",
    { intent: "walk-away", refs: [[4000, "rejected"]] },
    { lastPrice: 4000, counterpartLastPrice: 5000 },
  ],
  [
    "$45? Deal. You've made my day.",
    { intent: "accept", price: 4500 },
    { lastPrice: 4500, counterpartLastPrice: 4000 },
  ],
  ["twelve fifty", { intent: "counter", price: 125000 }, { lastPrice: 130000 }],
  ["5000", { intent: "info", ignored: ["implausible as a price here"] }, { lastPrice: 6000 }],
];

describe("understanding corpus", () => {
  test("holds at least 100 utterances", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
  });

  test.each(corpus.map(([text, want, context], i) => ({ i, text, want, context })))(
    "#$i $text",
    ({ text, want, context }) => {
      const got = understand(text, context);
      const summary = JSON.stringify(got);
      expect(got.intent, summary).toBe(want.intent);
      expect(got.price, summary).toBe(want.price);
      expect(got.range, summary).toEqual(
        want.range ? { low: want.range[0], high: want.range[1] } : undefined,
      );
      expect(got.bound, summary).toEqual(
        want.bound ? { kind: want.bound[0], price: want.bound[1] } : undefined,
      );
      if (want.question !== undefined) expect(got.isQuestion, summary).toBe(want.question);
      for (const [price, what] of want.refs ?? [])
        expect(got.references, summary).toContainEqual({ price, what });
      for (const reason of want.ignored ?? [])
        expect(
          got.ignored.map((i) => i.reason),
          summary,
        ).toContain(reason);
      for (const condition of want.conditions ?? []) expect(got.conditions, summary).toContain(condition);
      expect(got.confidence).toBeGreaterThanOrEqual(0);
      expect(got.confidence).toBeLessThanOrEqual(1);
    },
  );
});
