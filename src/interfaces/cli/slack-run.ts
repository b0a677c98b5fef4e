import { setTimeout as sleep } from "node:timers/promises";
import type { MarketHost } from "../../runner/market-host.ts";
import type { RunConfig } from "../../runner/run-config.ts";
import { parseSlackBlock, type SlackConfig, type SlackSecrets, slackSecrets } from "../slack/config.ts";
import type { SlackMirror } from "../slack/mirror.ts";

/** How long a run that has ended waits for the mirror to post what it still owes. */
const DRAIN_MS = 60_000;

/**
 * The Slack mirror of a live market that `haggle run` or `resume` runs, when its config has a
 * `slack:` block: checked (and its secrets read) before the market starts, started on the run's
 * host, Slack's requests served on `slack.port` if given; at the end it posts what it still owes
 * (for up to a minute) and stops. Undefined without a block.
 */
export function slackForRun(
  config: RunConfig,
  source: string,
  dir: string,
  arm: () => string,
): { onHost: (host: MarketHost) => void; finish: () => Promise<void> } | undefined {
  const slack = parseSlackBlock(config.slack, source);
  if (!slack) return undefined;
  const secrets = slackSecrets(slack);
  const log = (line: string) => process.stderr.write(`haggle: ${line}\n`);
  let started: Promise<{ mirror: SlackMirror; close?: () => Promise<void> }> | undefined;
  return {
    onHost: (host) => {
      started = start(host, slack, secrets, dir, arm(), log);
      started.catch((error: Error) => log(`slack: the mirror did not start: ${error.message}`));
    },
    finish: async () => {
      const running = await started?.catch(() => undefined);
      if (!running) return;
      const timeout = new AbortController();
      const drained = await Promise.race([
        running.mirror.done.then(() => true),
        sleep(DRAIN_MS, false, { signal: timeout.signal }).catch(() => false),
      ]);
      // The wait must not keep the process alive once the mirror is done.
      timeout.abort();
      if (!drained) {
        log(
          "slack: stopped waiting for Slack; what was not posted yet is noted in slack-mirror.json and posted by a resume",
        );
      }
      await running.mirror.stop();
      await running.close?.();
    },
  };
}

async function start(
  host: MarketHost,
  config: SlackConfig,
  secrets: SlackSecrets,
  dir: string,
  arm: string,
  log: (line: string) => void,
): Promise<{ mirror: SlackMirror; close?: () => Promise<void> }> {
  // Bolt takes ~0.6 s to load: only a market mirrored to Slack pays for it.
  const [{ startSlackMirror }, { runSlackActions }, { listenForSlack }] = await Promise.all([
    import("../slack/mirror.ts"),
    import("../slack/run-actions.ts"),
    import("../slack/slack-server.ts"),
  ]);
  const mirror = await startSlackMirror({
    host,
    config,
    stateDir: dir,
    secrets,
    actions: runSlackActions(host, dir, arm),
    log,
  });
  if (config.port === undefined) return { mirror };
  try {
    const server = await listenForSlack(mirror, config.port);
    log(`slack: Slack's requests are served at http://127.0.0.1:${server.port}/slack/events`);
    return { mirror, close: server.close };
  } catch (error) {
    log(`slack: cannot serve Slack's requests on port ${config.port}: ${(error as Error).message}`);
    return { mirror };
  }
}
