import { z } from "zod";
import { AnalysisInputError } from "../analysis/errors.ts";
import { chooseReference } from "../analysis/reference-tier.ts";
import { parseWith, ValidationError } from "../domain/validation.ts";
import { capsSchema } from "../engine/market-config.ts";
import { readConfigFile } from "./read-config-file.ts";
import {
  type AssignmentRule,
  assignmentSchema,
  durationSchema,
  llmRunSchema,
  populationSchema,
} from "./run-config.ts";

const armSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9._-]+$/, {
        error: "use letters, digits, dot, dash or underscore only (it names a folder)",
      }),
    /** Who represents whom in this arm: `all`, `random` by weight, or `explicit` per participant. */
    agents: assignmentSchema,
  })
  .strict();

/**
 * An experiment: the same people and items cloned into several arms (markets) that differ only in
 * which agents represent whom, each run `repetitions` times. Every field is checked; errors name it.
 */
export const experimentConfigSchema = z
  .object({
    name: z.string().min(1).max(80).default("experiment"),
    seed: z.number().int().nonnegative().default(1),
    repetitions: z.number().int().min(1).max(100).default(1),
    days: z.number().positive().max(365).default(7),
    start: z.iso
      .datetime({ error: 'an ISO date-time like "2026-01-05T09:00:00Z"' })
      .default("2026-01-05T09:00:00Z"),
    currency: z.string().length(3).default("USD"),
    population: populationSchema,
    arms: z
      .array(armSchema)
      .min(1, { error: "list at least one arm" })
      .refine((arms) => new Set(arms.map((arm) => arm.name)).size === arms.length, {
        error: "arm names must be unique: rename the repeated one",
      }),
    caps: capsSchema.partial().optional(),
    llm: llmRunSchema.optional(),
    /** Every arm's turn window, as in a market config ("1h"): model arms decide concurrently. */
    turnWindow: durationSchema.optional(),
    /**
     * The tier every other tier is compared with in the analysis (the weaker one). Optional when the
     * design or the names tell (see `chooseReference`); the config is refused when they cannot.
     */
    reference: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, context) => {
    const arms = config.arms.map((arm) => ({ id: arm.name, tiers: armTiers(arm.agents) }));
    const tiers = [...new Set(arms.flatMap((arm) => arm.tiers))].sort();
    if (config.reference !== undefined && !tiers.includes(config.reference)) {
      context.addIssue({
        code: "custom",
        path: ["reference"],
        message: `no arm uses ${config.reference}: name one of ${tiers.join(", ")}`,
      });
      return;
    }
    try {
      chooseReference(arms, { config: config.reference });
    } catch (error) {
      if (!(error instanceof AnalysisInputError)) throw error;
      const message = error.message.replace(" (or reference: in the experiment config)", "");
      context.addIssue({
        code: "custom",
        path: ["reference"],
        message: message.replace("Name it with --reference <tier>", "Name it with reference: <tier>"),
      });
    }
  });

/** The agent specs an arm can give its people. */
function armTiers(rule: AssignmentRule): string[] {
  if ("all" in rule) return [rule.all];
  if ("random" in rule) return Object.keys(rule.random);
  return [...new Set([...Object.values(rule.explicit), ...(rule.default ? [rule.default] : [])])];
}

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;

export async function loadExperimentConfig(path: string): Promise<ExperimentConfig> {
  return parseExperimentConfig(await readConfigFile(path), path);
}

export function parseExperimentConfig(input: unknown, source = "experiment config"): ExperimentConfig {
  if (input !== null && typeof input === "object" && !("arms" in input) && "agents" in input) {
    throw new ValidationError(
      `${source} is a market config (it has agents but no arms): run one market with haggle run --config ${source}, or list arms to make it an experiment`,
      [{ path: "arms", message: "missing: this is a market config; use haggle run --config" }],
    );
  }
  return parseWith(experimentConfigSchema, input, source);
}
