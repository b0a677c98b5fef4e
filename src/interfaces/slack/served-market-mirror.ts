import { handOver } from "../../app/commands/hand-over.ts";
import type { MarketSession } from "../../app/serve/market-session.ts";
import { recordSurveyAnswer, surveyAnswersOf } from "../../app/serve/survey-answers.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import { readRunRecord } from "../../runner/run-folder.ts";
import type { SlackConfig, SlackSecrets } from "./config.ts";
import type { SlackMirror } from "./mirror.ts";
import { slackMount } from "./slack-server.ts";

/**
 * The Slack mirror of a served market: it follows each host the session runs (the market opened,
 * or resumed after a restart) from where the last one was, and records clicks as the web app does.
 */
export function mirrorServedMarket(options: {
  session: MarketSession;
  slack: SlackConfig;
  secrets: SlackSecrets;
  log: (line: string) => void;
}) {
  const { session, slack, secrets, log } = options;
  let mirror: SlackMirror | undefined;
  let mirroring: Promise<void> = Promise.resolve();
  return {
    /** Slack's requests (buttons, /haggle) at /slack/events, for the server's mounts. */
    mount: slackMount(() => mirror),
    follow(host: MarketHost): void {
      mirroring = mirroring
        .then(async () => {
          await mirror?.stop();
          const { startSlackMirror } = await import("./mirror.ts"); // Bolt: ~0.6 s to load
          mirror = await startSlackMirror({
            host,
            config: slack,
            secrets,
            stateDir: session.runDir,
            publicNegotiations: session.config.negotiations === "public",
            log,
            actions: {
              handOver: async (participant, dealId) => {
                const access = await session.access();
                try {
                  return await handOver(access, dealId, participant);
                } finally {
                  await access.close();
                }
              },
              // One answer a click: merged with the person's earlier answers to the deal.
              survey: async (participant, dealId, answer) => {
                const record = await readRunRecord(session.runDir);
                const arm = record.arm ?? record.runId;
                const earlier = (await surveyAnswersOf(session.runDir, participant)).find(
                  (r) => r.dealId === dealId && r.arm === arm,
                );
                await recordSurveyAnswer(session.runDir, { ...earlier, arm, dealId, participant, ...answer });
              },
            },
          });
        })
        .catch((error: Error) => log(`slack: ${error.message}`));
    },
    async stop(): Promise<void> {
      await mirroring;
      await mirror?.stop();
    },
  };
}
