import { describe, expect, it } from "vitest";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import { feed } from "./feed.ts";
import { participantPage } from "./participant-page.ts";
import { threadList } from "./thread-list.ts";
import { threadTranscript } from "./thread-transcript.ts";
import { checkViewer, viewerMaySee } from "./viewer.ts";

describe("viewers", () => {
  // The market refuses to register anyone called "operator" (the name `canSee` gives the operator);
  // the queries refuse such a viewer too, in case a log from before that rule holds one.
  const market = recordedMarket([
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 8000, reserve: 4321 }] }),
    person("bea", { wants: [{ id: "w1", description: "a bike", max: 6543, keywords: ["bike"] }] }),
  ]);
  market.act({ type: "post-listing", actor: "sam", itemId: "bike" }, 1);
  market.act({ type: "make-offer", actor: "bea", listingId: "L1", wantId: "w1", price: 5000 }, 2);
  const { state } = market;

  it("never takes a participant called operator for the operator", () => {
    const impostor = { participant: "operator" };
    for (const run of [
      () => feed(state, impostor),
      () => threadTranscript(state, impostor, "T1"),
      () => threadList(state, impostor),
      () => participantPage(state, impostor, "sam"),
    ]) {
      expect(run).toThrow(expect.objectContaining({ kind: "bad-input", code: "viewer/reserved-id" }));
    }
    expect(viewerMaySee(impostor, { kind: "participants", ids: ["sam", "bea"] })).toBe(false);
    expect(viewerMaySee(impostor, { kind: "operator" })).toBe(false);
    expect(viewerMaySee(impostor, { kind: "public" })).toBe(true);
    expect(threadTranscript(state, "operator", "T1").buyer.id).toBe("bea");
  });

  it("follows the engine's audiences for real viewers", () => {
    const thread = { kind: "participants" as const, ids: ["sam", "bea"] };
    expect(viewerMaySee("operator", { kind: "operator" })).toBe(true);
    expect(viewerMaySee({ participant: "sam" }, thread)).toBe(true);
    expect(viewerMaySee({ participant: "cal" }, thread)).toBe(false);
    expect(viewerMaySee({ participant: "sam" }, { kind: "operator" })).toBe(false);
    expect(() => checkViewer(state, { participant: "nobody" })).toThrow(
      expect.objectContaining({ kind: "forbidden", code: "viewer/unknown" }),
    );
  });
});
