import { z } from "zod";
import { parseWith, ValidationError } from "../../domain/validation.ts";
import { readConfigFile } from "../../runner/read-config-file.ts";
import { type RunConfig, runConfigSchema } from "../../runner/run-config.ts";

/**
 * A market that people join from the browser (`haggle serve`): a run config on the wall clock, where
 * `population` is optional (the built-in people who fill the market; without it only the people who
 * join trade) and `negotiations` says who may read a negotiation.
 */
const serveOnly = z
  .object({
    /**
     * "public": everyone signed in reads every negotiation, as in a shared Slack channel (the market
     * this project replicates); "private": only its two sides do. Secrets are never in either.
     */
    negotiations: z.enum(["public", "private"], { error: 'write "public" or "private"' }).default("public"),
    /** Where the invite links point: the address people open (default http://<host>:<port>). */
    publicUrl: z.url({ error: 'a URL like "https://market.example.org"' }).optional(),
    /**
     * Who may interview people in a conversation (the guided form is always there): a model
     * ("llm:<provider>:<model>"), "auto" (the default: a model of the provider whose API key the
     * server has, else none) or "off".
     */
    interview: z
      .object({
        model: z
          .string()
          .refine((spec) => ["auto", "off"].includes(spec.trim()) || spec.trim().startsWith("llm:"), {
            error:
              'a language model, "llm:<provider>:<model>" (e.g. "llm:anthropic:claude-haiku-4-5"), or "auto" or "off"',
          }),
      })
      .strict()
      .optional(),
  })
  .partial();

export interface ServeConfig {
  /** The market's run config; `population` holds the built-in people (none when `fill` is 0). */
  run: RunConfig;
  /** How many built-in people the config adds (0: only people who join). */
  fill: number;
  negotiations: "public" | "private";
  publicUrl?: string;
  /**
   * The model that holds interviews as conversations: a spec, "auto" (from the server's API keys:
   * see `interviewModelFor`) or "off".
   */
  interviewModel: string;
}

/** A placeholder population for a market only people fill: the run record keeps the real people. */
const JOINERS_ONLY = { generate: { participants: 2 } } as const;

export function parseServeConfig(input: unknown, source = "config"): ServeConfig {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError(`${source} is not a market config: write YAML fields like name, days, speed`, [
      { path: "(root)", message: "expected fields" },
    ]);
  }
  const { negotiations, publicUrl, interview, ...rest } = input as Record<string, unknown>;
  const extra = parseWith(serveOnly, { negotiations, publicUrl, interview }, source);
  if ("clock" in rest && rest.clock !== "wall") {
    throw new ValidationError(
      `invalid input in ${source}:\n  ${source}: clock: a served market runs on the wall clock: write clock: wall, or remove clock`,
      [{ path: "clock", message: "a served market runs on the wall clock" }],
    );
  }
  const hasPopulation = rest.population !== undefined;
  const run = parseWith(
    runConfigSchema,
    { ...rest, clock: "wall", speed: rest.speed ?? 1, population: rest.population ?? JOINERS_ONLY },
    source,
  );
  const generate = "generate" in run.population ? run.population.generate : undefined;
  const fill = !hasPopulation ? 0 : generate ? generate.participants : Number.NaN;
  if (Number.isNaN(fill)) {
    throw new ValidationError(
      `invalid input in ${source}:\n  ${source}: population: a served market fills with generated people (population: { generate: { participants: 12 } }) or none (remove population)`,
      [{ path: "population", message: "use generate, or remove population" }],
    );
  }
  return {
    run,
    fill,
    negotiations: extra.negotiations ?? "public",
    ...(extra.publicUrl ? { publicUrl: extra.publicUrl } : {}),
    interviewModel: extra.interview?.model.trim() ?? "auto",
  };
}

export async function loadServeConfig(path: string): Promise<ServeConfig> {
  return parseServeConfig(await readConfigFile(path), path);
}

/** The model each provider's key brings when the config says `interview: { model: auto }` (the default). */
export const INTERVIEW_MODEL_BY_KEY = [
  { key: "ANTHROPIC_API_KEY", model: "llm:anthropic:claude-haiku-4-5" },
  { key: "OPENAI_API_KEY", model: "llm:openai:gpt-5-mini" },
] as const;

/**
 * The interviewer model a served market uses, and why: the config's, or with "auto" the first
 * provider whose API key is set. Undefined: the guided form only.
 */
export function interviewModelFor(
  config: Pick<ServeConfig, "interviewModel">,
  env: Record<string, string | undefined> = process.env,
): { model: string; why: string } | undefined {
  if (config.interviewModel === "off") return undefined;
  if (config.interviewModel !== "auto")
    return { model: config.interviewModel, why: "the config's interview.model" };
  const found = INTERVIEW_MODEL_BY_KEY.find(({ key }) => (env[key] ?? "").trim() !== "");
  return found ? { model: found.model, why: `${found.key} is set` } : undefined;
}
