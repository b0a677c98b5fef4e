import { describe, expect, it } from "vitest";
import { PERSONA_PRESETS } from "../agents/builtin/language/persona-style.ts";
import { personaGroup } from "./persona-groups.ts";

describe("personaGroup", () => {
  it("groups the presets as a reader would", () => {
    const group = (id: string) => {
      const preset = PERSONA_PRESETS.find((p) => p.id === id)!;
      return personaGroup(`${preset.persona} ${preset.instructions}`);
    };
    expect(group("hard-lowballer")).toBe("lowball-aggressive");
    expect(group("pirate")).toBe("lowball-aggressive");
    expect(group("close-fast")).toBe("close-fast");
    expect(group("theatrical-bard")).toBe("theatrical-roleplay");
    expect(group("weary-cowboy")).toBe("theatrical-roleplay");
    expect(group("polite-but-firm")).toBe("polite-firm");
    expect(group("formal")).toBe("polite-firm");
    expect(group("terse")).toBe("polite-firm");
    expect(group("friendly-neighbour")).toBe("friendly");
    expect(group("storyteller")).toBe("friendly");
  });

  it("tells no text from text without cues", () => {
    expect(personaGroup("")).toBe("none");
    expect(personaGroup(undefined)).toBe("none");
    expect(personaGroup("   ")).toBe("none");
    expect(personaGroup("I collect stamps.")).toBe("other");
  });

  it("respects negation: not aggressive is not the aggressive group", () => {
    expect(personaGroup("Be kind and never aggressive.")).toBe("friendly");
  });
});
