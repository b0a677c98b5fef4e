import { formatMoney } from "../domain/money.ts";
import { readAmount, readCondition, readList, readReserve, readText, readYesNo } from "./answers.ts";
import type { InterviewDraft } from "./draft.ts";
import { askUntil, type Terminal } from "./terminal.ts";

/**
 * The interview without a model: the same questions as a guided form. Every answer is checked as it
 * is given; a bad one (a negative price, "abc" for a price, a least-acceptable above the asking price)
 * is asked again with the problem named.
 */
export async function runFormInterview(terminal: Terminal): Promise<InterviewDraft> {
  terminal.say(
    "Hi! I'll set up your agent for the Haggle market. I'll ask what you want to sell, what you want to buy, your budget and how you like to negotiate. Your limits stay secret: only your agent and the market see them.",
  );
  const name = await askUntil(terminal, "What's your name?", (a) => readText(a, "your name", 100));

  const items: InterviewDraft["items"] = [];
  let more = await askUntil(terminal, "Do you have something to sell? (yes/no)", readYesNo);
  while (more) {
    const title = await askUntil(terminal, 'What is it? (a short title, e.g. "Trek road bike")', (a) =>
      readText(a, "a title", 200),
    );
    const description = await askUntil(terminal, "Describe it in a sentence (or leave blank):", (a) =>
      readText(a, "a description", 2000, false),
    );
    const condition = await askUntil(
      terminal,
      "What condition is it in? (new, like-new, good, fair, poor)",
      readCondition,
    );
    const flaws = await askUntil(terminal, "Any flaws? (comma-separated, or leave blank)", (a) =>
      readList(a),
    );
    const category = await askUntil(
      terminal,
      "What kind of thing is it? (e.g. electronics, books, sports, home; blank for other)",
      (a) => readText(a, "a category", 64, false),
    );
    const askingPrice = await askUntil(terminal, "What's your asking price?", (a) =>
      readAmount(a, { what: "the asking price" }),
    );
    const reserve = await askUntil(
      terminal,
      `What's the least you would accept? (at most ${formatMoney(askingPrice)}; kept secret)`,
      (a) => readReserve(a, askingPrice),
    );
    items.push({
      title,
      description,
      condition,
      flaws,
      ...(category ? { category } : {}),
      askingPrice,
      reserve,
    });
    more = await askUntil(terminal, "Anything else to sell? (yes/no)", readYesNo);
  }

  const wants: InterviewDraft["wants"] = [];
  more = await askUntil(terminal, "Is there something you'd like to buy? (yes/no)", readYesNo);
  while (more) {
    const description = await askUntil(terminal, "What are you looking for?", (a) =>
      readText(a, "what you are looking for", 500),
    );
    const maxPrice = await askUntil(terminal, "What's the most you would pay for it? (kept secret)", (a) =>
      readAmount(a, { what: "the most you would pay" }),
    );
    wants.push({ description, maxPrice });
    more = await askUntil(terminal, "Anything else to buy? (yes/no)", readYesNo);
  }

  const largest = Math.max(0, ...wants.map((want) => want.maxPrice));
  const budget = await askUntil(
    terminal,
    wants.length > 0
      ? `What's your total budget for everything you buy? (kept secret; at least ${formatMoney(largest)} lets you afford your dearest want)`
      : "What's your total budget for buying? ($0 if you only sell)",
    (a) => {
      const read = readAmount(a, { what: "the budget", allowZero: wants.length === 0 });
      return read;
    },
  );

  const persona = await askUntil(
    terminal,
    'How should your agent come across? Describe yourself as a negotiator (e.g. "friendly, chatty, hates haggling"):',
    (a) => readText(a, "a persona", 1000, false),
  );
  const instructions = await askUntil(
    terminal,
    'Any instructions for your agent? (e.g. "sell the bike first, be firm on price", "never sell to Dave", "mention the bike was serviced last spring", "speak French", "pick-up evenings near the station"; blank for none)',
    (a) => readText(a, "instructions", 2000, false),
  );
  if (items.length === 0 && wants.length === 0) {
    terminal.say(
      "You have nothing to sell and nothing to buy, so your agent would have nothing to do. Let's start again.",
    );
    return runFormInterview(terminal);
  }
  return { name, items, wants, budget, persona, instructions };
}
