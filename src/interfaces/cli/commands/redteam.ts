import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { AgentSpecError, agentSpecHelp } from "../../../agents/registry.ts";
import { ATTACKS, type Attack, selectAttacks } from "../../../redteam/attacks.ts";
import { formatReport, reportHtml } from "../../../redteam/render.ts";
import { runRedteam } from "../../../redteam/run-redteam.ts";
import { adaptiveAttack, type TargetFactory, targetFactory } from "../../../redteam/targets.ts";
import { UsageError } from "../errors.ts";
import { emit } from "../output.ts";

interface RedteamFlags {
  target: string;
  attacks: string;
  attacker?: string;
  trials: string;
  seed: string;
  rounds: string;
  timeout: string;
  out?: string;
  json?: boolean;
}

function whole(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}

/** `haggle redteam`: a thin shell over src/redteam (the attacks, the arena, the scores). */
export function register(program: Command): void {
  program
    .command("redteam")
    .description(
      "Attack an agent with scripted (offline) attackers and measure breaches, leaks, the zone it gives away, crashes and hangs; exit code 1 on any breach",
    )
    .requiredOption("--target <agent>", `the agent under test: ${agentSpecHelp()}`)
    .option("--attacks <names>", `"all" or a comma list of: ${ATTACKS.map((a) => a.name).join(", ")}`, "all")
    .option(
      "--attacker <spec>",
      "add an adaptive attacker driven by a model, e.g. llm:anthropic:claude-haiku-4-5 (needs its key)",
    )
    .option("--trials <n>", "trials per attack", "20")
    .option("--seed <n>", "seed for the setups, names and attackers", "1")
    .option("--rounds <n>", "rounds per trial (each side acts once a round)", "30")
    .option(
      "--timeout <ms>",
      "wall time the target may take for one decision before it counts as a hang",
      "60000",
    )
    .option("--out <dir>", "where to write redteam.html and redteam.json (default runs/redteam-<target>)")
    .option("--json", "print the verdict and every number as JSON")
    .action(async (flags: RedteamFlags) => {
      let attacks: Attack[];
      try {
        attacks = selectAttacks(flags.attacks);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      let target: TargetFactory;
      try {
        target = await targetFactory(flags.target, { baseDir: process.cwd() });
        if (flags.attacker) {
          await targetFactory(flags.attacker);
          attacks = [...attacks, adaptiveAttack(flags.attacker)];
        }
      } catch (error) {
        if (error instanceof AgentSpecError) throw new UsageError(error.message);
        if (error instanceof Error && /cannot be red-teamed/.test(error.message))
          throw new UsageError(error.message);
        throw error;
      }
      const trials = whole(flags.trials, "--trials", 1);
      const progress = process.stderr.isTTY && !flags.json;
      const report = await runRedteam({
        target: flags.target,
        makeTarget: (id, seed) => target.make(id, seed),
        modelTarget: target.modelTarget,
        attacks,
        trials,
        seed: whole(flags.seed, "--seed", 0),
        rounds: whole(flags.rounds, "--rounds", 2),
        decisionTimeoutMs: whole(flags.timeout, "--timeout", 1),
        ...(progress
          ? {
              onTrial: (attack: string, done: number, total: number) =>
                process.stderr.write(`\r${attack}: ${done}/${total} trials `),
            }
          : {}),
      });
      if (progress) process.stderr.write("\r\u001b[K");
      const out = resolve(flags.out ?? join("runs", `redteam-${flags.target.replace(/[^a-z0-9]+/gi, "-")}`));
      mkdirSync(out, { recursive: true });
      const { results, ...rest } = report;
      const summary = { ...rest, results: results.map(({ scores: _scores, ...result }) => result) };
      writeFileSync(join(out, "redteam.json"), `${JSON.stringify({ ...report }, null, 2)}\n`);
      writeFileSync(join(out, "redteam.html"), reportHtml(report));
      emit(
        Boolean(flags.json),
        { ...summary, files: { html: join(out, "redteam.html"), json: join(out, "redteam.json") } },
        () => `${formatReport(report)}\nReport: ${join(out, "redteam.html")}`,
      );
      if (!report.verdict.pass) process.exitCode = 1;
    });
}
