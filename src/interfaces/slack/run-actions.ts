import { readSurvey, type SurveyResponse, writeSurvey } from "../../analysis/survey.ts";
import { handOver } from "../../app/commands/hand-over.ts";
import { hostAccess } from "../../app/open-run-host.ts";
import { HaggleError } from "../../domain/errors.ts";
import type { MarketHost } from "../../runner/market-host.ts";
import type { SlackMirrorActions, SurveyAnswer } from "./mirror.ts";

let writing: Promise<unknown> = Promise.resolve();

/**
 * Records one answer of `participant` about `dealId` in `<runDir>/survey.json` (where `haggle analyze`
 * reads it), merged with their earlier answers to the same deal: a new answer to a question replaces
 * theirs, the other questions keep theirs. Writes are serialised in the process and atomic.
 */
export function recordSlackSurveyAnswer(
  runDir: string,
  host: MarketHost,
  arm: string,
  participant: string,
  dealId: string,
  answer: SurveyAnswer,
): Promise<void> {
  const deal = host.state.deals.get(dealId);
  if (!deal || (deal.seller !== participant && deal.buyer !== participant)) {
    return Promise.reject(
      new HaggleError(`${participant} has no deal ${dealId} to rate`, {
        kind: "not-found",
        code: "survey/no-deal",
      }),
    );
  }
  if (deal.status !== "confirmed" && deal.status !== "handed-over") {
    return Promise.reject(
      new HaggleError(`deal ${dealId} is ${deal.status}: only a settled deal is rated`, {
        kind: "conflict",
        code: "survey/not-settled",
      }),
    );
  }
  const run = writing.then(async () => {
    const earlier = await readSurvey(runDir);
    const same = (r: SurveyResponse) => r.arm === arm && r.dealId === dealId && r.participant === participant;
    const before = earlier?.responses.find(same);
    const responses = (earlier?.responses ?? []).filter((r) => !same(r));
    responses.push({ ...before, arm, dealId, participant, ...answer });
    await writeSurvey(runDir, {
      version: 1,
      source: "slack",
      sources: [...new Set([...(earlier?.sources ?? []), "slack"])],
      importedAt: new Date().toISOString(),
      responses,
    });
  });
  writing = run.catch(() => {});
  return run;
}

/** What clicks in Slack do in a market run by `haggle run` or `resume`: through its host, into its folder. */
export function runSlackActions(host: MarketHost, runDir: string, arm: string): SlackMirrorActions {
  return {
    handOver: (participant, dealId) => handOver(hostAccess(host), dealId, participant),
    survey: (participant, dealId, answer) =>
      recordSlackSurveyAnswer(runDir, host, arm, participant, dealId, answer),
  };
}
