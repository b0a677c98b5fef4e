import { z } from "zod";
import { AgentSpecError, parseAgentSpec } from "../agents/registry.ts";
import { moneyInputSchema } from "../domain/money.ts";
import { capsSchema } from "../engine/market-config.ts";

const range = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .refine(([min, max]) => min <= max, { error: "write [min, max] with min <= max" });

/**
 * An agent spec, checked by the registry's parser (the one grammar of specs): an unknown one fails
 * with the field's path and the valid specs. "test:<name>" specs pass, for tests that make their agents.
 */
function agentSpecProblem(spec: string): string | undefined {
  try {
    parseAgentSpec(spec);
    return undefined;
  } catch (error) {
    if (error instanceof AgentSpecError) return error.message;
    throw error;
  }
}

const agentSpec = z.string().superRefine((spec, context) => {
  const problem = agentSpecProblem(spec);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/** How each person gets an agent: everyone the same, a seeded random draw by weight, or by id. */
export const assignmentSchema = z.union([
  z.object({ all: agentSpec }).strict(),
  z
    .object({
      // Keys checked here rather than by a key schema, so an error names the spec's field.
      random: z
        .record(z.string(), z.number().positive({ error: "weights must be positive" }))
        .superRefine((weights, context) => {
          for (const spec of Object.keys(weights)) {
            const problem = agentSpecProblem(spec);
            if (problem) context.addIssue({ code: "custom", path: [spec], message: problem });
          }
        }),
    })
    .strict(),
  z.object({ explicit: z.record(z.string(), agentSpec), default: agentSpec.optional() }).strict(),
]);
export type AssignmentRule = z.infer<typeof assignmentSchema>;

export type PopulationConfig = z.infer<typeof populationSchema>;

/**
 * The most people one market may have. A market keeps every person, listing, thread and event in
 * memory (about 2 GiB at 6,900 people, README "Benchmarks") and records every mandate in run.json
 * (about 5.6 kB a person, which at ~95,000 people passes the longest string Node can write), so a
 * bigger one would fail late, after minutes of work, or run out of memory.
 */
export const MAX_MARKET_PARTICIPANTS = 20_000;
export const TOO_MANY_PARTICIPANTS = `at most ${MAX_MARKET_PARTICIPANTS.toLocaleString("en-US")} people in one market: a market keeps everyone in memory (about 2 GiB for 7,000 people) and records every mandate in run.json; run several smaller markets instead`;

const populationKinds = z.union([
  z
    .object({
      generate: z
        .object({
          participants: z
            .number()
            .int()
            .min(2, { error: "a market needs at least 2 participants" })
            .max(MAX_MARKET_PARTICIPANTS, { error: TOO_MANY_PARTICIPANTS }),
          itemsPerPerson: range.default([7, 9]),
          wantsPerPerson: range.default([3, 5]),
          budget: moneyInputSchema.default(100_00),
          matchShare: z.number().min(0).max(1).optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      /** Participant YAML files (the interview's output), relative to the config file. */
      files: z.array(z.string().min(1)).min(1, { error: "list at least one participant file" }),
    })
    .strict(),
]);

/**
 * Who is in the market: `generate` (people made from the catalogue) or `files` (participant files),
 * exactly one of them; an error says which, rather than that neither shape matched.
 */
export const populationSchema = z.preprocess((value, ctx) => {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const has = (key: string) => key in value;
    if (has("generate") && has("files")) {
      ctx.addIssue({
        code: "custom",
        message:
          "has both generate and files: keep generate (people made from the catalogue) or files (participant files), not both",
      });
      return z.NEVER;
    }
    if (!has("generate") && !has("files")) {
      ctx.addIssue({
        code: "custom",
        message:
          "needs generate (e.g. generate: { participants: 20 }) or files (a list of participant files)",
      });
      return z.NEVER;
    }
  }
  return value;
}, populationKinds);

/** Limits for the run's model agents (`llm:` specs): a stop with a clear message when one is reached. */
export const llmRunSchema = z
  .object({
    maxCalls: z.number().int().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
    /** Estimated cost in cents, e.g. 500 for $5. */
    maxCostCents: z.number().positive().optional(),
    /** Tell the model its exact reserve, max price and budget (by default it gets a target only). */
    revealLimits: z.boolean().optional(),
    /** Model calls in flight at once, per provider (default 8); rate limits are honoured on top. */
    concurrency: z
      .number()
      .int({ error: "concurrency is a whole number of calls" })
      .min(1, { error: "concurrency must be at least 1" })
      .max(1_000)
      .optional(),
  })
  .strict();

/**
 * A span of market time: "30s", "5m", "2h", or a number of minutes. Turns into milliseconds.
 */
export const durationSchema = z.union([z.number().nonnegative(), z.string()]).transform((value, context) => {
  if (typeof value === "number") return Math.round(value * 60_000);
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)\s*$/.exec(value);
  if (!match) {
    context.addIssue({
      code: "custom",
      message: 'write a span like "30s", "5m" or "2h" (or a number of minutes)',
    });
    return z.NEVER;
  }
  const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as "s" | "m" | "h"];
  return Math.round(Number(match[1]) * unit);
});

/** Where a virtual-clock market starts when the config does not say: fixed, so runs replay. */
export const DEFAULT_START = "2026-01-05T09:00:00Z";

/** A market run, as written in YAML. Every field is checked; errors name it and the fix. */
export const runConfigSchema = z
  .object({
    name: z.string().min(1).max(80).default("market"),
    seed: z.number().int().nonnegative().default(1),
    /** Length of the market, in market days. */
    days: z.number().positive().max(365).default(7),
    /**
     * "virtual": the market runs as fast as the agents answer (a week in seconds). "wall": it runs in
     * step with the wall clock, `speed` market seconds to a real one, for markets people watch or join.
     */
    clock: z.enum(["virtual", "wall"], { error: 'write "virtual" or "wall"' }).default("virtual"),
    /** With clock "wall": market seconds per real second (1 = real time, 60 = a market hour a minute). */
    speed: z
      .number()
      .positive({ error: "speed must be a positive number of market seconds per second" })
      .optional(),
    /** Market clock start, ISO date; by default a fixed date, or now for a wall-clock market. */
    start: z.iso.datetime({ error: 'an ISO date-time like "2026-01-05T09:00:00Z"' }).optional(),
    currency: z.string().length(3).default("USD"),
    population: populationSchema,
    agents: assignmentSchema.default({ all: "engine:strong" }),
    caps: capsSchema.partial().optional(),
    llm: llmRunSchema.optional(),
    /**
     * The market mirrored to a Slack channel: checked by the Slack mirror (`src/interfaces/slack`,
     * `slackConfigSchema`), which the runner may not import. Only for a live market.
     */
    slack: z.unknown().optional(),
    /**
     * Wake-ups within this span of market time decide together, concurrently, each on the market as
     * the span began; their actions are then applied in a fixed order. 0 (the default): one at a time.
     */
    turnWindow: durationSchema.optional(),
    /**
     * Participants played by outside agents (spec "remote", over MCP): how long each turn the
     * scheduler gives them stays open, in market time ("2h" by default). A silent one misses it.
     */
    remote: z.object({ turnDeadline: durationSchema.optional() }).strict().optional(),
    /**
     * How long, in market time, an accepted deal waits for the other side's confirmation before the
     * market expires it and frees the listing and the buyer's budget ("6h" by default).
     */
    acceptTimeout: durationSchema
      .refine((ms) => ms >= 60_000, { error: 'acceptTimeout must be at least a minute, e.g. "6h"' })
      .optional(),
  })
  .strict()
  .refine((config) => config.speed === undefined || config.clock === "wall", {
    path: ["speed"],
    error: "speed paces a wall-clock market: add clock: wall, or remove speed",
  })
  .refine((config) => config.slack === undefined || config.clock === "wall", {
    path: ["slack"],
    error:
      "the Slack mirror follows a live market: add clock: wall (a simulation is over in seconds), or remove slack",
  })
  // A wall-clock market without a start starts now; the run folder records the date, so a resume keeps it.
  .transform(({ start, ...config }) => ({
    ...config,
    start: start ?? (config.clock === "wall" ? new Date().toISOString() : DEFAULT_START),
  }));

export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;
