import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { checkDealRows, type DroppedRow } from "./deal-checks.ts";
import type { ArmRecords } from "./deal-record.ts";
import { readDealsFile } from "./deals-file.ts";
import { AnalysisInputError, failInput } from "./errors.ts";

/** One market of the analysis with its records; `id` is unique across the input. */
export interface ArmInput {
  /** The market's id, e.g. "mixed-2": every record's `arm` is rewritten to it. */
  id: string;
  /** The config arm it repeats, e.g. "mixed": arms with the same name are repetitions. */
  arm: string;
  repetition: number;
  /** Its run folder, when the input is a folder. */
  dir?: string;
  records: ArmRecords;
}

export interface AnalysisInput {
  kind: "experiment" | "run" | "deals-file";
  /** The folder or file given. */
  path: string;
  name: string;
  seed?: number;
  currency: string;
  /** The reference tier named by the experiment config (`reference:`), if any. */
  reference?: string;
  arms: ArmInput[];
  /** Arms of the experiment left out, e.g. one that failed or has not finished, and why. */
  skipped?: { id: string; reason: string }[];
  /** Rows left out as exact repeats of earlier ones (only with `dedupe`). */
  dropped?: DroppedRow[];
}

export interface ReadInputOptions {
  loadRecords?: RecordsLoader;
  /** Drop deals that repeat an earlier one exactly instead of refusing the input. */
  dedupe?: boolean;
}

/** `experiment.json`, written by `haggle experiment run`. */
export const experimentFileSchema = z.object({
  name: z.string().min(1),
  seed: z.number().int(),
  arms: z
    .array(
      z.object({
        id: z.string().min(1),
        arm: z.string().min(1),
        repetition: z.number().int().nonnegative(),
        dir: z.string().min(1),
        /** Written by `haggle experiment run`; arms not "finished" are skipped when they have no records. */
        status: z.string().optional(),
      }),
    )
    .min(1, { error: "an experiment needs at least one arm" }),
  /** The config it ran; only `reference` is read here. */
  config: z.looseObject({ reference: z.string().min(1).optional() }).optional(),
});
export type ExperimentFile = z.infer<typeof experimentFileSchema>;

const cents = z.number().int().nonnegative();
const dealSchema = z.looseObject({
  arm: z.string(),
  item: z.string(),
  seller: z.string(),
  buyer: z.string(),
  sellerTier: z.string(),
  buyerTier: z.string(),
  price: cents,
  reserve: cents.optional(),
  maxPrice: cents.optional(),
  askingPrice: cents.optional(),
});
const listingSchema = z.looseObject({
  arm: z.string(),
  item: z.string(),
  title: z.string(),
  seller: z.string(),
  sellerTier: z.string(),
  askingPrice: cents,
  reserve: cents,
  sold: z.boolean(),
  price: cents.optional(),
});
const wantSchema = z.looseObject({
  arm: z.string(),
  buyer: z.string(),
  buyerTier: z.string(),
  wantId: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  maxPrice: cents,
  budget: cents,
});
export const armRecordsSchema = z.object({
  deals: z.array(dealSchema),
  listings: z.array(listingSchema).default([]),
  wants: z.array(wantSchema).default([]),
  usage: z
    .array(
      z.looseObject({
        participant: z.string(),
        spec: z.string(),
        calls: z.number(),
        inputTokens: z.number(),
        outputTokens: z.number(),
        cachedInputTokens: z.number(),
        costCents: z.number(),
      }),
    )
    .optional(),
});

/** Rebuilds an arm's records when its folder has no records.json (e.g. runs from before it existed). */
export type RecordsLoader = (dir: string, arm: string) => Promise<ArmRecords>;

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new AnalysisInputError(`${path}: cannot read ${what}: ${(error as Error).message}`, [
      { path, message: (error as Error).message },
    ]);
  }
}

function relabel(records: ArmRecords, id: string): ArmRecords {
  return {
    deals: records.deals.map((deal) => ({ ...deal, arm: id })),
    listings: records.listings.map((listing) => ({ ...listing, arm: id })),
    wants: records.wants.map((want) => ({ ...want, arm: id })),
  };
}

/**
 * The checks of deal-checks.ts on an arm's records: repeated deals, self-deals, a person with two
 * tiers. Exact repeats are dropped into `dropped` with `dedupe`.
 */
function checkedRecords(
  records: ArmRecords,
  source: string,
  options: ReadInputOptions,
  dropped: DroppedRow[],
): ArmRecords {
  const checked = checkDealRows(
    source,
    records.deals.map((deal, i) => ({ deal, where: `deals[${i}]` })),
    {
      ...(options.dedupe ? { dedupe: true } : {}),
      listings: records.listings.map((record, i) => ({ record, where: `listings[${i}]` })),
      wants: records.wants.map((record, i) => ({ record, where: `wants[${i}]` })),
    },
  );
  dropped.push(...checked.dropped);
  return checked.dropped.length > 0 ? { ...records, deals: checked.deals } : records;
}

async function readArmRecords(
  dir: string,
  arm: string,
  loader: RecordsLoader | undefined,
  options: ReadInputOptions = {},
  dropped: DroppedRow[] = [],
): Promise<ArmRecords> {
  const file = join(dir, "records.json");
  if (!existsSync(file)) {
    if (loader && existsSync(join(dir, "run.json")))
      return checkedRecords(await loader(dir, arm), join(dir, "(run log)"), options, dropped);
    throw new AnalysisInputError(
      `${dir} has no records.json: the arm "${arm}" has not finished; resume it with haggle resume ${dir}`,
      [{ path: file, message: "missing" }],
    );
  }
  const parsed = armRecordsSchema.safeParse(await readJson(file, "the records"));
  if (!parsed.success) {
    failInput(
      file,
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
  return checkedRecords(parsed.data as unknown as ArmRecords, file, options, dropped);
}

async function currencyOf(dir: string): Promise<string | undefined> {
  const file = join(dir, "run.json");
  if (!existsSync(file)) return undefined;
  try {
    const run = JSON.parse(await readFile(file, "utf8")) as { config?: { currency?: unknown } };
    return typeof run.config?.currency === "string" ? run.config.currency : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads what `haggle analyze` was given: an experiment folder (experiment.json and a run folder per
 * arm), one run folder (run.json and records.json), or a `.csv`/`.jsonl` deals file.
 */
export async function readAnalysisInput(
  path: string,
  options: ReadInputOptions = {},
): Promise<AnalysisInput> {
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new AnalysisInputError(
      `${path} does not exist: give an experiment folder, a run folder or a deals file (or, with --db, a distributed experiment's schema or name)`,
      [{ path, message: "not found" }],
    );
  }
  if (statSync(full).isFile()) {
    const records = await readDealsFile(full, options.dedupe ? { dedupe: true } : {});
    const ids = [...new Set(records.deals.map((deal) => deal.arm))].sort();
    return {
      kind: "deals-file",
      path: full,
      name: basename(full).replace(/\.[^.]+$/, ""),
      currency: records.currency ?? "USD",
      ...(records.dropped.length > 0 ? { dropped: records.dropped } : {}),
      arms: ids.map((id) => ({
        id,
        arm: id,
        repetition: 1,
        records: { deals: records.deals.filter((deal) => deal.arm === id), listings: [], wants: [] },
      })),
    };
  }
  const experimentFile = join(full, "experiment.json");
  if (existsSync(experimentFile)) {
    const parsed = experimentFileSchema.safeParse(await readJson(experimentFile, "the experiment"));
    if (!parsed.success) {
      failInput(
        experimentFile,
        parsed.error.issues.map((issue) => ({
          path: issue.path.join(".") || "(root)",
          message: issue.message,
        })),
      );
    }
    const experiment = parsed.data;
    const seen = new Set<string>();
    for (const arm of experiment.arms) {
      if (seen.has(arm.id))
        failInput(experimentFile, [
          { path: "arms", message: `duplicate arm id "${arm.id}": arm ids must be unique` },
        ]);
      seen.add(arm.id);
    }
    const arms: ArmInput[] = [];
    const skipped: { id: string; reason: string }[] = [];
    const dropped: DroppedRow[] = [];
    const currencies: { id: string; currency: string }[] = [];
    for (const arm of experiment.arms) {
      const dir = resolve(full, arm.dir);
      const unfinished = arm.status !== undefined && arm.status !== "finished";
      if (unfinished && !existsSync(join(dir, "records.json"))) {
        skipped.push({ id: arm.id, reason: `the arm is ${arm.status} and has no records.json` });
        continue;
      }
      const records = await readArmRecords(dir, arm.id, options.loadRecords, options, dropped);
      const currency = await currencyOf(dir);
      if (currency) currencies.push({ id: arm.id, currency });
      arms.push({
        id: arm.id,
        arm: arm.arm,
        repetition: arm.repetition,
        dir,
        records: relabel(records, arm.id),
      });
    }
    if (arms.length === 0) {
      throw new AnalysisInputError(
        `${path}: no arm of the experiment has finished (${skipped.map((s) => `${s.id}: ${s.reason}`).join("; ")})`,
        skipped.map((s) => ({ path: s.id, message: s.reason })),
      );
    }
    const distinct = [...new Set(currencies.map((c) => c.currency))].sort();
    if (distinct.length > 1) {
      failInput(
        experimentFile,
        distinct.map((currency) => ({
          path: `arms ${currencies
            .filter((c) => c.currency === currency)
            .map((c) => c.id)
            .join(", ")}`,
          message: `run in ${currency}, while other arms ran in ${distinct.filter((c) => c !== currency).join(", ")}: amounts in different currencies cannot be added up`,
        })),
      );
    }
    return {
      kind: "experiment",
      path: full,
      name: experiment.name,
      seed: experiment.seed,
      currency: distinct[0] ?? "USD",
      ...(experiment.config?.reference ? { reference: experiment.config.reference } : {}),
      arms,
      ...(skipped.length > 0 ? { skipped } : {}),
      ...(dropped.length > 0 ? { dropped } : {}),
    };
  }
  if (existsSync(join(full, "records.json")) || existsSync(join(full, "run.json"))) {
    const dropped: DroppedRow[] = [];
    const records = await readArmRecords(full, basename(full), options.loadRecords, options, dropped);
    const id = records.deals[0]?.arm ?? records.listings[0]?.arm ?? basename(full);
    return {
      kind: "run",
      path: full,
      name: basename(full),
      currency: (await currencyOf(full)) ?? "USD",
      arms: [{ id, arm: id, repetition: 1, dir: full, records: relabel(records, id) }],
      ...(dropped.length > 0 ? { dropped } : {}),
    };
  }
  throw new AnalysisInputError(
    `${path} is neither an experiment folder (experiment.json) nor a run folder (run.json, records.json)`,
    [{ path, message: "not an analysis input" }],
  );
}

/** All arms' records in one set. */
export function mergeRecords(arms: readonly ArmInput[]): ArmRecords {
  return {
    deals: arms.flatMap((arm) => arm.records.deals),
    listings: arms.flatMap((arm) => arm.records.listings),
    wants: arms.flatMap((arm) => arm.records.wants),
    ...(arms.some((arm) => arm.records.usage)
      ? { usage: arms.flatMap((arm) => arm.records.usage ?? []) }
      : {}),
  };
}
