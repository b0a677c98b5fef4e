import type { Command } from "commander";
import { parseUtterance, type Understanding } from "../../../agents/builtin/understanding/parse-utterance.ts";
import { formatMoney, parseMoney } from "../../../domain/money.ts";
import { emit } from "../output.ts";
import { terminalText } from "../terminal-text.ts";

interface ParseOptions {
  json?: boolean;
  last?: string;
  theirLast?: string;
  currency?: string;
}

/** The human view of an understanding, one fact a line. */
export function describeUnderstanding(u: Understanding, currency = "USD"): string {
  const money = (cents: number) => formatMoney(cents, currency);
  const lines = [`intent:      ${u.intent}`];
  lines.push(`price:       ${u.price !== undefined ? money(u.price) : "-"}`);
  if (u.range) lines.push(`range:       ${money(u.range.low)} to ${money(u.range.high)}`);
  if (u.bound) lines.push(`bound:       ${u.bound.kind} ${money(u.bound.price)}`);
  if (u.conditions.length > 0) lines.push(`conditions:  ${u.conditions.map(terminalText).join(", ")}`);
  for (const r of u.references) lines.push(`reference:   ${money(r.price)} (${terminalText(r.what)})`);
  for (const i of u.ignored) lines.push(`ignored:     "${terminalText(i.text)}" (${terminalText(i.reason)})`);
  lines.push(`question:    ${u.isQuestion ? "yes" : "no"}`);
  lines.push(`confidence:  ${u.confidence.toFixed(2)}`);
  return lines.join("\n");
}

export function register(program: Command): void {
  program
    .command("parse")
    .description("Show how the built-in understanding reads a message: intent, prices, conditions")
    .argument("<text>", "the message, quoted")
    .option("--last <price>", 'the listener\'s own last price, e.g. "$60" (for "deal", "$10 off")')
    .option("--their-last <price>", 'the speaker\'s last price, e.g. "$40" (for "meet in the middle")')
    .option("--currency <code>", "currency of bare numbers, e.g. USD, EUR, GBP")
    .option("--json", "machine-readable output")
    .action((text: string, options: ParseOptions) => {
      const last =
        options.last !== undefined ? parseMoney(options.last, options.currency ?? "USD") : undefined;
      const theirLast =
        options.theirLast !== undefined
          ? parseMoney(options.theirLast, options.currency ?? "USD")
          : undefined;
      const currency = (options.currency ?? last?.currency ?? theirLast?.currency ?? "USD").toUpperCase();
      const understanding = parseUtterance(text, {
        ...(last ? { lastPrice: last.cents } : {}),
        ...(theirLast ? { counterpartLastPrice: theirLast.cents } : {}),
        currency,
      });
      emit(options.json === true, understanding, () => describeUnderstanding(understanding, currency));
    });
}
