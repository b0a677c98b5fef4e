import { describe, expect, it } from "vitest";
import { createAgent } from "../../agents/registry.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { generatePopulation, PROJECT_DEAL_POPULATION } from "../../runner/population.ts";
import { simulateMarket } from "../../runner/simulate-market.ts";
import { smallMarket } from "./testing/small-market.ts";
import { threadList } from "./thread-list.ts";
import { threadTranscript } from "./thread-transcript.ts";

describe("threadList", () => {
  const state = smallMarket();

  it("shows the operator every thread, in the order opened", () => {
    expect(threadList(state, "operator").map((t) => [t.id, t.status, t.deal?.id])).toEqual([
      ["T1", "handed-over", "D1"],
      ["T2", "expired", undefined],
      ["T3", "declined", undefined],
      ["T4", "agreed", "D2"],
    ]);
  });

  it("shows a participant only their own threads, as seller or buyer", () => {
    const ids = (participant: string) => threadList(state, { participant }).map((t) => t.id);
    expect(ids("sam")).toEqual(["T1", "T2", "T3", "T4"]);
    expect(ids("bea")).toEqual(["T1"]);
    expect(ids("cal")).toEqual(["T2", "T4"]);
    expect(ids("dan")).toEqual(["T3"]);
  });

  it("summarises each thread as its transcript does, without the words", () => {
    for (const summary of threadList(state, "operator")) {
      const { messages, offers, ...rest } = threadTranscript(state, "operator", summary.id);
      expect(summary).toEqual(rest);
      expect(summary.messageCount).toBe(messages.length);
    }
  });

  it("counts the messages and offers of threads whose transcripts were dropped", () => {
    expect(threadList(smallMarket("live"), "operator")).toEqual(
      threadList(state, "operator").map((t) => (t.deal ? t : { ...t, transcript: "dropped" as const })),
    );
  });
});

describe("threadList in a week's market of built-in agents", () => {
  async function market(transcripts: "all" | "live") {
    const participants = generatePopulation({ ...PROJECT_DEAL_POPULATION, participants: 10, seed: 4 });
    const { state } = await simulateMarket({
      marketId: "threads",
      seed: 4,
      participants,
      assignment: Object.fromEntries(participants.map((p) => [p.id, "engine:strong"])),
      createAgent: (spec, context) => createAgent(spec, context),
      sink: new MemorySink(),
      startAt: Date.UTC(2026, 0, 5, 9),
      durationMs: 7 * 24 * 3600 * 1000,
      transcripts,
    });
    return state;
  }

  it("counts every message and offer, whether or not the market kept the transcript", async () => {
    const all = await market("all");
    const live = await market("live");
    const dropped = threadList(live, "operator").filter((t) => t.transcript === "dropped");
    expect(dropped.length).toBeGreaterThan(3);
    for (const summary of threadList(all, "operator")) {
      const transcript = threadTranscript(all, "operator", summary.id);
      expect(summary.messageCount).toBe(transcript.messages.length);
      expect(summary.offersMade).toBeGreaterThanOrEqual(transcript.offers.length);
    }
    expect(threadList(live, "operator")).toEqual(
      threadList(all, "operator").map((t) =>
        dropped.some((d) => d.id === t.id) ? { ...t, transcript: "dropped" as const } : t,
      ),
    );
  });
});
