import { describe, expect, it } from "vitest";
import { applyVoice, hasVoiceMarker, VOICE_KITS } from "./voice.ts";

describe("voices", () => {
  it("every opener, closer and flavour line carries its voice", () => {
    for (const [voice, kit] of Object.entries(VOICE_KITS) as Array<
      [keyof typeof VOICE_KITS, (typeof VOICE_KITS)["cowboy"]]
    >) {
      const lines = [...kit.openers, ...kit.flavour, ...Object.values(kit.closers).flat()];
      for (const line of lines)
        expect(hasVoiceMarker(applyVoice(line, voice), voice), `${voice}: ${line}`).toBe(true);
    }
  });

  it("swaps words without touching slots", () => {
    expect(applyVoice("Hi {them}, I think {price} is fair. Thank you kindly!", "cowboy")).toBe(
      "Howdy {them}, I reckon {price} is fair. Much obliged!",
    );
    expect(applyVoice("Thanks! Is your {item} still for sale? Yes, my offer stands.", "pirate")).toBe(
      "Thankee! Is yer {item} still for sale? Aye, me offer stands.",
    );
    expect(applyVoice("I think it's fair. Thank you for your offer.", "shakespearean")).toBe(
      "Methinks 'tis fair. I thank thee for thy offer.",
    );
    expect(applyVoice("I'm going to stay at {price}, and it's going to a good home.", "cowboy")).toBe(
      "I'm fixin' to stay at {price}, and it's going to a good home.",
    );
  });

  it("finds markers as whole words only", () => {
    expect(hasVoiceMarker("I brought a trade", "surfer")).toBe(false);
    expect(hasVoiceMarker("Totally rad", "surfer")).toBe(true);
    expect(hasVoiceMarker("anything", "plain")).toBe(true);
  });
});
