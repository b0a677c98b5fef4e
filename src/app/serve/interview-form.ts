import { formatMoney } from "../../domain/money.ts";
import {
  type Read,
  readAmount,
  readCondition,
  readList,
  readReserve,
  readText,
} from "../../interview/answers.ts";
import type { InterviewDraft } from "../../interview/draft.ts";

/** The interview as the browser's guided form holds it: money as the text the person typed ("$40"). */
export interface InterviewForm {
  name: string;
  items: {
    title: string;
    description: string;
    condition: string;
    flaws: string;
    category: string;
    askingPrice: string;
    reserve: string;
    /** Facts the agent mentions about it, one a line (or separated by ";"). */
    facts?: string;
  }[];
  wants: { description: string; maxPrice: string }[];
  budget: string;
  persona: string;
  instructions: string;
  /** People not to trade with, by name, comma-separated. */
  avoid?: string;
  /** Pick-up / meeting terms. */
  meeting?: string;
  /** The language the agent writes in: English, French, Spanish or German (or en, fr, es, de). */
  language?: string;
}

const LANGUAGE_CODES: Record<string, "en" | "fr" | "es" | "de"> = {
  en: "en",
  english: "en",
  fr: "fr",
  french: "fr",
  français: "fr",
  francais: "fr",
  es: "es",
  spanish: "es",
  español: "es",
  espanol: "es",
  de: "de",
  german: "de",
  deutsch: "de",
};

function readLanguage(answer: string | undefined): Read<"en" | "fr" | "es" | "de" | undefined> {
  const text = (answer ?? "").trim().toLowerCase();
  if (text === "") return { value: undefined };
  const code = LANGUAGE_CODES[text];
  return code
    ? { value: code }
    : {
        problem: "Your agent can write in English, French, Spanish or German: choose one, or leave it blank.",
      };
}

function readFacts(answer: string | undefined): Read<string[]> {
  const facts = (answer ?? "")
    .split(/\n|;/)
    .map((fact) => fact.trim())
    .filter((fact) => fact.length > 0);
  if (facts.length > 10) return { problem: "At most 10 facts per item: keep the ones that matter most." };
  const long = facts.find((fact) => fact.length > 300);
  if (long) return { problem: `"${long.slice(0, 40)}..." is too long: keep each fact under 300 characters.` };
  return { value: facts };
}

const MAX_ITEMS = 30;
const MAX_WANTS = 30;

/**
 * Checks the form with the terminal interview's own readers, so each field's problem reads as it does
 * there and names the fix. Returns the draft when every field is right, and the problems by field
 * path ("items.0.reserve") otherwise.
 */
export function checkInterviewForm(form: InterviewForm): {
  errors: Record<string, string>;
  draft?: InterviewDraft;
} {
  const errors: Record<string, string> = {};
  const take = <T>(path: string, read: Read<T>): T | undefined => {
    if ("problem" in read) {
      errors[path] = read.problem;
      return undefined;
    }
    return read.value;
  };
  const name = take("name", readText(form.name, "your name", 100));
  if (form.items.length > MAX_ITEMS) errors.items = `At most ${MAX_ITEMS} things to sell: remove some.`;
  if (form.wants.length > MAX_WANTS) errors.wants = `At most ${MAX_WANTS} things to buy: remove some.`;
  const items: InterviewDraft["items"] = [];
  form.items.slice(0, MAX_ITEMS).forEach((item, i) => {
    const at = `items.${i}`;
    const title = take(`${at}.title`, readText(item.title, "a title", 200));
    const description = take(`${at}.description`, readText(item.description, "a description", 2000, false));
    const condition = take(`${at}.condition`, readCondition(item.condition));
    const flaws = take(`${at}.flaws`, readList(item.flaws));
    const category = take(`${at}.category`, readText(item.category, "a category", 64, false));
    const facts = take(`${at}.facts`, readFacts(item.facts));
    const askingPrice = take(`${at}.askingPrice`, readAmount(item.askingPrice, { what: "the asking price" }));
    const reserve =
      askingPrice === undefined
        ? take(`${at}.reserve`, readAmount(item.reserve, { what: "the least you would accept" }))
        : take(`${at}.reserve`, readReserve(item.reserve, askingPrice));
    if (
      title !== undefined &&
      description !== undefined &&
      condition !== undefined &&
      flaws !== undefined &&
      category !== undefined &&
      askingPrice !== undefined &&
      reserve !== undefined
    ) {
      items.push({
        title,
        description,
        condition,
        flaws,
        ...(category ? { category } : {}),
        askingPrice,
        reserve,
        ...(facts && facts.length > 0 ? { facts } : {}),
      });
    }
  });
  const wants: InterviewDraft["wants"] = [];
  form.wants.slice(0, MAX_WANTS).forEach((want, i) => {
    const description = take(
      `wants.${i}.description`,
      readText(want.description, "what you are looking for", 500),
    );
    const maxPrice = take(
      `wants.${i}.maxPrice`,
      readAmount(want.maxPrice, { what: "the most you would pay" }),
    );
    if (description !== undefined && maxPrice !== undefined) wants.push({ description, maxPrice });
  });
  const budget = take(
    "budget",
    readAmount(form.budget, { what: "the budget", allowZero: form.wants.length === 0 }),
  );
  const largest = Math.max(0, ...wants.map((want) => want.maxPrice));
  if (budget !== undefined && budget < largest) {
    errors.budget = `Your budget (${formatMoney(budget)}) is below the most you would pay for one thing (${formatMoney(largest)}): give at least ${formatMoney(largest)}, or lower that price.`;
  }
  const persona = take("persona", readText(form.persona, "a persona", 1000, false));
  const instructions = take("instructions", readText(form.instructions, "instructions", 2000, false));
  const avoid = take("avoid", readList(form.avoid ?? "", 100));
  const meeting = take("meeting", readText(form.meeting ?? "", "pick-up terms", 300, false));
  const language = take("language", readLanguage(form.language));
  if (form.items.length === 0 && form.wants.length === 0) {
    errors.items = "Add something to sell or something to buy: otherwise your agent has nothing to do.";
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    draft: {
      name: name!,
      items,
      wants,
      budget: budget!,
      persona: persona!,
      instructions: instructions!,
      ...(avoid && avoid.length > 0 ? { avoid } : {}),
      ...(meeting ? { meeting } : {}),
      ...(language ? { language } : {}),
    },
  };
}
