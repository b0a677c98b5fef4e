import { describe, expect, it } from "vitest";
import { apply } from "../engine/apply.ts";
import { audienceOf, canSee } from "../engine/audience.ts";
import { openMarketWith, person } from "../engine/testing/fixtures.ts";
import { participantSchema } from "./mandate.ts";

describe("participant ids the market keeps for itself", () => {
  it("refuses 'market' and 'operator' in any case, naming the field and the fix", () => {
    for (const id of ["market", "operator", "Market", "OPERATOR"]) {
      const parsed = participantSchema.safeParse(person(id));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(["id"]);
      expect(parsed.error?.issues[0]?.message).toMatch(/reserved for the market itself.*choose another id/);
    }
    expect(participantSchema.safeParse(person("marketeer")).success).toBe(true);
  });

  it("so nobody registers as one and then closes the market or reads everyone's mandate", () => {
    const state = openMarketWith([person("sam")]);
    for (const id of ["market", "operator"]) {
      const outcome = apply(
        state,
        { type: "register-participant", actor: "market", participant: { ...person("x"), id } },
        1,
      );
      expect(outcome.ok).toBe(false);
      expect(state.participants.has(id)).toBe(false);
    }
    // What a participant called "operator" would have seen: everything.
    expect(canSee({ kind: "participants", ids: ["sam"] }, "operator")).toBe(true);
  });
});

describe("a participant's e-mail", () => {
  it("is optional, and when given must be an address (it links them to their Slack account)", () => {
    expect(participantSchema.parse(person("ann")).email).toBeUndefined();
    expect(participantSchema.parse({ ...person("ann"), email: "ann@example.org" }).email).toBe(
      "ann@example.org",
    );
    const bad = participantSchema.safeParse({ ...person("ann"), email: "ann at example" });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["email"],
      message: "an e-mail address like sam@example.com",
    });
  });

  it("is seen by its owner only, with the mandate", () => {
    const state = openMarketWith([{ ...person("ann"), email: "ann@example.org" }, person("bob")]);
    const registered = [...state.participants.values()].find((p) => p.participant.id === "ann")!;
    expect(registered.participant.email).toBe("ann@example.org");
    const event = {
      seq: 2,
      at: 0,
      actor: "market",
      type: "participant-registered" as const,
      participant: registered.participant,
    };
    expect(canSee(audienceOf(state, event), "ann")).toBe(true);
    expect(canSee(audienceOf(state, event), "bob")).toBe(false);
  });
});
