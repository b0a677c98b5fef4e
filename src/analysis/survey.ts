import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import { CsvSyntaxError, parseCsv } from "./csv.ts";
import type { DealRecord } from "./deal-record.ts";
import { normaliseHeader } from "./deals-file.ts";
import { AnalysisInputError, failInput } from "./errors.ts";

/**
 * People's ratings of their deals, imported from a CSV with the columns
 * arm, deal_id, participant, fairness (1-7), satisfaction (1-7), would_pay (yes/no),
 * and stored as `<folder>/survey.json`.
 */
export const SURVEY_COLUMNS = [
  "arm",
  "deal_id",
  "participant",
  "fairness",
  "satisfaction",
  "would_pay",
] as const;

/** A 1-7 rating; a blank cell is a question the person left unanswered. */
const scale = (what: string) =>
  z.string().transform((value, ctx): number | undefined => {
    if (value.trim() === "") return undefined;
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < 1 || n > 7) {
      ctx.addIssue({ code: "custom", message: `${what} must be a whole number from 1 to 7, got "${value}"` });
      return z.NEVER;
    }
    return n;
  });

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

export const surveyRowSchema = z.object({
  arm: z.string().trim().min(1, { error: "arm cannot be empty: write the arm id, e.g. mixed-2" }),
  deal_id: z.string().trim().min(1, { error: "deal_id cannot be empty: write the deal's id, e.g. D12" }),
  participant: z.string().trim().min(1, { error: "participant cannot be empty: write the person's id" }),
  fairness: scale("fairness"),
  satisfaction: scale("satisfaction"),
  would_pay: z.string().transform((value, ctx): boolean | undefined => {
    const v = value.trim().toLowerCase();
    if (v === "") return undefined;
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    ctx.addIssue({ code: "custom", message: `would_pay must be yes or no, got "${value}"` });
    return z.NEVER;
  }),
});

export const surveyResponseSchema = z.object({
  arm: z.string().min(1),
  dealId: z.string().min(1),
  participant: z.string().min(1),
  /** Each answer is absent when the person left that question blank. */
  fairness: z.number().int().min(1).max(7).optional(),
  satisfaction: z.number().int().min(1).max(7).optional(),
  wouldPay: z.boolean().optional(),
});
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

/** What `survey.json` holds. */
export const surveyFileSchema = z.object({
  version: z.literal(1),
  /** The file imported last. */
  source: z.string(),
  /** Every file imported into it, in order (absent in files written before imports merged). */
  sources: z.array(z.string()).optional(),
  importedAt: z.string(),
  responses: z.array(surveyResponseSchema),
});
export type SurveyFile = z.infer<typeof surveyFileSchema>;

/**
 * Parses survey CSV text. With `deals`, also checks that each row names a deal of that arm and one of
 * its two parties, and that nobody rates the same deal twice. Blank answers are allowed; a row that
 * answers nothing is skipped.
 */
export function parseSurveyCsv(
  content: string,
  source: string,
  deals?: readonly DealRecord[],
): SurveyResponse[] {
  return parseSurvey(content, source, deals).responses;
}

/** What `parseSurveyCsv` reads, and the lines of rows that answered none of the questions. */
export function parseSurvey(
  content: string,
  source: string,
  deals?: readonly DealRecord[],
): { responses: SurveyResponse[]; unanswered: number[] } {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      failInput(source, [{ path: `line ${error.line}`, message: error.message }]);
    throw error;
  }
  const header = rows[0];
  if (!header)
    failInput(source, [
      { path: "line 1", message: `the file is empty: write the header ${SURVEY_COLUMNS.join(",")}` },
    ]);
  const columns = header.cells.map(normaliseHeader);
  const issues: { path: string; message: string }[] = [];
  columns.forEach((column, index) => {
    if (!(SURVEY_COLUMNS as readonly string[]).includes(column)) {
      issues.push({
        path: `line ${header.line}, column ${index + 1} "${header.cells[index]}"`,
        message: `unknown column: expected ${SURVEY_COLUMNS.join(", ")}`,
      });
    }
  });
  for (const required of SURVEY_COLUMNS) {
    if (!columns.includes(required))
      issues.push({ path: `line ${header.line}`, message: `missing the column "${required}"` });
  }
  if (issues.length > 0) failInput(source, issues);
  const index = new Map<string, DealRecord>();
  for (const deal of deals ?? []) if (deal.dealId) index.set(`${deal.arm}|${deal.dealId}`, deal);
  const arms = new Set((deals ?? []).map((deal) => deal.arm));
  const seen = new Map<string, number>();
  const responses: SurveyResponse[] = [];
  const unanswered: number[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== columns.length) {
      issues.push({
        path: `line ${row.line}`,
        message: `has ${row.cells.length} cells but the header has ${columns.length}`,
      });
      continue;
    }
    const object = Object.fromEntries(columns.map((column, i) => [column, row.cells[i]!]));
    const parsed = surveyRowSchema.safeParse(object);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({
          path: `line ${row.line}, column "${String(issue.path[0] ?? "")}"`,
          message: issue.message,
        });
      }
      continue;
    }
    const r = parsed.data;
    if (deals) {
      if (!arms.has(r.arm)) {
        issues.push({
          path: `line ${row.line}, column "arm"`,
          message: `no arm "${r.arm}" in this folder: use one of ${[...arms].sort().join(", ")}`,
        });
        continue;
      }
      const deal = index.get(`${r.arm}|${r.deal_id}`);
      if (!deal) {
        issues.push({
          path: `line ${row.line}, column "deal_id"`,
          message: `no deal "${r.deal_id}" in arm "${r.arm}": check the id in tables/deals or haggle show`,
        });
        continue;
      }
      if (r.participant !== deal.seller && r.participant !== deal.buyer) {
        issues.push({
          path: `line ${row.line}, column "participant"`,
          message: `"${r.participant}" is not a party to deal ${r.deal_id} (seller ${deal.seller}, buyer ${deal.buyer})`,
        });
        continue;
      }
    }
    const key = `${r.arm}|${r.deal_id}|${r.participant}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: `line ${row.line}`,
        message: `${r.participant} already rated deal ${r.deal_id} in arm ${r.arm} on line ${first}: keep one row`,
      });
      continue;
    }
    seen.set(key, row.line);
    if (r.fairness === undefined && r.satisfaction === undefined && r.would_pay === undefined) {
      unanswered.push(row.line);
      continue;
    }
    responses.push({
      arm: r.arm,
      dealId: r.deal_id,
      participant: r.participant,
      ...(r.fairness !== undefined ? { fairness: r.fairness } : {}),
      ...(r.satisfaction !== undefined ? { satisfaction: r.satisfaction } : {}),
      ...(r.would_pay !== undefined ? { wouldPay: r.would_pay } : {}),
    });
  }
  if (issues.length > 0) failInput(source, issues);
  if (responses.length === 0)
    failInput(source, [
      {
        path: "(file)",
        message:
          unanswered.length > 0
            ? "no row answers any of fairness, satisfaction, would_pay"
            : "has a header but no responses",
      },
    ]);
  return { responses, unanswered };
}

export function surveyPath(folder: string): string {
  return join(folder, "survey.json");
}

/** Writes `<folder>/survey.json` atomically. */
export async function writeSurvey(folder: string, survey: SurveyFile): Promise<string> {
  const path = surveyPath(folder);
  await writeFile(`${path}.tmp`, `${JSON.stringify(survey, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
  return path;
}

/** Reads `<folder>/survey.json` when there is one. */
export async function readSurvey(folder: string): Promise<SurveyFile | undefined> {
  const path = surveyPath(folder);
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new AnalysisInputError(`${path} is not valid JSON: re-import the survey`, [
      { path, message: (error as Error).message },
    ]);
  }
  const parsed = surveyFileSchema.safeParse(value);
  if (!parsed.success) {
    failInput(
      basename(path),
      parsed.error.issues.map((issue) => ({
        path: issue.path.join(".") || "(root)",
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
