/**
 * Finding 1 of issue 14: a `module:` agent runs isolated. A hostile module looks for canaries it must
 * not find (another person's reserve, an environment variable, a file in the run folder), tries to
 * change the market from inside, hangs and crashes; the market goes on and the engine still holds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../agents/agent.ts";
import { loadModuleAgent } from "../agents/module-agent.ts";
import { createAgent } from "../agents/registry.ts";
import { participantSchema } from "../domain/mandate.ts";
import type { MarketEvent } from "../engine/event.ts";
import { replay } from "../engine/replay.ts";
import { person } from "../engine/testing/fixtures.ts";
import { MemorySink } from "./event-sink.ts";
import { simulateMarket } from "./simulate-market.ts";
import { scriptedAgent } from "./testing-agents.ts";

const DAY = 24 * 3600 * 1000;
const START = Date.UTC(2026, 0, 5, 9);
/** Sam's reserve: no one else may ever learn it. $313.37, an amount nothing else in the market has. */
const CANARY_RESERVE = 31_337;
const ENV_CANARY = "env-canary-7f3a9c";
const FILE_CANARY = "file-canary-d41e07";

const dir = mkdtempSync(join(tmpdir(), "haggle-isolation-"));
const runFolder = join(dir, "run");
const canaryFile = join(runFolder, "records.json");
const canaryEnvFile = join(runFolder, ".env");
const saved = process.env.HAGGLE_CANARY;

beforeAll(() => {
  process.env.HAGGLE_CANARY = ENV_CANARY;
  rmSync(runFolder, { recursive: true, force: true });
  mkdirSync(runFolder, { recursive: true });
  writeFileSync(canaryFile, JSON.stringify({ sam: { reserve: CANARY_RESERVE }, secret: FILE_CANARY }));
  writeFileSync(canaryEnvFile, `HAGGLE_FILE_CANARY=${FILE_CANARY}\n`);
});
afterAll(() => {
  if (saved === undefined) delete process.env.HAGGLE_CANARY;
  else process.env.HAGGLE_CANARY = saved;
  rmSync(dir, { recursive: true, force: true });
});

function moduleFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/**
 * Every way out of the worker a module might try, each answering what it got. Whatever it finds goes
 * into the answer, so a canary that leaked anywhere shows up in it.
 */
const PROBES = `
const FILE = ${JSON.stringify(canaryFile)};
const ENV_FILE = ${JSON.stringify(canaryEnvFile)};
const FILE_URL = ${JSON.stringify(pathToFileURL(canaryFile).href)};
async function attempt(name, run, tries) {
  try { tries[name] = "GOT " + String(await run()).slice(0, 2000); }
  catch (error) { tries[name] = "refused: " + String(error && error.message).slice(0, 200); }
}
export async function probe(view) {
  const tries = {};
  await attempt("env", () => JSON.stringify(process.env) + process.env.HAGGLE_CANARY, tries);
  for (const name of ["node:fs", "fs", "node:fs/promises", "node:child_process", "node:net", "node:http",
    "node:https", "node:dns", "node:worker_threads", "node:module", "node:vm", "node:os", "node:v8",
    "node:inspector", "node:cluster", "node:dgram", "node:tls", "node:wasi", "node:repl"]) {
    await attempt(name, async () => {
      const m = await import(name);
      if (m.readFileSync) return m.readFileSync(FILE, "utf8");
      if (m.readFile) return await m.readFile(FILE, "utf8");
      if (m.execSync) return m.execSync("cat " + FILE + "; echo $HAGGLE_CANARY").toString();
      if (m.createRequire) return m.createRequire(FILE_URL)("node:fs").readFileSync(FILE, "utf8");
      if (m.runInNewContext) return m.runInNewContext("this.constructor.constructor('return process')().env.HAGGLE_CANARY");
      if (m.Worker) return "worker_threads loaded";
      return "loaded " + Object.keys(m).join(",");
    }, tries);
  }
  await attempt("json import", async () => JSON.stringify(await import(FILE_URL, { with: { type: "json" } })), tries);
  await attempt("plain import", async () => JSON.stringify(await import(FILE_URL)), tries);
  await attempt("data import", async () => JSON.stringify(await import("data:text/javascript,export default 1")), tries);
  await attempt("process.binding", () => JSON.stringify(Object.keys(process.binding("fs"))), tries);
  await attempt("process._linkedBinding", () => String(process._linkedBinding("fs")), tries);
  await attempt("process.dlopen", () => String(process.dlopen({}, FILE)), tries);
  await attempt("getBuiltinModule", () => process.getBuiltinModule("fs").readFileSync(FILE, "utf8"), tries);
  await attempt("global require", () => globalThis.require("fs").readFileSync(FILE, "utf8"), tries);
  await attempt("loadEnvFile", () => { process.loadEnvFile(ENV_FILE); return process.env.HAGGLE_FILE_CANARY; }, tries);
  await attempt("report", () => process.report.writeReport(FILE + ".report"), tries);
  await attempt("kill", () => String(process.kill(process.pid, 0)), tries);
  await attempt("fetch", async () => (await fetch("http://127.0.0.1:9/")).status, tries);
  await attempt("BroadcastChannel", () => String(new BroadcastChannel("haggle")), tries);
  await attempt("Function constructor", () => Function("return typeof require")(), tries);
  await attempt("view", () => JSON.stringify(view), tries);
  await attempt("globals", () => Object.getOwnPropertyNames(globalThis).join(","), tries);
  return tries;
}
`;

describe("a module agent runs isolated", () => {
  it("finds no canary: not in its environment, nor in the run folder's files, nor through its view", async () => {
    const path = moduleFile(
      "snoop.mjs",
      `${PROBES}\nexport default () => ({ async decide(view) { return [{ type: "send-message", where: "channel", text: "x", tries: await probe(view) }]; } });`,
    );
    const agent = await loadModuleAgent(path, { participantId: "eve", seed: 1 });
    try {
      const [answer] = (await agent.decide({ me: { id: "eve" } } as never)) as unknown as {
        tries: Record<string, string>;
      }[];
      const tries = answer!.tries;
      const said = JSON.stringify(tries);
      expect(said).not.toContain(ENV_CANARY);
      expect(said).not.toContain(FILE_CANARY);
      expect(said).not.toContain(String(CANARY_RESERVE));
      // It did try, and each way out was closed.
      for (const name of [
        "node:fs",
        "fs",
        "node:fs/promises",
        "node:child_process",
        "node:net",
        "node:http",
        "node:worker_threads",
        "node:module",
        "node:vm",
        "json import",
        "plain import",
        "data import",
        "process.binding",
        "getBuiltinModule",
        "global require",
        "loadEnvFile",
        "report",
        "kill",
        "fetch",
        "BroadcastChannel",
      ]) {
        expect(tries[name], name).toMatch(/^refused: /);
      }
      expect(tries.env).toBe("GOT {}undefined");
      expect(tries["Function constructor"]).toBe("GOT undefined");
    } finally {
      await agent.close();
    }
  });

  it("sees only its own variables named MODULE_AGENT_*", async () => {
    process.env.MODULE_AGENT_GREETING = "hello";
    try {
      const path = moduleFile(
        "env.mjs",
        "export default () => ({ decide: () => [{ type: 'x', env: { ...process.env } }] });",
      );
      const agent = await loadModuleAgent(path, { participantId: "eve", seed: 1 });
      const [answer] = (await agent.decide({} as never)) as unknown as { env: Record<string, string> }[];
      expect(answer!.env).toEqual({ MODULE_AGENT_GREETING: "hello" });
      await agent.close();
    } finally {
      delete process.env.MODULE_AGENT_GREETING;
    }
  });

  it("keeps restore and onRefused: both reach the module, in order, before its next decide", async () => {
    const path = moduleFile(
      "memory.mjs",
      `export default () => { const seen = []; return {
        restore(view) { seen.push("restore@" + view.now); },
        onRefused(refusal) { seen.push("refused:" + refusal.code); },
        decide(view) { seen.push("decide@" + view.now); return [{ type: "x", seen: [...seen] }]; },
      }; };`,
    );
    const agent = await loadModuleAgent(path, { participantId: "eve", seed: 1 });
    agent.restore!({ now: 1 } as never);
    agent.onRefused!({ action: { type: "confirm-deal", dealId: "D1" }, code: "deal/unknown", message: "no" });
    const [answer] = (await agent.decide({ now: 2 } as never)) as unknown as { seen: string[] }[];
    expect(answer!.seen).toEqual(["restore@1", "refused:deal/unknown", "decide@2"]);
    await agent.close();
  });
});

function people() {
  return [
    person("sam", { items: [{ id: "bike", title: "Road bike", asking: 40_000, reserve: CANARY_RESERVE }] }),
    person("bea", { wants: [{ id: "w", description: "a tent", max: 7_000, keywords: ["tent"] }] }),
    person("tia", { items: [{ id: "tent", title: "Camping tent", asking: 3_000, reserve: 2_000 }] }),
    person("eve", {
      wants: [{ id: "w", description: "a bike", max: 50_000, keywords: ["bike"] }],
      budget: 60_000,
    }),
  ].map((input) => participantSchema.parse(input));
}

/** A market where eve's agent is the module at `path`; the others are scripted and trade as usual. */
async function marketWithModule(path: string, decideTimeoutMs = 2_000) {
  const participants = people();
  const sink = new MemorySink();
  const made: Agent[] = [];
  const result = await simulateMarket({
    marketId: "isolation",
    seed: 3,
    participants,
    assignment: { sam: "test:scripted", bea: "test:scripted", tia: "test:scripted", eve: `module:${path}` },
    createAgent: async (spec, context) => {
      if (spec === "test:scripted") return scriptedAgent();
      const agent = await createAgent(spec, context, { module: { decideTimeoutMs, memoryMb: 64 } });
      made.push(agent);
      return agent;
    },
    sink,
    startAt: START,
    durationMs: 2 * DAY,
  });
  const of = <T extends MarketEvent["type"]>(type: T) =>
    sink.events.filter((event): event is Extract<MarketEvent, { type: T }> => event.type === type);
  return { result, sink, of, made };
}

describe("a market with a hostile module agent", () => {
  it("trades on; the module's messages carry no canary, whatever it looked for", async () => {
    const path = moduleFile(
      "snoop-market.mjs",
      `${PROBES}
      export default () => ({ async decide(view) {
        const tries = await probe(view);
        return Object.entries(tries).map(([name, got]) => ({ type: "send-message", where: "channel", text: (name + ": " + got).slice(0, 1900) }));
      } });`,
    );
    const { result, of } = await marketWithModule(path);
    const said = of("message-posted")
      .filter((event) => event.actor === "eve")
      .map((event) => event.message.text);
    expect(said.length).toBeGreaterThan(10);
    const all = said.join("\n");
    expect(all).toContain("node:fs: refused");
    expect(all).not.toContain(ENV_CANARY);
    expect(all).not.toContain(FILE_CANARY);
    expect(all).not.toContain(String(CANARY_RESERVE));
    expect(all).not.toContain("313.37");
    expect(result.state.status).toBe("closed");
    expect([...result.state.deals.values()].map((deal) => [deal.seller, deal.buyer])).toContainEqual([
      "tia",
      "bea",
    ]);
  });

  it("cannot change the market: what it edits is its own copy, and the engine refuses a deal below reserve", async () => {
    const path = moduleFile(
      "tamper.mjs",
      `export default () => ({ decide(view) {
        // Everything it can reach: its view (a copy), the prototypes and globals of its own thread.
        try { for (const item of view.me.mandate.items) item.reserve = 1; } catch {}
        try { view.me.mandate.budget = 1e9; view.me.available = 1e9; } catch {}
        try { for (const listing of view.matchingListings) { listing.askingPrice = 100; listing.reserve = 100; } } catch {}
        try { Object.prototype.reserve = 1; Object.prototype.status = "sold"; } catch {}
        try { globalThis.state = { listings: new Map() }; } catch {}
        const listing = view.matchingListings[0];
        if (!listing || view.threads.length > 0) return [];
        return [{ type: "make-offer", listingId: listing.id, wantId: "w", price: 100, text: "$1, deal?" }];
      } });`,
    );
    const { result, of } = await marketWithModule(path);
    const bike = [...result.state.listings.values()].find((listing) => listing.itemId === "bike")!;
    // Eve offered $1 and sam's scripted agent tried to accept it: the engine said no.
    expect(of("offer-made").some((event) => event.offer.from === "eve" && event.offer.price === 100)).toBe(
      true,
    );
    expect(
      of("action-refused").some((event) => event.actor === "sam" && event.code === "offer/below-reserve"),
    ).toBe(true);
    expect([...result.state.deals.values()].filter((deal) => deal.listingId === bike.id)).toEqual([]);
    const sam = result.state.participants.get("sam")!;
    expect(sam.participant.mandate.items[0]!.reserve).toBe(CANARY_RESERVE);
    expect(result.state.participants.get("eve")!.participant.mandate.budget).toBe(60_000);
    expect(({} as { reserve?: number }).reserve).toBeUndefined();
  });

  it("misses its turns when it hangs, and the market goes on; the worker is stopped each time", async () => {
    const path = moduleFile(
      "hang.mjs",
      "export default () => ({ decide(view) { if (view.now % 2 === 0) for (;;) {} return new Promise(() => {}); } });",
    );
    const started = performance.now();
    const { result, of } = await marketWithModule(path, 200);
    const faults = of("agent-faulted");
    expect(faults.map((event) => event.fault)).toEqual(["timeout", "timeout", "timeout"]);
    expect(faults[2]!.suspended).toBe(true);
    expect(result.state.participants.get("eve")!.suspended).toBe(true);
    expect(result.state.status).toBe("closed");
    expect([...result.state.deals.values()].map((deal) => [deal.seller, deal.buyer])).toContainEqual([
      "tia",
      "bea",
    ]);
    // Three turns of 200 ms, not three of the scheduler's two minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  for (const [name, body] of [
    ["exits", "process.exit(3)"],
    [
      "throws later, outside decide",
      "setTimeout(() => { throw new Error('later'); }, 0); return new Promise(() => {});",
    ],
    ["runs out of memory", "const all = []; for (;;) all.push(new Array(1e6).fill(Math.random()));"],
    ["throws", "throw new Error('boom')"],
  ] as const) {
    it(`misses its turn when it ${name}, and the market goes on`, async () => {
      const path = moduleFile(
        `crash-${name.replace(/\W/g, "")}.mjs`,
        `export default () => ({ decide(view) { ${body} } });`,
      );
      const { result, of, sink } = await marketWithModule(path, 5_000);
      const faults = of("agent-faulted");
      expect(faults.length).toBe(3);
      expect(faults.every((event) => event.participant === "eve" && event.fault === "threw")).toBe(true);
      expect(result.state.status).toBe("closed");
      expect([...result.state.deals.values()].map((deal) => [deal.seller, deal.buyer])).toContainEqual([
        "tia",
        "bea",
      ]);
      expect(replay(sink.events, undefined).status).toBe("closed");
    });
  }
});
