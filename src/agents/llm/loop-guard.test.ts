import { describe, expect, it } from "vitest";
import { person, recordedMarket } from "../../engine/testing/fixtures.ts";
import { viewFor } from "../../engine/view.ts";
import { LoopGuard } from "./loop-guard.ts";
import type { Note } from "./prompt.ts";

function market() {
  const m = recordedMarket([
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 6000, reserve: 5000 }] }),
    person("bea", { wants: [{ id: "w", description: "a bike", max: 7000, keywords: ["bike"] }] }),
  ]);
  m.act({ type: "post-listing", actor: "sam", itemId: "bike" }, 1);
  m.act({ type: "make-offer", actor: "bea", listingId: "L1", wantId: "w", price: 4000 }, 2);
  return m;
}

const turnIn = (m: ReturnType<typeof market>, now: number) => ({
  view: viewFor(m.state, "bea", { now }),
  actions: [],
  touched: new Set(["T1"]),
  offersIn: new Set<string>(),
});

describe("LoopGuard", () => {
  it("goes quiet in a thread after turns with no answer, with a note, and lifts it when the other side acts", () => {
    const m = market();
    const guard = new LoopGuard({ maxIdle: 2, maxChat: 6 });
    const notes: Note[] = [];
    for (let i = 0; i < 3; i++) guard.count(turnIn(m, 10 + i), notes);
    expect(guard.isQuiet("T1")).toBe(true);
    expect([...guard.quietThreads()]).toEqual(["T1"]);
    expect(notes).toEqual([expect.objectContaining({ threadId: "T1", actionable: false })]);
    expect(notes[0]!.text).toContain("without an answer from Sam");

    guard.liftQuiet(viewFor(m.state, "bea", { now: 20 }));
    expect(guard.isQuiet("T1")).toBe(true);
    m.act({ type: "send-message", actor: "sam", where: "T1", text: "Hello!" }, 21);
    guard.liftQuiet(viewFor(m.state, "bea", { now: 22 }));
    expect(guard.isQuiet("T1")).toBe(false);
  });

  it("goes quiet after turns of talk with no new offer from anyone", () => {
    const m = market();
    const guard = new LoopGuard({ maxIdle: 99, maxChat: 2 });
    const notes: Note[] = [];
    for (let i = 0; i < 3; i++) {
      m.act({ type: "send-message", actor: "sam", where: "T1", text: `Still thinking ${i}` }, 10 + i);
      guard.count(turnIn(m, 10 + i), notes);
    }
    expect(guard.isQuiet("T1")).toBe(true);
    expect(notes[0]!.text).toContain("without a new offer");
  });
});
