import { describe, expect, it } from "vitest";
import { LlmRecorder, type RecordedExchange } from "./recorder.ts";

const exchange = (key: string, n: number, who?: string): RecordedExchange => ({
  key,
  n,
  model: "scripted",
  ...(who ? { who } : {}),
  error: { name: "Error", message: `${key}#${n}` },
});

describe("LlmRecorder.shareFor", () => {
  it("gives a participant's turn their own exchanges not claimed yet, and how far each key went", () => {
    const recorder = LlmRecorder.inMemory("record", [
      exchange("a", 0, "p1"),
      exchange("a", 1, "p1"),
      exchange("b", 0, "p2"),
    ]);
    recorder.take("a");
    const share = recorder.shareFor("p1");
    expect(share.exchanges.map((e) => `${e.key}#${e.n}`)).toEqual(["a#1"]);
    expect(share.next).toEqual({ a: 1 });
    expect(recorder.shareFor("p3")).toEqual({ exchanges: [], next: {} });
  });

  it("shares exchanges recorded without their participant (an older recording) with every turn", () => {
    const recorder = LlmRecorder.inMemory("replay", [exchange("old", 0), exchange("b", 0, "p2")]);
    expect(recorder.shareFor("p1").exchanges.map((e) => e.key)).toEqual(["old"]);
    expect(
      recorder
        .shareFor("p2")
        .exchanges.map((e) => e.key)
        .sort(),
    ).toEqual(["b", "old"]);
    // A turn elsewhere replays it from its share, as this process would.
    const turn = LlmRecorder.forTurn("replay", recorder.shareFor("p1"));
    expect(turn.take("old").exchange?.error?.message).toBe("old#0");
  });
});
