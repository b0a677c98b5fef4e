import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiatorChatReply } from "../src/agents/llm/testing/negotiator-chat.ts";
import {
  type ChatRequest,
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import {
  children,
  cleanUp,
  config,
  distributedRun,
  enabled,
  experimentJson,
  forget,
  hashes,
  oneProcessHashes,
  queues,
  root,
  sql,
  startWorker,
  stop,
  suffix,
  until,
  url,
} from "./support/distributed-experiments.ts";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

// Distributed experiments (`haggle worker`, `experiment run --distributed`) on the PostgreSQL server
// at 127.0.0.1:5432 (database `test`); their set-up is test/support/distributed-experiments.ts.

let reference: Record<string, string>;

afterAll(cleanUp, 60_000);

describe.skipIf(!enabled)("distributed experiments on workers", () => {
  beforeAll(async () => {
    reference = await oneProcessHashes();
  }, 240_000);

  it("three worker processes run six arms, and every arm's log equals the one-process run's", async () => {
    const queue = `haggle_test_${suffix}_three`;
    queues.push(queue);
    const workers = [startWorker(queue), startWorker(queue), startWorker(queue)];
    const dir = join(root, "three-workers");
    const result = await haggle(distributedRun(config, queue, dir));
    forget(dir);
    await Promise.all(workers.map(stop));
    expect(result.code, result.stderr).toBe(0);
    expect(await hashes(dir, url)).toEqual(reference);
    expect(experimentJson(dir).arms.map((arm) => arm.status)).toEqual(Array(6).fill("finished"));
    // Every arm ran on one worker or another, more than one of them taking arms.
    const finished = workers.map((worker) => (worker.log().match(/: finished in /g) ?? []).length);
    expect(finished.reduce((a, b) => a + b, 0)).toBe(6);
    expect(finished.filter((n) => n > 0).length).toBeGreaterThan(1);
    // The experiment folder is an experiment folder like any: analyze reads it again.
    expect(existsSync(join(dir, "report.html"))).toBe(true);
    const analysed = await haggle(["analyze", dir, "--json"]);
    expect(analysed.code, analysed.stderr).toBe(0);

    // A machine without the coordinator's folder reads the experiment from the database alone.
    const schema = experimentJson(dir).distributed!.schema;
    expect(JSON.parse(result.stdout).schema).toBe(schema);
    const queued = await haggle(["queue", "--db", url, "--json"]);
    expect(JSON.parse(queued.stdout).experiments).toContainEqual(
      expect.objectContaining({ schema, name: "six", arms: 6, finished: 6 }),
    );
    const elsewhere = join(root, "from-db");
    const fromDb = await haggle(["analyze", schema, "--db", url, "--out", elsewhere, "--json"], {
      env: { HAGGLE_DB: "" },
    });
    expect(fromDb.code, fromDb.stderr).toBe(0);
    expect(JSON.parse(fromDb.stdout).fetched).toEqual({ schema, dir: elsewhere, arms: 6, finished: 6 });
    // The same analysis as the coordinator's folder gives, and the same run folders, but for where they are.
    const results = (folder: string) =>
      readFileSync(join(folder, "results.json"), "utf8").replaceAll(folder, "<dir>");
    expect(results(elsewhere)).toBe(results(dir));
    expect(await hashes(elsewhere, url)).toEqual(reference);
    for (const arm of experimentJson(dir).arms) {
      for (const file of ["records.json", "summary.json"]) {
        expect(readFileSync(join(elsewhere, arm.dir, file), "utf8")).toBe(
          readFileSync(join(dir, arm.dir, file), "utf8"),
        );
      }
    }
    // An arm its worker has not finished is left out, and named.
    const lastArm = experimentJson(dir).arms[5]!;
    await sql(
      `UPDATE ${lastArm.schema}.documents SET body = jsonb_set(body, '{status}', '"running"') WHERE name = 'run-record'`,
    );
    const partial = await haggle(["analyze", schema, "--db", url, "--out", join(root, "partial")]);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stdout).toContain("5 of 6 arms finished");
    expect(experimentJson(join(root, "partial")).arms.map((arm) => arm.status)).toEqual([
      ...Array(5).fill("finished"),
      "pending",
    ]);
    // Without the database, the schema alone says what is missing.
    const noDb = await haggle(["analyze", schema], { env: { HAGGLE_DB: "" } });
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain(
      `${schema} is a distributed experiment's schema: say which database holds it with --db`,
    );
  }, 240_000);

  it("a worker killed with SIGKILL mid-arm: its job goes to another worker, which resumes it to the same log", async () => {
    const queue = `haggle_test_${suffix}_kill`;
    queues.push(queue);
    const dir = join(root, "killed");
    const first = startWorker(queue);
    // An arm takes well under a second here, and logs its first events about half a second in: too
    // close to catch between polls on a loaded machine (CI, 2026-12-07: it finished first). So the
    // worker is paused (SIGSTOP) as soon as it says it started an arm, and let run 25 ms at a time
    // until its log has events, then killed.
    let armId: string | undefined;
    first.child.stderr?.on("data", () => {
      const started = first.log().match(/arm (\S+) \(job/)?.[1];
      if (started && !armId) {
        armId = started;
        first.child.kill("SIGSTOP");
      }
    });
    const coordinator = haggle(distributedRun(config, queue, dir, ["--job-expiry", "5"]));
    await until("the worker to start an arm", async () => armId, 60_000);
    const schema = await until(
      "the arm's schema",
      async () =>
        existsSync(join(dir, "experiment.json"))
          ? experimentJson(dir).arms.find((arm) => arm.id === armId)?.schema
          : undefined,
      30_000,
    );
    await until(
      "the arm's first events",
      async () => {
        const rows = await sql<{ seq: string }>(
          `SELECT coalesce(max(last_seq), 0) AS seq FROM ${schema}.markets`,
        ).catch(() => [{ seq: "0" }]);
        if (Number(rows[0]?.seq) > 0) return true;
        first.child.kill("SIGCONT");
        await new Promise((resolve) => setTimeout(resolve, 25));
        first.child.kill("SIGSTOP");
        return undefined;
      },
      60_000,
    );
    first.child.kill("SIGKILL");
    expect(first.log()).not.toContain(`arm ${armId}: finished`);
    const second = startWorker(queue);
    const result = await coordinator;
    forget(dir);
    await stop(second);
    expect(result.code, result.stderr).toBe(0);
    // The arm was taken up again from its logged events, and every log equals the one-process run's.
    expect(second.log()).toMatch(new RegExp(`arm ${armId}: finished in .*, resumed from event \\d+`));
    expect(await hashes(dir, url)).toEqual(reference);
  }, 240_000);

  it("the coordinator killed and its folder lost: a copy made from the database goes on, no arm queued or run twice", async () => {
    const queue = `haggle_test_${suffix}_lost`;
    queues.push(queue);
    const lost = join(root, "lost");
    const worker = startWorker(queue);
    const coordinator = spawn(
      process.execPath,
      [join(repoRoot, "bin/haggle.js"), ...distributedRun(config, queue, lost)],
      { cwd: repoRoot, stdio: "ignore" },
    );
    children.push(coordinator);
    // Once the worker has finished an arm, the coordinator's machine goes, and the worker stops too,
    // giving back the arm it holds.
    await until(
      "an arm finished",
      async () => (/: finished in /.test(worker.log()) ? true : undefined),
      60_000,
    );
    coordinator.kill("SIGKILL");
    await stop(worker);
    const schema = experimentJson(lost).distributed!.schema;
    forget(lost);
    rmSync(lost, { recursive: true, force: true });

    // Another machine: the experiment from the database, then the coordinator run on that folder.
    const copy = join(root, "copy");
    const fetched = await haggle(["analyze", schema, "--db", url, "--out", copy, "--json"]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const before = JSON.parse(fetched.stdout).fetched.finished as number;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(6);
    const second = startWorker(queue);
    const result = await haggle(distributedRun(config, queue, copy));
    await stop(second);
    expect(result.code, result.stderr).toBe(0);
    expect(experimentJson(copy).arms.map((arm) => arm.status)).toEqual(Array(6).fill("finished"));
    expect(await hashes(copy, url)).toEqual(reference);
    // One job an arm, and each arm finished once: by the first worker, or by the second.
    const jobs = await sql<{ n: string }>(
      "SELECT count(*) AS n FROM (SELECT id FROM pgboss.job WHERE name = $1 UNION ALL SELECT id FROM pgboss.archive WHERE name = $1) AS jobs",
      [queue],
    );
    expect(Number(jobs[0]!.n)).toBe(6);
    const finishedBy = (log: string) => (log.match(/: finished in /g) ?? []).length;
    expect(finishedBy(worker.log()) + finishedBy(second.log())).toBe(6);
  }, 240_000);

  it("an arm that fails on every attempt fails the experiment, with a non-zero exit", async () => {
    const queue = `haggle_test_${suffix}_fail`;
    queues.push(queue);
    const worker = startWorker(queue);
    const dir = join(root, "failing");
    const bad = join(root, "bad.yaml");
    writeFileSync(
      bad,
      [
        "name: bad",
        "days: 1",
        "population: { generate: { participants: 4 } }",
        "arms:",
        "  - name: fine",
        "    agents: { all: engine:weak }",
        "  - name: broken",
        "    agents: { all: module:./no-such-agent.js }",
        "reference: engine:weak",
      ].join("\n"),
    );
    const result = await haggle([
      "experiment",
      "run",
      bad,
      "--db",
      url,
      "--distributed",
      "--queue",
      queue,
      "--retries",
      "1",
      "--out",
      dir,
    ]);
    forget(dir);
    await stop(worker);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("1 arm(s) failed on the workers: broken");
    expect(experimentJson(dir).arms.map((arm) => arm.status)).toEqual(["finished", "failed"]);
  }, 120_000);
});

describe.skipIf(!enabled)("two market processes on one market in PostgreSQL", () => {
  const schema = `haggle_test_${suffix}_two`;
  afterAll(async () => {
    await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("the second refuses to write while the first runs it", async () => {
    await sql(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const db = `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const live = join(root, "live.yaml");
    writeFileSync(
      live,
      [
        "name: live",
        "seed: 3",
        "clock: wall",
        "speed: 600",
        "days: 1",
        "population: { generate: { participants: 6 } }",
        "agents: { all: engine:weak }",
      ].join("\n"),
    );
    const dir = join(root, "live-run");
    const first = spawn(
      process.execPath,
      [join(repoRoot, "bin/haggle.js"), "run", "--config", live, "--db", db, "--out", dir, "--json"],
      { cwd: repoRoot, stdio: "ignore" },
    );
    children.push(first);
    await until(
      "the first market's events",
      async () => {
        const rows = await sql<{ seq: string }>(
          `SELECT coalesce(max(last_seq), 0) AS seq FROM ${schema}.markets`,
        ).catch(() => [{ seq: "0" }]);
        return Number(rows[0]?.seq) > 0 ? true : undefined;
      },
      60_000,
    );
    const before = await sql<{ seq: string }>(`SELECT max(last_seq) AS seq FROM ${schema}.markets`);
    const second = await haggle(["resume", dir, "--db", db]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("already run by another host");
    // The first still runs the market and stops cleanly.
    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGINT");
    await exited;
    const after = await sql<{ seq: string }>(`SELECT max(last_seq) AS seq FROM ${schema}.markets`);
    expect(Number(after[0]!.seq)).toBeGreaterThanOrEqual(Number(before[0]!.seq));
  }, 120_000);
});

describe.skipIf(!enabled)("a model arm resumed on another worker", () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startOpenAICompatibleServer({
      models: ["scripted"],
      contentIds: true,
      respond: async (request: ChatRequest) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return negotiatorChatReply(request);
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("replays the model answers its first worker recorded, and ends with the one-process log", async () => {
    const modelConfig = join(root, "model.yaml");
    writeFileSync(
      modelConfig,
      [
        "name: model",
        "seed: 4",
        "days: 1",
        "population:",
        "  generate:",
        "    participants: 5",
        "    itemsPerPerson: [2, 2]",
        "    wantsPerPerson: [2, 2]",
        "arms:",
        "  - name: llm",
        "    agents: { all: llm:openai-compatible:scripted }",
        "reference: llm:openai-compatible:scripted",
        "llm: { maxCalls: 100000 }",
      ].join("\n"),
    );
    const env = { HAGGLE_OPENAI_COMPATIBLE_URL: server.url, HAGGLE_DB: "" };
    const one = join(root, "model-one-process");
    const made = await haggle(["experiment", "run", modelConfig, "--out", one, "--json"], { env });
    expect(made.code, made.stderr).toBe(0);
    const calls = server.requests.length;
    const expected = await hashes(one);

    const queue = `haggle_test_${suffix}_model`;
    queues.push(queue);
    const dir = join(root, "model-killed");
    const first = startWorker(queue, env);
    const coordinator = haggle(distributedRun(modelConfig, queue, dir, ["--job-expiry", "5"]), { env });
    const schema = await until(
      "the arm's schema",
      async () =>
        existsSync(join(dir, "experiment.json")) ? experimentJson(dir).arms[0]?.schema : undefined,
      30_000,
    );
    // Killed once some of its model exchanges are saved and some events are logged. A chunk of
    // exchanges is saved just before the batch of events that follows it, so waiting for the chunk
    // alone could kill the worker before its first batch: it then resumes from event 0 (CI, 21:05).
    await until(
      "the arm's first saved exchanges and events",
      async () => {
        const rows = await sql<{ n: number; seq: string }>(
          `SELECT (SELECT (body->>'n')::int FROM ${schema}.documents WHERE name = 'llm-cache.count') AS n,
                  (SELECT coalesce(max(last_seq), 0) FROM ${schema}.markets) AS seq`,
        ).catch(() => []);
        return (rows[0]?.n ?? 0) > 0 && Number(rows[0]?.seq ?? 0) > 0 ? true : undefined;
      },
      60_000,
    );
    first.child.kill("SIGKILL");
    const before = server.requests.length - calls;
    const second = startWorker(queue, env);
    const result = await coordinator;
    forget(dir);
    await stop(second);
    expect(result.code, result.stderr).toBe(0);
    expect(second.log()).toMatch(/arm llm: finished in .*, resumed from event \d+/);
    expect(await hashes(dir, url)).toEqual(expected);
    // Without the saved exchanges the second worker would have asked the model everything again.
    const distributed = server.requests.length - calls;
    expect(distributed).toBeLessThan(calls + before);
  }, 240_000);
});

describe.skipIf(!enabled)("a model arm rate-limited on a worker", () => {
  it("waits out the 429s and says so in the worker's log", async () => {
    // Two early requests answered 429 with a 1 s retry-after, the rest by the scripted negotiator.
    const limited = await startOpenAICompatibleServer({
      models: ["scripted"],
      respond: async (request: ChatRequest, n: number) =>
        n === 2 || n === 3
          ? {
              status: 429,
              headers: { "retry-after": "1" },
              body: { error: { message: "rate limit reached" } },
            }
          : negotiatorChatReply(request),
    });
    try {
      const armConfig = join(root, "limited.yaml");
      writeFileSync(
        armConfig,
        [
          "name: limited",
          "seed: 2",
          "days: 1",
          "turnWindow: 1h",
          "population:",
          "  generate:",
          "    participants: 5",
          "    itemsPerPerson: [1, 2]",
          "    wantsPerPerson: [1, 2]",
          "arms:",
          "  - name: llm",
          "    agents: { all: llm:openai-compatible:scripted }",
          "reference: llm:openai-compatible:scripted",
          "llm: { maxCalls: 100000, concurrency: 4 }",
        ].join("\n"),
      );
      const env = { HAGGLE_OPENAI_COMPATIBLE_URL: limited.url, HAGGLE_DB: "" };
      const queue = `haggle_test_${suffix}_limited`;
      queues.push(queue);
      const worker = startWorker(queue, env);
      const dir = join(root, "limited");
      const result = await haggle(distributedRun(armConfig, queue, dir), { env });
      await stop(worker);
      expect(result.code, result.stderr).toBe(0);
      forget(dir);
      expect(worker.log()).toMatch(/arm llm: the model answered 429 \(rate limit\) [12] times? so far/);
      expect(worker.log()).toMatch(/arm llm: finished in /);
    } finally {
      await limited.close();
    }
  }, 120_000);
});
