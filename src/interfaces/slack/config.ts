import { z } from "zod";
import { HaggleError } from "../../domain/errors.ts";
import { parseWith } from "../../domain/validation.ts";

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: "the name of an environment variable (letters, digits, underscore), not the secret itself",
});

/**
 * The `slack:` block of a market's config. The mirror is off without it. Secrets never sit in the
 * file: it names the environment variables that hold them.
 */
export const slackConfigSchema = z
  .object({
    /** The channel's id (C0123ABCD), which stays the same when the channel is renamed. */
    channel: z
      .string({ error: "write the channel's id, e.g. channel: C0123ABCD" })
      .regex(/^[CG][A-Z0-9]{2,}$/, {
        error:
          "write the channel's id, like C0123ABCD, not its name: in Slack open the channel's details (\"About\"), the id is at the bottom",
      }),
    /** The environment variable holding the bot token (xoxb-...). */
    botTokenEnv: envName.default("SLACK_BOT_TOKEN"),
    /** The environment variable holding the app's signing secret. */
    signingSecretEnv: envName.default("SLACK_SIGNING_SECRET"),
    /** Slack's Web API base URL: only for tests and self-hosted gateways. */
    apiUrl: z
      .url({ error: "a URL like https://slack.com/api/" })
      .refine((url) => /^https?:\/\//.test(url), { error: "an http(s) URL like https://slack.com/api/" })
      .transform((url) => (url.endsWith("/") ? url : `${url}/`))
      .optional(),
    /** Post each negotiation's messages and offers in a thread under its listing (default true). */
    negotiations: z.boolean({ error: "write true or false" }).default(true),
    /** Messages a second in one channel or DM (Slack allows about 1; default 1). */
    messagesPerSecond: z
      .number({ error: "a number of messages a second, e.g. 1" })
      .positive({ error: "must be more than 0" })
      .max(10, { error: "at most 10: Slack allows about 1 message a second in a channel" })
      .default(1),
    /**
     * `haggle run` and `haggle resume`: serve Slack's requests (buttons, `/haggle`) on this port at
     * /slack/events. `haggle serve` answers them on its own server and ignores it.
     */
    port: z
      .number({ error: "a port number, e.g. 3000" })
      .int({ error: "a whole port number" })
      .min(1, { error: "a port from 1 to 65535" })
      .max(65_535, { error: "a port from 1 to 65535" })
      .optional(),
  })
  .strict();

export type SlackConfig = z.infer<typeof slackConfigSchema>;
export type SlackConfigInput = z.input<typeof slackConfigSchema>;

export interface SlackSecrets {
  botToken: string;
  signingSecret: string;
}

function secretFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  field: string,
  what: string,
  where: string,
): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new HaggleError(
      `slack: the environment variable ${name} is not set: set it to the Slack app's ${what} (${where}), or name another variable in slack.${field}`,
      { kind: "bad-input", code: "slack/missing-secret" },
    );
  }
  return value;
}

/**
 * The signing secret the config names, from `env`.
 * @throws HaggleError "slack/missing-secret" (bad-input) naming the variable to set.
 */
export function slackSigningSecret(config: SlackConfig, env: NodeJS.ProcessEnv = process.env): string {
  return secretFrom(
    env,
    config.signingSecretEnv,
    "signingSecretEnv",
    "signing secret",
    '"Basic Information", App Credentials',
  );
}

/**
 * The bot token and signing secret the config names, from `env`.
 * @throws HaggleError "slack/missing-secret" (bad-input) naming the variable to set.
 */
export function slackSecrets(config: SlackConfig, env: NodeJS.ProcessEnv = process.env): SlackSecrets {
  return {
    botToken: secretFrom(
      env,
      config.botTokenEnv,
      "botTokenEnv",
      "bot token",
      '"OAuth & Permissions", xoxb-...',
    ),
    signingSecret: slackSigningSecret(config, env),
  };
}

/**
 * The `slack:` block of a config file, checked, or undefined when there is none (the mirror is off).
 * Errors name the field as `slack.channel` and say what to write, as every config error does.
 * @throws ValidationError (bad-input)
 */
export function parseSlackBlock(value: unknown, source = "config"): SlackConfig | undefined {
  if (value === undefined || value === null) return undefined;
  return parseWith(z.object({ slack: slackConfigSchema }), { slack: value }, source).slack;
}
