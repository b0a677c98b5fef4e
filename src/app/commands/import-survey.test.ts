import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importSurvey } from "./import-survey.ts";

const DEALS = [
  "arm,deal_id,item,seller,buyer,seller_tier,buyer_tier,price",
  "A,D1,bike,s1,b1,engine:strong,engine:weak,10.00",
  "A,D2,lamp,s2,b2,engine:weak,engine:strong,20.00",
].join("\n");
const ANSWERS = [
  "arm,deal_id,participant,fairness,satisfaction,would_pay",
  "A,D1,s1,5,6,yes",
  "A,D2,b2,3,4,no",
].join("\n");

describe("importSurvey", () => {
  it("imports into a folder that holds only a deals file (the answers may sit beside it)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "haggle-survey-"));
    await writeFile(join(dir, "deals.csv"), DEALS);
    await writeFile(join(dir, "answers.csv"), ANSWERS);
    const imported = await importSurvey(join(dir, "answers.csv"), dir);
    expect(imported.responses).toBe(2);
    expect(imported.dealsFile).toBe(join(dir, "deals.csv"));
    expect(existsSync(join(dir, "survey.json"))).toBe(true);
    const survey = JSON.parse(await readFile(join(dir, "survey.json"), "utf8"));
    expect(survey.responses[0]).toMatchObject({ arm: "A", dealId: "D1", participant: "s1" });
  });

  it("checks the answers against that file, and refuses a folder with several deals files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "haggle-survey-"));
    await writeFile(join(dir, "market.jsonl"), "");
    await writeFile(join(dir, "other.csv"), DEALS);
    const answers = join(tmpdir(), `answers-${Date.now()}.csv`);
    await writeFile(answers, ANSWERS);
    await expect(importSurvey(answers, dir)).rejects.toThrow(
      /holds several deals files \(market\.jsonl, other\.csv\): keep only the one the survey rates, or name it deals\.csv/,
    );
    const one = await mkdtemp(join(tmpdir(), "haggle-survey-"));
    await writeFile(join(one, "market.csv"), DEALS.replace("A,D2,lamp,s2,b2", "A,D2,lamp,s2,b3"));
    await expect(importSurvey(answers, one)).rejects.toThrow(/"b2" is not a party to deal D2/);
  });
});
