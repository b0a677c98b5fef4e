import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negotiatorChatReply } from "../src/agents/llm/testing/negotiator-chat.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { dropQueue } from "../src/app/distributed.ts";
import { runLogHash } from "../src/app/log-hash.ts";
import { readRunRecord } from "../src/runner/run-folder.ts";
import { haggle, repoRoot } from "./support/haggle-cli.ts";
import { sqlAt } from "./support/sql.ts";
import { testPostgresUrl } from "./support/test-postgres.ts";
import { until } from "./support/until.ts";

// One market's turns on `haggle worker` processes (`haggle run --turn-workers`), on the tests'
// PostgreSQL. Built-in and model agents (a scripted model behind a loopback OpenAI-compatible server,
// answering after a delay so turns are in flight long enough to kill a worker during one). Every test
// uses its own queue, dropped afterwards.
const url = testPostgresUrl() ?? "";
const enabled = url !== "";
const root = mkdtempSync(join(tmpdir(), "haggle-turn-workers-"));
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const queues: string[] = [];
const children: ChildProcess[] = [];
let server: LoopbackServer;
let delayMs = 0;

const config = join(root, "market.yaml");
writeFileSync(
  config,
  [
    "name: turns",
    "seed: 21",
    "days: 2",
    "turnWindow: 30m",
    "population:",
    "  generate:",
    "    participants: 12",
    "agents:",
    "  random: { engine:strong: 1, engine:weak: 1, llm:openai-compatible:scripted: 2 }",
    "llm: { maxCalls: 100000 }",
  ].join("\n"),
);

// A live market: its clock is the wall clock, 4 market hours a second, so one market day takes 6 s.
const wallConfig = join(root, "wall.yaml");
writeFileSync(
  wallConfig,
  [
    "name: turns-wall",
    "seed: 22",
    "days: 1",
    "clock: wall",
    "speed: 14400",
    "turnWindow: 30m",
    "population:",
    "  generate:",
    "    participants: 8",
    "agents:",
    "  random: { engine:strong: 1, llm:openai-compatible:scripted: 1 }",
    "llm: { maxCalls: 100000 }",
  ].join("\n"),
);

const env = () => ({ HAGGLE_OPENAI_COMPATIBLE_URL: server.url, HAGGLE_DB: "" });

/** A run's log hash; the run's log is in the tests' PostgreSQL. */
const logHash = (dir: string) => runLogHash(dir, url);

interface Child {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

function start(args: string[]): Child {
  const child = spawn(process.execPath, [join(repoRoot, "bin/haggle.js"), ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env() },
  });
  children.push(child);
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, log: () => log, exited };
}

function startWorker(queue: string): Child {
  return start(["worker", "--db", url, "--queue", `${queue}_arms`, "--turn-queue", queue, "--jobs", "0"]);
}

async function stop(worker: Child): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGTERM");
  await worker.exited;
}

const sql = sqlAt(url);

function newQueue(name: string): string {
  const queue = `haggle_test_turns_${suffix}_${name}`;
  queues.push(queue, `${queue}_arms`);
  return queue;
}

function runArgs(dir: string, queue: string, extra: string[] = [], configFile = config): string[] {
  return [
    "run",
    "--config",
    configFile,
    "--out",
    dir,
    "--db",
    url,
    "--turn-workers",
    "--turn-queue",
    queue,
    ...extra,
  ];
}

let reference: { hash: string; events: number };

beforeAll(async () => {
  server = await startOpenAICompatibleServer({
    models: ["scripted"],
    contentIds: true,
    respond: async (request) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return negotiatorChatReply(request);
    },
  });
});

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (enabled) {
    for (const queue of queues) await dropQueue(url, queue);
    // The runs' logs are in the database's default schema, under their folders' names.
    await sql("DELETE FROM markets WHERE market_id LIKE $1", [`tw-%-${suffix}`]).catch(() => {});
    await sql("DELETE FROM documents WHERE run_id LIKE $1", [`tw-%-${suffix}`]).catch(() => {});
  }
  await server?.close();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!enabled)("one market's turns on worker processes", () => {
  beforeAll(async () => {
    // The same market with every turn in the market's own process.
    const dir = join(root, `tw-in-process-${suffix}`);
    const result = await haggle(["run", "--config", config, "--out", dir, "--db", url, "--json"], {
      env: env(),
    });
    expect(result.code, result.stderr).toBe(0);
    reference = await logHash(dir);
    expect(reference.events).toBeGreaterThan(500);
  }, 180_000);

  it("takes the turns on three workers and gives the in-process log, event for event", async () => {
    const queue = newQueue("three");
    const workers = [startWorker(queue), startWorker(queue), startWorker(queue)];
    const dir = join(root, `tw-three-${suffix}`);
    const result = await haggle([...runArgs(dir, queue), "--json"], { env: env() });
    await Promise.all(workers.map(stop));
    expect(result.code, result.stderr).toBe(0);
    expect(await logHash(dir)).toEqual(reference);
    const answered = await sql<{ n: string }>(
      "SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'",
      [queue],
    );
    expect(Number(answered[0]!.n)).toBeGreaterThan(100);
    expect((await readRunRecord(dir)).turnWorkers).toEqual({ queue });
  }, 180_000);

  it("gives a SIGKILLed worker's turn to another worker once its job expires, and the log is the same", async () => {
    const queue = newQueue("kill");
    delayMs = 400;
    try {
      const doomed = startWorker(queue);
      const dir = join(root, `tw-kill-${suffix}`);
      const market = start([...runArgs(dir, queue, ["--turn-expiry", "3"]), "--json"]);
      // The only worker holds a turn (its model call under way): kill it there.
      await until(
        "a turn under way",
        async () =>
          (await sql("SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active'", [queue])).length > 0
            ? true
            : undefined,
        120_000,
      );
      doomed.child.kill("SIGKILL");
      await doomed.exited;
      const others = [startWorker(queue), startWorker(queue)];
      const code = await market.exited;
      await Promise.all(others.map(stop));
      expect(code, market.log()).toBe(0);
      expect(await logHash(dir)).toEqual(reference);
      // The killed worker's turns were taken again: their jobs were retried.
      const retried = await sql<{ n: string }>(
        "SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND retry_count > 0",
        [queue],
      );
      expect(Number(retried[0]!.n)).toBeGreaterThan(0);
    } finally {
      delayMs = 0;
    }
  }, 240_000);

  it("takes a wall-clock market's turns on a worker, and resumes it from its log after a SIGKILL", async () => {
    const queue = newQueue("wall");
    const worker = startWorker(queue);
    const dir = join(root, `tw-wall-${suffix}`);
    const market = start(runArgs(dir, queue, ["--progress-lines"], wallConfig));
    const answered = async () =>
      Number(
        (
          await sql<{ n: string }>(
            "SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'",
            [queue],
          )
        )[0]!.n,
      );
    await until(
      "the live market's turns answered by the worker",
      async () => ((await answered()) >= 10 ? true : undefined),
      120_000,
    );
    market.child.kill("SIGKILL");
    const answeredBefore = await answered();
    await market.exited;
    // Its progress told no model calls: they are the workers' (each worker logs its own 429s).
    const progress = market
      .log()
      .split("\n")
      .filter((line) => line.startsWith("{"));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((line) => "callsInFlight" in JSON.parse(line))).toBe(false);
    const before = await logHash(dir);
    expect(before.events).toBeGreaterThan(0);
    // A live market resumes from its log (it cannot be re-derived: people may have joined it).
    const resumed = await haggle(["resume", dir, "--db", url, "--json"], { env: env() });
    await stop(worker);
    expect(resumed.code, resumed.stderr).toBe(0);
    const outcome = JSON.parse(resumed.stdout) as { resumedFrom: number; events: number };
    expect(outcome.resumedFrom).toBe(before.events);
    const after = await logHash(dir);
    expect(after.events).toBeGreaterThan(before.events);
    expect((await readRunRecord(dir)).status).toBe("finished");
    // The resumed market's turns went to the worker too.
    expect(await answered()).toBeGreaterThan(answeredBefore);
    expect(worker.log()).toMatch(/stopped after 0 arm\(s\) and [1-9]\d* turn\(s\)/);
  }, 240_000);

  it("refuses a second market process on the same market, and resumes a killed one to the same log", async () => {
    const queue = newQueue("two");
    delayMs = 150;
    try {
      const workers = [startWorker(queue), startWorker(queue)];
      const dir = join(root, `tw-two-${suffix}`);
      const first = start([...runArgs(dir, queue), "--progress-lines"]);
      await until(
        "the first market under way",
        async () => (/"events":\d{3,}/.test(first.log()) ? true : undefined),
        120_000,
      );
      // A second writer on the same market: refused by the market's advisory lock, before it sends a
      // turn or drops the first one's unanswered jobs (which the first would wait for forever).
      const second = await haggle(["resume", dir, "--db", url], { env: env() });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(/already run by another host/);
      expect(first.child.exitCode).toBe(null);
      const progressed = first.log().length;
      await until(
        "the first market going on",
        async () => (first.log().length > progressed + 200 ? true : undefined),
        60_000,
      );
      // Then the market process itself is killed mid-market, and `haggle resume` goes on with workers.
      first.child.kill("SIGKILL");
      await first.exited;
      const resumed = await haggle(["resume", dir, "--db", url, "--json"], { env: env() });
      await Promise.all(workers.map(stop));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout).resumedFrom).toBeGreaterThan(0);
      expect(await logHash(dir)).toEqual(reference);
    } finally {
      delayMs = 0;
    }
  }, 240_000);
});
