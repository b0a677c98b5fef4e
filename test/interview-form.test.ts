import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startInterview } from "../src/interview/testing/drive-cli.ts";
import { loadParticipants } from "../src/runner/load-participants.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "haggle-interview-"));

describe("haggle interview (guided form, no model)", () => {
  it("asks as a person answers, re-asks bad answers naming the problem, and saves a file markets load", async () => {
    const dir = tmp();
    const out = join(dir, "ann.yaml");
    const session = startInterview(["--out", out]);
    await session.answer("What's your name?", "Ann Lee");
    await session.answer("Do you have something to sell?", "maybe");
    await session.answer('Please answer "yes" or "no".', "yes");
    await session.answer("What is it?", "Trek road bike");
    await session.answer("Describe it", "Light aluminium frame, 2019 model");
    await session.answer("What condition", "shiny");
    await session.answer("Please answer one of: new, like-new, good, fair, poor.", "good");
    await session.answer("Any flaws?", "scratched frame, worn tyres");
    await session.answer("What kind of thing", "sports");
    await session.answer("asking price?", "abc");
    await session.answer('"abc" is not an amount of money: write it like $45 or 45.50.', "-20");
    await session.answer("The asking price cannot be negative", "$200");
    await session.answer("least you would accept?", "$250");
    await session.answer(
      "The least you would accept ($250) is above your asking price ($200): give at most $200.",
      "150",
    );
    await session.answer("Anything else to sell?", "no");
    await session.answer("like to buy?", "yes");
    await session.answer("What are you looking for?", "a two-person camping tent");
    await session.answer("most you would pay", "$80");
    await session.answer("Anything else to buy?", "no");
    await session.answer("total budget", "$100");
    await session.answer("How should your agent come across?", "Friendly but firm");
    await session.answer("Any instructions", "Sell the bike before buying");
    await session.waitFor("least you accept $150 (secret)");
    await session.answer(`Save this to ${out}?`, "yes");
    expect(await session.end()).toBe(0);
    expect(session.output()).toContain(`Saved ${out}`);

    const [ann] = await loadParticipants([out], dir);
    expect(ann).toMatchObject({
      id: "ann-lee",
      name: "Ann Lee",
      mandate: {
        items: [
          {
            id: "trek-road-bike",
            title: "Trek road bike",
            condition: "good",
            category: "sports",
            flaws: ["scratched frame", "worn tyres"],
            askingPrice: 20_000,
            reserve: 15_000,
          },
        ],
        wants: [
          {
            description: "a two-person camping tent",
            maxPrice: 8_000,
            keywords: ["two", "person", "camping", "tent"],
          },
        ],
        budget: 10_000,
        persona: "Friendly but firm",
        instructions: "Sell the bike before buying",
      },
    });
  }, 60_000);

  it("takes answers piped all at once, and starts over when the person does not confirm", async () => {
    const dir = tmp();
    const out = join(dir, "bo.yaml");
    const session = startInterview(["--out", out, "--id", "bo"]);
    const first = ["Bo", "no", "yes", "a kindle", "$60", "no", "$60", "", ""];
    const second = ["Bo", "no", "yes", "a kindle paperwhite", "$70", "no", "$70", "Patient", "Never rush"];
    session.child.stdin.write([...first, "no", ...second, "yes", ""].join("\n"));
    expect(await session.end()).toBe(0);
    expect(session.output()).toContain("Let's go through it again.");
    const [bo] = await loadParticipants([out], dir);
    expect(bo!.id).toBe("bo");
    expect(bo!.mandate.wants).toEqual([
      {
        id: "a-kindle-paperwhite",
        description: "a kindle paperwhite",
        keywords: ["kindle", "paperwhite"],
        maxPrice: 7_000,
      },
    ]);
    expect(bo!.mandate.persona).toBe("Patient");
  }, 60_000);

  it("saves nothing when the input ends early, and refuses to overwrite a file", async () => {
    const dir = tmp();
    const out = join(dir, "cut.yaml");
    const session = startInterview(["--out", out]);
    session.child.stdin.write("Cy\nyes\n");
    const code = await session.end();
    expect(code).not.toBe(0);
    expect(session.stderr()).toMatch(/ended before it was finished; nothing was saved/);
    expect(existsSync(out)).toBe(false);

    writeFileSync(out, "id: x\n");
    const again = startInterview(["--out", out]);
    expect(await again.end()).toBe(2);
    expect(again.stderr()).toMatch(/already exists: choose another --out, or pass --force/);
  }, 60_000);
});
