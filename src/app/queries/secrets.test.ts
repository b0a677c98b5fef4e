import { describe, expect, it } from "vitest";
import { createAgent } from "../../agents/registry.ts";
import type { Participant } from "../../domain/mandate.ts";
import type { MarketState } from "../../engine/state.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../../runner/population.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import { AppError } from "../errors.ts";
import { feed } from "./feed.ts";
import { participantPage } from "./participant-page.ts";
import { runSummary } from "./run-summary.ts";
import { PEOPLE, SECRETS, smallMarket } from "./testing/small-market.ts";
import { threadList } from "./thread-list.ts";
import { threadTranscript } from "./thread-transcript.ts";
import type { Viewer } from "./viewer.ts";

/**
 * Everything a participant can get out of the queries, as an attacker would try: the feed (whole
 * and page by page), every thread id in the market (theirs, other people's and made-up ones), every
 * participant's page, the thread list and the run summary. Answers and refusals, serialised.
 */
function harvest(state: MarketState, id: string) {
  const viewer: Viewer = { participant: id };
  const answers: unknown[] = [];
  const refusals: { ask: string; error: AppError }[] = [];
  const ask = (what: string, run: () => unknown) => {
    try {
      answers.push(run());
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push({ ask: what, error });
    }
  };
  ask("feed", () => feed(state, viewer));
  let after: string | undefined;
  do {
    const page = feed(state, viewer, { limit: 3, ...(after ? { after } : {}) });
    answers.push(page);
    after = page.next;
  } while (after);
  for (const threadId of [...state.threads.keys(), "T0", "T999999", "operator", ""]) {
    ask(`thread ${threadId}`, () => threadTranscript(state, viewer, threadId));
  }
  for (const other of state.participants.keys())
    ask(`page ${other}`, () => participantPage(state, viewer, other));
  ask("threads", () => threadList(state, viewer));
  ask("summary", () => runSummary(state, viewer));
  const json = JSON.stringify({ answers, refusals: refusals.map((r) => [r.error.code, r.error.message]) });
  return { json, answers, refusals };
}

/** The ways a number of cents can be written: 4321, 43.21, and 246.8 for 24680. */
function spellings(cents: number): RegExp[] {
  const dollars = (cents / 100).toFixed(2).replace(".", "\\.");
  const short = String(cents / 100).replace(".", "\\.");
  return [
    new RegExp(`(?<![\\d.])${cents}(?!\\d)`),
    new RegExp(`(?<!\\d)${dollars}(?!\\d)`),
    new RegExp(`(?<!\\d)${short}(?![\\d.])`),
  ];
}

/** Each participant's secrets: reserves, max prices, budget, and the budget left (which gives it away). */
function secretNumbers(state: MarketState, id: string): number[] {
  const self = state.participants.get(id)!;
  const { mandate } = self.participant;
  return [
    ...mandate.items.map((item) => item.reserve),
    ...mandate.wants.map((want) => want.maxPrice),
    mandate.budget,
    mandate.budget - self.spent - self.held,
  ];
}

/** The JSON without the viewer's own mandate and budget left, the only secrets they may see. */
function withoutOwnSecrets(json: string, state: MarketState, id: string): string {
  const self = state.participants.get(id)!;
  const own = JSON.stringify(self.participant.mandate);
  expect(json.includes(own), `${id} does not see their own mandate`).toBe(true);
  return json
    .split(`"available":${self.participant.mandate.budget - self.spent - self.held},`)
    .join("")
    .split(`"mandate":${own}`)
    .join('"own":{}');
}

function expectRefusedOthersThreads(
  state: MarketState,
  id: string,
  refusals: { ask: string; error: AppError }[],
) {
  const refused = new Map(refusals.map((r) => [r.ask, r.error]));
  for (const thread of state.threads.values()) {
    const error = refused.get(`thread ${thread.id}`);
    if (thread.seller === id || thread.buyer === id) expect(error).toBeUndefined();
    else expect([error?.kind, error?.code]).toEqual(["not-found", "thread/not-found"]);
  }
  for (const other of state.participants.keys()) {
    const error = refused.get(`page ${other}`);
    if (other === id) expect(error).toBeUndefined();
    else expect([error?.kind, error?.code]).toEqual(["forbidden", "participant/forbidden"]);
  }
  expect(refused.get("summary")?.kind).toBe("forbidden");
}

describe("no query tells a participant anyone else's secrets", () => {
  for (const transcripts of ["all", "live"] as const) {
    it(`in a small market of distinctive numbers (transcripts: ${transcripts})`, () => {
      const state = smallMarket(transcripts);
      for (const id of PEOPLE) {
        const { json, answers, refusals } = harvest(state, id);
        expect(answers.length).toBeGreaterThan(5);
        expect(refusals.length).toBeGreaterThan(3);
        const others = PEOPLE.filter((other) => other !== id);
        const scanned = withoutOwnSecrets(json, state, id);
        for (const other of others) {
          const { reserves, maxPrices, budget } = SECRETS[other];
          expect(secretNumbers(state, other)).toEqual(
            expect.arrayContaining([...reserves, ...maxPrices, budget]),
          );
          for (const cents of secretNumbers(state, other)) {
            for (const spelling of spellings(cents)) {
              expect(spelling.test(scanned), `${id} sees ${other}'s ${cents} as ${spelling}`).toBe(false);
            }
          }
          const mandate = JSON.stringify(state.participants.get(other)!.participant.mandate);
          expect(json.includes(mandate), `${id} sees ${other}'s mandate`).toBe(false);
        }
        for (const key of ['"reserve"', '"maxPrice"', '"budget"', '"mandate"', '"available"']) {
          expect(scanned.includes(key), `${id} sees a ${key}`).toBe(false);
        }
        expectRefusedOthersThreads(state, id, refusals);
      }
    });
  }

  it("in a week's market of built-in agents", async () => {
    const participants: Participant[] = generatePopulation({
      ...PROJECT_DEAL_POPULATION,
      participants: 10,
      seed: 11,
    });
    const { state } = await simulateMarket({
      marketId: "secrets",
      seed: 11,
      participants,
      assignment: Object.fromEntries(
        participants.map((p, i) => [p.id, i % 2 ? "engine:strong" : "engine:weak"]),
      ),
      createAgent: (spec, context) => createAgent(spec, context),
      sink: new MemorySink(),
      startAt: Date.UTC(2026, 0, 5, 9),
      durationMs: 7 * 24 * 3600 * 1000,
    });
    expect(state.deals.size).toBeGreaterThan(3);
    expect([...state.threads.values()].some((t) => t.dealId === undefined)).toBe(true);
    for (const { id } of participants) {
      const { json, refusals } = harvest(state, id);
      const scanned = withoutOwnSecrets(json, state, id);
      for (const key of ['"reserve"', '"maxPrice"', '"budget"', '"mandate"', '"available"']) {
        expect(scanned.includes(key), `${id} sees a ${key}`).toBe(false);
      }
      for (const other of participants) {
        const mandate = JSON.stringify(other.mandate);
        if (other.id !== id) expect(json.includes(mandate), `${id} sees ${other.id}'s mandate`).toBe(false);
      }
      expectRefusedOthersThreads(state, id, refusals);
    }
  });
});
