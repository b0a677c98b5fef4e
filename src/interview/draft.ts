import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { z } from "zod";
import { type Condition, type Participant, participantSchema, type WishesInput } from "../domain/mandate.ts";
import { formatMoney, parseMoney } from "../domain/money.ts";
import { formatPath } from "../domain/validation.ts";
import { keywordsOf } from "../engine/keywords.ts";
import { type AgentKind, describeWishes, hasWishes, parseWishes } from "./wishes.ts";

/** What an interview gathers, in cents, before it becomes a validated participant. */
export interface InterviewDraft {
  name: string;
  items: {
    title: string;
    description: string;
    condition: Condition;
    category?: string;
    flaws: string[];
    askingPrice: number;
    reserve: number;
    /** Facts the agent mentions about it (the web form's field; the instructions can name more). */
    facts?: string[];
  }[];
  wants: { description: string; category?: string; keywords?: string[]; maxPrice: number }[];
  budget: number;
  persona: string;
  instructions: string;
  /** People not to trade with, by name (the web form's field; the instructions can name more). */
  avoid?: string[];
  /** Pick-up / meeting terms. */
  meeting?: string;
  /** The language the agent writes in. */
  language?: "en" | "fr" | "es" | "de";
}

/**
 * The wishes a draft states: its own fields, and what the instructions say that can be structured
 * ("never sell to Dave", "mention that ...", "speak French", "ask lots of questions", "pick-up ...").
 */
export function wishesFromDraft(draft: InterviewDraft, itemIds: readonly string[]): WishesInput | undefined {
  const items = draft.items.map((item, i) => ({ id: itemIds[i]!, title: item.title }));
  const parsed = parseWishes(draft.instructions, items).wishes;
  const avoid = [...(parsed.avoid ?? [])];
  for (const name of draft.avoid ?? []) {
    const trimmed = name.trim();
    if (trimmed && !avoid.some((entry) => entry.name?.toLowerCase() === trimmed.toLowerCase())) {
      avoid.push({ name: trimmed.slice(0, 100) });
    }
  }
  const facts: Record<string, string[]> = { ...(parsed.facts ?? {}) };
  draft.items.forEach((item, i) => {
    const given = (item.facts ?? []).map((fact) => fact.trim()).filter((fact) => fact.length > 0);
    if (given.length > 0) facts[itemIds[i]!] = [...given, ...(facts[itemIds[i]!] ?? [])].slice(0, 10);
  });
  const meeting = draft.meeting?.trim() || parsed.meeting;
  const language = draft.language ?? parsed.tone?.language;
  const style = parsed.tone?.style;
  const wishes: WishesInput = {
    ...(avoid.length > 0 ? { avoid: avoid.slice(0, 50) } : {}),
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
    ...(meeting ? { meeting: meeting.slice(0, 300) } : {}),
    ...(language || style
      ? { tone: { ...(language ? { language } : {}), ...(style ? { style } : {}) } }
      : {}),
    ...(parsed.notes ? { notes: parsed.notes } : {}),
  };
  return hasWishes(wishes) ? wishes : undefined;
}

/**
 * An id people can read: "Trek road bike" -> "trek-road-bike", "Zoë" -> "zoe". A name in another
 * script ("王小明") keeps the fallback with a short hash of the name, so two such names never share an id.
 */
export function slug(text: string, fallback: string): string {
  const value = text
    .toLowerCase()
    .normalize("NFKD")
    // "María" -> "maria": the accents NFKD splits off go, rather than becoming dashes.
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  if (value) return value;
  const letters = text.normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, "");
  return letters ? `${fallback}-${createHash("sha256").update(letters).digest("hex").slice(0, 6)}` : fallback;
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The words a listing's title should share with a want: the given keywords, else its description's. */
function keywordsFor(want: InterviewDraft["wants"][number]): string[] {
  const given = [...new Set((want.keywords ?? []).flatMap((word) => keywordsOf(word)))];
  const words = given.length > 0 ? given : keywordsOf(want.description);
  return words.map((word) => word.slice(0, 40)).slice(0, 8);
}

/**
 * The participant a draft describes, checked by the same schema markets load files with. Throws the
 * schema's ValidationError-style message when something is off.
 */
export function participantFromDraft(draft: InterviewDraft, id?: string): Participant {
  const itemIds = new Set<string>();
  const wantIds = new Set<string>();
  const ids = draft.items.map((item, i) => unique(slug(item.title, `item-${i + 1}`), itemIds));
  const wishes = wishesFromDraft(draft, ids);
  const result = participantSchema.safeParse({
    id: id ?? slug(draft.name, "me"),
    name: draft.name,
    mandate: {
      items: draft.items.map((item, i) => ({
        id: ids[i],
        title: item.title,
        description: item.description,
        condition: item.condition,
        category: item.category?.trim() ? slug(item.category, "other") : "other",
        flaws: item.flaws,
        askingPrice: item.askingPrice,
        reserve: item.reserve,
      })),
      wants: draft.wants.map((want, i) => ({
        id: unique(slug(want.description, `want-${i + 1}`), wantIds),
        description: want.description,
        ...(want.category?.trim() ? { category: slug(want.category, "other") } : {}),
        keywords: keywordsFor(want),
        maxPrice: want.maxPrice,
      })),
      budget: draft.budget,
      persona: draft.persona,
      instructions: draft.instructions,
      ...(wishes ? { wishes } : {}),
    },
  });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new Error(problems.join("; "));
}

const money = (cents: number) => formatMoney(cents, "USD", { alwaysCents: cents % 100 !== 0 });

/**
 * The participant as a person reads it back before saving, secrets marked as such, and what the
 * agent (`kind`: the built-in one unless said) will and will not do of their wishes.
 */
export function describeParticipant(participant: Participant, kind: AgentKind = "built-in"): string {
  const { mandate } = participant;
  const lines = [`${participant.name} (id "${participant.id}")`];
  lines.push("", "To sell:");
  if (mandate.items.length === 0) lines.push("  nothing");
  for (const item of mandate.items) {
    const facts = [item.condition, item.flaws.length > 0 ? `flaws: ${item.flaws.join(", ")}` : undefined]
      .filter(Boolean)
      .join("; ");
    lines.push(
      `  - ${item.title} (${facts})${item.description ? `: ${item.description}` : ""}`,
      `    asking ${money(item.askingPrice)}, least you accept ${money(item.reserve)} (secret)`,
    );
  }
  lines.push("", "To buy:");
  if (mandate.wants.length === 0) lines.push("  nothing");
  for (const want of mandate.wants) {
    lines.push(
      `  - ${want.description}: at most ${money(want.maxPrice)} (secret); matches ${want.keywords.join(", ")}`,
    );
  }
  lines.push(
    "",
    `Budget: ${money(mandate.budget)} (secret)`,
    `Persona: ${mandate.persona || "(none)"}`,
    `Instructions: ${mandate.instructions || "(none)"}`,
  );
  lines.push(
    "",
    "Your wishes (only you see them):",
    ...describeWishes(mandate, kind).map((line) => `  ${line}`),
  );
  return lines.join("\n");
}

/** The participant file markets load (src/runner/load-participants.ts), money written as "$12.50". */
export function participantYaml(participant: Participant): string {
  const { mandate } = participant;
  const data = {
    id: participant.id,
    name: participant.name,
    mandate: {
      items: mandate.items.map((item) => ({
        id: item.id,
        title: item.title,
        ...(item.description ? { description: item.description } : {}),
        condition: item.condition,
        category: item.category,
        ...(item.flaws.length > 0 ? { flaws: item.flaws } : {}),
        askingPrice: money(item.askingPrice),
        reserve: money(item.reserve),
      })),
      wants: mandate.wants.map((want) => ({
        id: want.id,
        description: want.description,
        ...(want.category ? { category: want.category } : {}),
        keywords: want.keywords,
        maxPrice: money(want.maxPrice),
      })),
      budget: money(mandate.budget),
      persona: mandate.persona,
      instructions: mandate.instructions,
      ...(mandate.wishes ? { wishes: mandate.wishes } : {}),
    },
  };
  return `# Haggle participant, written by \`haggle interview\`. Reserves, max prices and the budget are secret.\n${stringify(data)}`;
}

/**
 * What a model returns at the end of an interview (structured output). Amounts are strings as people
 * write them ("$45"); `draftFromModel` reads and checks them.
 */
export const modelDraftSchema = z.object({
  name: z.string().describe("the person's name"),
  items: z
    .array(
      z.object({
        title: z.string().describe("what it is, short, e.g. Trek road bike"),
        description: z.string().describe("one sentence about it, or empty"),
        condition: z.enum(["new", "like-new", "good", "fair", "poor"]),
        category: z.string().describe("e.g. electronics, books, sports, home, or other"),
        flaws: z.array(z.string()).describe("flaws the person mentioned"),
        askingPrice: z.string().describe('asking price like "$45.00"'),
        reserve: z.string().describe('the least they accept, like "$35.00"'),
      }),
    )
    .describe("things to sell"),
  wants: z
    .array(
      z.object({
        description: z.string().describe("what they are looking for"),
        keywords: z.array(z.string()).describe("a few words a matching listing's title would contain"),
        maxPrice: z.string().describe('the most they pay, like "$60.00"'),
      }),
    )
    .describe("things to buy"),
  budget: z.string().describe('the total they may spend, like "$100.00"'),
  persona: z.string().describe("how the agent should come across, in the person's words"),
  instructions: z.string().describe("how to negotiate, in the person's words"),
});
export type ModelDraft = z.infer<typeof modelDraftSchema>;

/** Reads a model's draft into cents, listing every problem in words a person can answer. */
export function draftFromModel(raw: ModelDraft): { draft: InterviewDraft } | { problems: string[] } {
  const problems: string[] = [];
  const amount = (text: string, what: string): number => {
    try {
      if (/^\s*-/.test(text)) throw new Error("negative");
      return parseMoney(text.trim().replace(/^(?:US)?\$?\s*(?=\d)/i, "$")).cents;
    } catch {
      problems.push(`${what} "${text}" is not an amount of money`);
      return 0;
    }
  };
  const items = raw.items.map((item) => {
    const askingPrice = amount(item.askingPrice, `the asking price of ${item.title}`);
    const reserve = amount(item.reserve, `the least accepted for ${item.title}`);
    if (askingPrice === 0) problems.push(`the asking price of ${item.title} must be more than $0`);
    if (reserve > askingPrice && askingPrice > 0) {
      problems.push(
        `the least accepted for ${item.title} (${money(reserve)}) is above its asking price (${money(askingPrice)})`,
      );
    }
    return {
      title: item.title,
      description: item.description,
      condition: item.condition,
      category: item.category,
      flaws: item.flaws,
      askingPrice,
      reserve,
    };
  });
  const wants = raw.wants.map((want) => {
    const maxPrice = amount(want.maxPrice, `the most paid for ${want.description}`);
    if (maxPrice === 0) problems.push(`the most paid for ${want.description} must be more than $0`);
    return { description: want.description, keywords: want.keywords, maxPrice };
  });
  const budget = amount(raw.budget, "the budget");
  if (!raw.name.trim()) problems.push("the person's name is missing");
  if (items.length === 0 && wants.length === 0) problems.push("there is nothing to sell and nothing to buy");
  if (problems.length > 0) return { problems };
  return {
    draft: {
      name: raw.name.trim(),
      items,
      wants,
      budget,
      persona: raw.persona,
      instructions: raw.instructions,
    },
  };
}
