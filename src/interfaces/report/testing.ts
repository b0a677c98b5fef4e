import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syntheticExperiment } from "../../analysis/testing/synthetic.ts";

/**
 * Writes a synthetic experiment folder (experiment.json and an arm folder with records.json each) with
 * planted tier effects, for the report tests. Returns the folder.
 */
export async function writeSyntheticExperiment(
  options: { seed?: number; hostileTitles?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "haggle-report-"));
  const arms = syntheticExperiment({
    seed: options.seed ?? 21,
    people: 30,
    sellerPremium: 0.12,
    buyerDiscount: 0.08,
  });
  for (const arm of arms) {
    const records = options.hostileTitles
      ? {
          ...arm.records,
          deals: arm.records.deals.map((deal, i) =>
            i === 0
              ? { ...deal, title: `<script>alert(1)</script> & <img src="https://example.com/x.png">` }
              : deal,
          ),
        }
      : arm.records;
    await mkdir(join(dir, "arms", arm.id), { recursive: true });
    await writeFile(join(dir, "arms", arm.id, "records.json"), JSON.stringify(records));
  }
  await writeFile(
    join(dir, "experiment.json"),
    JSON.stringify({
      name: "synthetic experiment",
      seed: 4,
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
