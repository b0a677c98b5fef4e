import { describe, expect, it } from "vitest";
import { PERSONA_PRESETS, styleFromPersona, TONES, type Tone, type Voice } from "./persona-style.ts";

describe("styleFromPersona", () => {
  it("reads the Project Deal personas", () => {
    const cowboy = styleFromPersona(
      "a weary, down-on-his-luck cowboy who will be delighted just to get the bike",
      "",
    );
    expect(cowboy.tone).toBe("weary");
    expect(cowboy.voice).toBe("cowboy");

    const seller = styleFromPersona(
      "an enthusiastic seller who offers free delivery if the talk goes well",
      "",
    );
    expect(seller.tone).toBe("enthusiastic");
    expect(seller.flags.offersDelivery).toBe(true);

    expect(styleFromPersona("", "polite but firm").tone).toBe("polite-firm");

    const shark = styleFromPersona("", "aggressive: open with a hard lowball");
    expect(shark.tone).toBe("aggressive");
    expect(shark.flags.lowballOpen).toBe(true);
  });

  it("defaults to a friendly, plain style", () => {
    const style = styleFromPersona("", "");
    expect(style.tone).toBe("friendly");
    expect(style.voice).toBe("plain");
    expect(Object.values(style.flags).every((flag) => flag === false)).toBe(true);
  });

  it("respects negations", () => {
    expect(styleFromPersona("friendly", "never be aggressive").tone).toBe("friendly");
    expect(styleFromPersona("", "no emoji please, keep it professional").flags.usesEmoji).toBe(false);
    expect(styleFromPersona("", "use lots of emoji").flags.usesEmoji).toBe(true);
    expect(styleFromPersona("", "don't offer delivery").flags.offersDelivery).toBe(false);
    // "don't budge" still means firm.
    expect(styleFromPersona("courteous", "don't budge").tone).toBe("polite-firm");
  });

  it("recognises voices", () => {
    const cases: Array<[string, Voice]> = [
      ["talks like an old cowpoke from the Wild West", "cowboy"],
      ["a pirate captain", "pirate"],
      ["speaks like Shakespeare", "shakespearean"],
      ["a mellow surfer dude", "surfer"],
      ["a cheerful Londoner", "british"],
      ["an accountant", "plain"],
    ];
    for (const [persona, voice] of cases) expect(styleFromPersona(persona, "").voice, persona).toBe(voice);
  });

  it("recognises tones", () => {
    const cases: Array<[string, Tone]> = [
      ["Be dramatic and flamboyant", "theatrical"],
      ["Terse. Few words.", "terse"],
      ["Formal and businesslike", "formal"],
      ["A chatty storyteller", "chatty"],
      ["Busy, close deals fast", "brisk"],
      ["Laid-back and relaxed", "laid-back"],
      ["Ruthless haggler", "aggressive"],
      ["Tired and gloomy", "weary"],
    ];
    for (const [text, tone] of cases) expect(styleFromPersona("", text).tone, text).toBe(tone);
  });

  it("is deterministic and ignores case", () => {
    const a = styleFromPersona("A Weary COWBOY", "Use Emoji");
    const b = styleFromPersona("a weary cowboy", "use emoji");
    expect(a).toEqual(b);
    expect(styleFromPersona("x", "y")).toEqual(styleFromPersona("x", "y"));
  });
});

describe("PERSONA_PRESETS", () => {
  it("has a dozen varied, number-free presets with unique ids", () => {
    expect(PERSONA_PRESETS.length).toBeGreaterThanOrEqual(12);
    const ids = PERSONA_PRESETS.map((preset) => preset.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const preset of PERSONA_PRESETS) {
      expect(`${preset.persona} ${preset.instructions}`).not.toMatch(/\d/);
      expect(preset.persona.length).toBeLessThanOrEqual(1000);
      expect(preset.instructions.length).toBeLessThanOrEqual(2000);
    }
    const tones = new Set(
      PERSONA_PRESETS.map((preset) => styleFromPersona(preset.persona, preset.instructions).tone),
    );
    expect(tones.size).toBeGreaterThanOrEqual(9);
    for (const tone of tones) expect(TONES).toContain(tone);
  });

  it("covers the Project Deal styles", () => {
    const style = (id: string) => {
      const preset = PERSONA_PRESETS.find((candidate) => candidate.id === id);
      if (!preset) throw new Error(`no preset ${id}`);
      return styleFromPersona(preset.persona, preset.instructions);
    };
    expect(style("hard-lowballer")).toMatchObject({ tone: "aggressive", flags: { lowballOpen: true } });
    expect(style("friendly-neighbour").tone).toBe("friendly");
    expect(style("theatrical-bard")).toMatchObject({ tone: "theatrical", voice: "shakespearean" });
    expect(style("close-fast")).toMatchObject({ tone: "brisk", flags: { closeFast: true } });
    expect(style("weary-cowboy")).toMatchObject({ tone: "weary", voice: "cowboy" });
    expect(style("enthusiastic-deliverer")).toMatchObject({
      tone: "enthusiastic",
      flags: { offersDelivery: true, usesEmoji: true },
    });
    expect(style("polite-but-firm").tone).toBe("polite-firm");
    expect(style("terse").tone).toBe("terse");
    expect(style("formal").tone).toBe("formal");
    expect(style("storyteller")).toMatchObject({ tone: "chatty", flags: { storyteller: true } });
    expect(style("pirate")).toMatchObject({ tone: "aggressive", voice: "pirate" });
    expect(style("surfer")).toMatchObject({ tone: "laid-back", voice: "surfer" });
  });
});
