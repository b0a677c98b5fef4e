import type { Command } from "commander";
import {
  resolveSetup,
  type SetupOverrides,
  UnknownItemError,
} from "../../../agents/builtin/negotiation-setup.ts";
import {
  buyerLimitOf,
  type NegotiationResult,
  type NegotiationSetup,
  runNegotiation,
} from "../../../agents/builtin/run-negotiation.ts";
import { ModuleAgentError } from "../../../agents/module-agent.ts";
import { AgentSpecError, agentSpecHelp, createAgent, preflightAgentSpecs } from "../../../agents/registry.ts";
import { formatMoney, parseMoney } from "../../../domain/money.ts";
import { counted } from "../../../domain/plural.ts";
import { createRng, hashString } from "../../../domain/random.ts";
import { FIRST_NAMES } from "../../../runner/names.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";
import { terminalText as safe } from "../terminal-text.ts";

export interface NegotiateOptions {
  seller: string;
  buyer: string;
  item: string;
  seed?: number;
  asking?: string;
  reserve?: string;
  maxPrice?: string;
  budget?: string;
  sellerPersona?: string;
  buyerPersona?: string;
}

export interface NegotiateOutput {
  setup: NegotiationSetup;
  seller: { spec: string; name: string };
  buyer: { spec: string; name: string };
  seed: number;
  result: NegotiationResult;
}

function money(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseMoney(value).cents;
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

/** Runs one negotiation as `haggle negotiate` does; errors a user can fix become UsageErrors. */
export async function negotiate(options: NegotiateOptions): Promise<NegotiateOutput> {
  const seed = options.seed ?? 1;
  const rng = createRng(hashString(`negotiate:${seed}`));
  const overrides: SetupOverrides = {};
  const asking = money(options.asking, "--asking");
  const reserve = money(options.reserve, "--reserve");
  const maxPrice = money(options.maxPrice, "--max-price");
  const budget = money(options.budget, "--budget");
  if (asking !== undefined) overrides.askingPrice = asking;
  if (reserve !== undefined) overrides.reserve = reserve;
  if (maxPrice !== undefined) overrides.maxPrice = maxPrice;
  if (budget !== undefined) overrides.budget = budget;
  let setup: NegotiationSetup;
  try {
    setup = resolveSetup(options.item, rng.fork("setup"), overrides);
  } catch (error) {
    if (error instanceof UnknownItemError) throw new UsageError(error.message);
    throw error;
  }
  const names = rng.fork("names").shuffle(FIRST_NAMES);
  setup = {
    ...setup,
    sellerName: names[0]!,
    buyerName: names[1]!,
    ...(options.sellerPersona ? { sellerPersona: options.sellerPersona } : {}),
    ...(options.buyerPersona ? { buyerPersona: options.buyerPersona } : {}),
  };
  const make = async (spec: string, participantId: string, agentSeed: number) => {
    try {
      return await createAgent(spec, { participantId, seed: agentSeed });
    } catch (error) {
      if (error instanceof AgentSpecError || error instanceof ModuleAgentError)
        throw new UsageError(error.message);
      throw error;
    }
  };
  // A missing key or an unreachable model server is said at once, as `haggle run` does, rather than
  // after every turn has timed out and the negotiation reported as "No deal".
  try {
    await preflightAgentSpecs([options.seller, options.buyer]);
  } catch (error) {
    if (error instanceof AgentSpecError) throw new UsageError(error.message);
    throw error;
  }
  const seller = await make(options.seller, "seller", hashString(`seller:${seed}`));
  const buyer = await make(options.buyer, "buyer", hashString(`buyer:${seed}`));
  const result = await runNegotiation({ setup, seller, buyer }).finally(() =>
    Promise.all([seller.close?.(), buyer.close?.()]),
  );
  return {
    setup,
    seller: { spec: options.seller, name: setup.sellerName! },
    buyer: { spec: options.buyer, name: setup.buyerName! },
    seed,
    result,
  };
}

const advantage = (value: number | null): string => (value === null ? "n/a" : value.toFixed(2));

/** The transcript and outcome as people read them. */
export function formatNegotiation(output: NegotiateOutput): string {
  const { setup, result, seller, buyer } = output;
  const { item } = setup;
  const currency = setup.currency ?? "USD";
  const $ = (cents: number): string => formatMoney(cents, currency);
  const limit = buyerLimitOf(setup);
  const details = [
    item.condition,
    item.ageYears !== undefined ? `${item.ageYears} year${item.ageYears === 1 ? "" : "s"} old` : undefined,
    item.flaws.length ? `flaw: ${item.flaws.map(safe).join(", ")}` : undefined,
  ].filter(Boolean);
  const lines = [
    `${safe(item.title)} (${details.join("; ")})`,
    `Seller ${safe(seller.name)} (${safe(seller.spec)}): asking ${$(item.askingPrice)}, reserve ${$(item.reserve)} (secret)`,
    `Buyer ${safe(buyer.name)} (${safe(buyer.spec)}): max price ${$(setup.buyer.maxPrice)}${setup.buyer.budget !== undefined ? `, budget ${$(setup.buyer.budget)}` : ""} (secret)`,
    result.scores.dealPossible
      ? `Zone of agreement: ${$(item.reserve)} to ${$(limit)}`
      : `No zone of agreement: the buyer's limit ${$(limit)} is below the reserve ${$(item.reserve)}`,
    "",
  ];
  for (const line of result.transcript) {
    if (line.kind === "listing" || line.kind === "want-ad") continue;
    // Agent-written words and names: one line each, with no control or invisible character raw.
    const who = safe(line.name).padEnd(6);
    const text = line.text ? `  "${safe(line.text)}"` : "";
    switch (line.kind) {
      case "offer":
        lines.push(`${who} offers ${$(line.price!)}${text}`);
        break;
      case "accept":
        lines.push(`${who} accepts ${$(line.price!)}${text}`);
        break;
      case "confirm":
        lines.push(`${who} confirms the deal${text}`);
        break;
      case "decline":
        lines.push(`${who} walks away${text}`);
        break;
      case "refused":
        lines.push(`${who} (refused by the market: ${safe(line.code ?? "")})`);
        break;
      default:
        lines.push(`${who} says${text}`);
    }
  }
  lines.push("");
  if (result.agreed) {
    lines.push(`Agreed at ${$(result.price!)} after ${counted(result.rounds, "round")}.`);
  } else {
    const who = result.walkedAway
      ? safe(result.walkedAway === "seller" ? seller.name : buyer.name)
      : undefined;
    lines.push(`No deal after ${counted(result.rounds, "round")}${who ? ` (${who} walked away)` : ""}.`);
  }
  lines.push(
    `Advantage (u - r)/(max - r): seller ${safe(seller.name)} ${advantage(result.scores.sellerAdvantage)}, buyer ${safe(buyer.name)} ${advantage(result.scores.buyerAdvantage)}`,
  );
  return lines.join("\n");
}

export function register(program: Command): void {
  program
    .command("negotiate")
    .description("Run one negotiation between two agents over one item and print the transcript")
    .requiredOption("--seller <agent>", `the seller's agent: ${agentSpecHelp()}`)
    .requiredOption("--buyer <agent>", "the buyer's agent (same choices)")
    .requiredOption(
      "--item <item>",
      "a catalogue id, or a JSON item file (title, askingPrice, reserve, maxPrice, ...)",
    )
    .option("--seed <n>", "seed for the limits, names and words", "1")
    .option("--asking <amount>", "override the asking price, e.g. $120")
    .option("--reserve <amount>", "override the seller's reserve")
    .option("--max-price <amount>", "override the buyer's max price")
    .option("--budget <amount>", "override the buyer's budget")
    .option("--seller-persona <text>", "the seller's persona and style, in words")
    .option("--buyer-persona <text>", "the buyer's persona and style, in words")
    .option("--json", "machine-readable output")
    .action(async (options: Omit<NegotiateOptions, "seed"> & { seed: string; json?: boolean }) => {
      for (const spec of [options.seller, options.buyer]) {
        if (spec.trim() === "remote") {
          throw new UsageError(
            '"remote" agents are played from outside, over MCP, in a live market (haggle run with clock: wall); negotiate runs two agents in this process',
          );
        }
      }
      const seed = Number(options.seed);
      if (!Number.isSafeInteger(seed))
        throw new UsageError(`--seed must be an integer, got "${options.seed}"`);
      const output = await negotiate({ ...options, seed });
      const { events: _events, ...result } = output.result;
      emit(Boolean(options.json), { ...output, result }, () => formatNegotiation(output));
    });
}
