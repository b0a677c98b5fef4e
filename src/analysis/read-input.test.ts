import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnalysisInputError } from "./errors.ts";
import { readAnalysisInput } from "./read-input.ts";
import { syntheticExperiment } from "./testing/synthetic.ts";

async function experimentFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "haggle-exp-"));
  const arms = syntheticExperiment({ seed: 3, people: 8 });
  for (const arm of arms) {
    await mkdir(join(dir, "arms", arm.id), { recursive: true });
    // The runner labels records with its own arm name; the reader relabels them with the arm id.
    const records = {
      deals: arm.records.deals.map((d) => ({ ...d, arm: "whatever" })),
      listings: arm.records.listings,
      wants: arm.records.wants,
    };
    await writeFile(join(dir, "arms", arm.id, "records.json"), JSON.stringify(records));
    await writeFile(join(dir, "arms", arm.id, "run.json"), JSON.stringify({ config: { currency: "EUR" } }));
  }
  await writeFile(
    join(dir, "experiment.json"),
    JSON.stringify({
      name: "exp",
      seed: 9,
      arms: arms.map((arm) => ({
        id: arm.id,
        arm: arm.arm,
        repetition: arm.repetition,
        dir: `arms/${arm.id}`,
      })),
    }),
  );
  return dir;
}

describe("readAnalysisInput", () => {
  it("reads an experiment folder, relabelling records with arm ids", async () => {
    const dir = await experimentFolder();
    const input = await readAnalysisInput(dir);
    expect(input.kind).toBe("experiment");
    expect(input.seed).toBe(9);
    expect(input.currency).toBe("EUR");
    expect(input.arms.map((a) => a.id)).toEqual(["all-strong-1", "mixed-1", "mixed-2"]);
    for (const arm of input.arms) expect(arm.records.deals.every((d) => d.arm === arm.id)).toBe(true);
  });

  it("reads one run folder", async () => {
    const dir = await experimentFolder();
    const input = await readAnalysisInput(join(dir, "arms", "mixed-1"));
    expect(input.kind).toBe("run");
    expect(input.arms).toHaveLength(1);
  });

  it("skips arms the experiment marks as failed, with a note", async () => {
    const dir = await experimentFolder();
    const record = JSON.parse(await readFile(join(dir, "experiment.json"), "utf8"));
    record.arms.push({ id: "broken", arm: "mixed", repetition: 3, dir: "arms/broken", status: "failed" });
    await writeFile(join(dir, "experiment.json"), JSON.stringify(record));
    const input = await readAnalysisInput(dir);
    expect(input.arms).toHaveLength(3);
    expect(input.skipped).toEqual([{ id: "broken", reason: "the arm is failed and has no records.json" }]);
  });

  it("explains an unfinished arm, a broken experiment.json and a wrong path", async () => {
    const dir = await experimentFolder();
    await writeFile(
      join(dir, "experiment.json"),
      JSON.stringify({
        name: "e",
        seed: 1,
        arms: [{ id: "x", arm: "x", repetition: 1, dir: "arms/missing" }],
      }),
    );
    await expect(readAnalysisInput(dir)).rejects.toThrow(/has not finished/);
    await writeFile(join(dir, "experiment.json"), JSON.stringify({ name: "e", arms: [] }));
    await expect(readAnalysisInput(dir)).rejects.toBeInstanceOf(AnalysisInputError);
    await expect(readAnalysisInput(join(dir, "nope"))).rejects.toThrow(/does not exist/);
    await expect(readAnalysisInput(join(dir, "arms"))).rejects.toThrow(/neither an experiment/);
  });
});

describe("checks on run records", () => {
  async function withRecords(edit: (records: { deals: Record<string, unknown>[] }) => void): Promise<string> {
    const dir = await experimentFolder();
    const file = join(dir, "arms", "mixed-1", "records.json");
    const records = JSON.parse(await readFile(file, "utf8"));
    edit(records);
    await writeFile(file, JSON.stringify(records));
    return dir;
  }

  it("refuses a repeated deal, a self-deal and a person with two tiers, naming the records", async () => {
    const dir = await withRecords((records) => {
      const [first, second] = records.deals as Record<string, string>[];
      records.deals.push({ ...first });
      second!.buyer = second!.seller!;
      second!.buyerTier = second!.sellerTier!;
    });
    const error = await readAnalysisInput(dir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AnalysisInputError);
    const message = (error as Error).message;
    const last =
      JSON.parse(await readFile(join(dir, "arms", "mixed-1", "records.json"), "utf8")).deals.length - 1;
    expect(message).toContain(`records.json: deals[${last}]: repeats deals[0] exactly`);
    expect(message).toContain("records.json: deals[1]: seller and buyer are both");
    // With --dedupe the repeat is dropped and counted.
    const fixed = await withRecords((records) => {
      records.deals.push({ ...records.deals[0] });
    });
    const input = await readAnalysisInput(fixed, { dedupe: true });
    expect(input.dropped).toHaveLength(1);
    expect(input.dropped![0]!.repeats).toBe("deals[0]");
  });

  it("refuses a person whose tier differs between deals of one arm", async () => {
    const dir = await withRecords((records) => {
      const deal = records.deals[3] as Record<string, string>;
      deal.sellerTier = deal.sellerTier === "engine:strong" ? "engine:weak" : "engine:strong";
    });
    await expect(readAnalysisInput(dir)).rejects.toThrow(
      /deals\[3\]: ".+" is engine:\w+ here \(as seller\) but engine:\w+ on (deals|listings|wants)\[\d+\]/,
    );
  });

  it("refuses arms run in different currencies", async () => {
    const dir = await experimentFolder();
    await writeFile(
      join(dir, "arms", "mixed-2", "run.json"),
      JSON.stringify({ config: { currency: "USD" } }),
    );
    await expect(readAnalysisInput(dir)).rejects.toThrow(
      /arms mixed-2: run in USD, while other arms ran in EUR: amounts in different currencies cannot be added up/,
    );
  });
});
