import { describe, expect, it } from "vitest";
import { parseSlackBlock, slackConfigSchema, slackSecrets } from "./config.ts";

describe("the slack: config block", () => {
  it("needs only the channel's id; the rest has defaults", () => {
    expect(parseSlackBlock({ channel: "C0123ABCD" })).toEqual({
      channel: "C0123ABCD",
      botTokenEnv: "SLACK_BOT_TOKEN",
      signingSecretEnv: "SLACK_SIGNING_SECRET",
      negotiations: true,
      messagesPerSecond: 1,
    });
    expect(parseSlackBlock(undefined)).toBeUndefined();
    expect(slackConfigSchema.parse({ channel: "G01", apiUrl: "http://127.0.0.1:9/api" }).apiUrl).toBe(
      "http://127.0.0.1:9/api/",
    );
  });

  it("says what is wrong and what to write, naming the field", () => {
    const problem = (value: unknown) => {
      try {
        parseSlackBlock(value, "market.yaml");
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(problem({ channel: "#market" })).toContain(
      "market.yaml: slack.channel: write the channel's id, like C0123ABCD, not its name",
    );
    expect(problem({})).toContain("slack.channel: write the channel's id, e.g. channel: C0123ABCD");
    expect(problem({ channel: "C0123ABCD", botTokenEnv: "xoxb-123-456" })).toContain(
      "slack.botTokenEnv: the name of an environment variable (letters, digits, underscore), not the secret itself",
    );
    expect(problem({ channel: "C0123ABCD", apiUrl: "ftp://example.org" })).toContain(
      "slack.apiUrl: an http(s) URL",
    );
    expect(problem({ channel: "C0123ABCD", messagesPerSecond: 50 })).toContain(
      "slack.messagesPerSecond: at most 10",
    );
    expect(problem({ channel: "C0123ABCD", token: "xoxb-1" })).toContain('slack: unknown field(s) "token"');
    expect(problem("C0123ABCD")).toContain("slack:");
  });

  it("reads the secrets from the variables it names, and says which one is missing", () => {
    const config = slackConfigSchema.parse({ channel: "C0123ABCD", botTokenEnv: "MY_TOKEN" });
    expect(slackSecrets(config, { MY_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).toEqual({
      botToken: "xoxb-1",
      signingSecret: "s",
    });
    expect(() => slackSecrets(config, { SLACK_SIGNING_SECRET: "s" })).toThrow(
      expect.objectContaining({
        kind: "bad-input",
        code: "slack/missing-secret",
        message: expect.stringContaining("MY_TOKEN is not set"),
      }),
    );
    expect(() => slackSecrets(config, { MY_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "  " })).toThrow(
      /SLACK_SIGNING_SECRET is not set.*signing secret/,
    );
  });
});
