import { describe, expect, it } from "vitest";
import { participantIdFor } from "./participant-id.ts";

describe("participantIdFor", () => {
  it("makes a readable, unique id that never passes for a built-in person or the market", () => {
    expect(participantIdFor("Ana María", new Set())).toBe("ana-maria");
    expect(participantIdFor("Ana", new Set(["ana", "ana-2"]))).toBe("ana-3");
    expect(participantIdFor("P001", new Set())).toBe("p001-person");
    expect(participantIdFor("Market", new Set())).toBe("market-person");
    expect(participantIdFor("Operator", new Set())).toBe("operator-person");
    expect(participantIdFor("李雷", new Set())).toMatch(/^person-[0-9a-f]{6}$/);
    expect(participantIdFor("李雷", new Set())).not.toBe(participantIdFor("王小明", new Set()));
    expect(participantIdFor("Zoë", new Set())).toBe("zoe");
  });
});
