/**
 * The live market server under watch: `haggle serve` (a child process, as a user starts it) runs a
 * market of built-in people on the wall clock while many signed-in people follow it over server-sent
 * events. Reports how long an event takes from its append to its arrival at the clients (p50/p95),
 * the server's CPU and memory, and how long the first page takes to load in Chromium.
 *
 *   npm run bench:serve [-- --clients 200 --participants 69 --speed 60 --seconds 60 --json]
 *   npm run bench:serve -- --profile /tmp/serve-prof   (a CPU profile of the server, for DevTools)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { findChromium, launchChromium } from "../test/support/chromium.ts";
import { HttpSession, startServe } from "../test/support/serve-process.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "200" },
    participants: { type: "string", default: "69" },
    speed: { type: "string", default: "60" },
    seconds: { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
    /** A folder for a CPU profile of the server (node --cpu-prof), to see where its time goes. */
    profile: { type: "string" },
  },
});
const clients = Number(values.clients);
const participants = Number(values.participants);
const speed = Number(values.speed);
const seconds = Number(values.seconds);
if (!Number.isInteger(clients) || clients < 1) throw new Error("--clients: a whole number of at least 1");
if (!Number.isInteger(participants) || participants < 2) throw new Error("--participants: at least 2");
if (!(speed > 0)) throw new Error("--speed: market seconds per real second, above 0");
if (!(seconds > 0)) throw new Error("--seconds: how long to watch, above 0");

const CHROMIUM = findChromium();
const OPENING_MS = 10_000;
const say = (line: string) => {
  if (!values.json) process.stderr.write(`bench:serve: ${line}\n`);
};
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The server process's CPU seconds so far and its resident memory, from /proc. */
function processUsage(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, rssMb: rss / 1024 };
}

const root = mkdtempSync(join(tmpdir(), "haggle-bench-serve-"));
const config = join(root, "market.yaml");
writeFileSync(
  config,
  [
    "name: bench-serve",
    `seed: ${Number(values.seed)}`,
    "days: 7",
    `speed: ${speed}`,
    `population: { generate: { participants: ${participants} } }`,
    "agents: { random: { engine:strong: 0.5, engine:weak: 0.5 } }",
  ].join("\n"),
);
const served = await startServe(
  ["--config", config, "--dir", join(root, "served")],
  {},
  values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : [],
);
try {
  say(`server at ${served.url} (pid ${served.child.pid}); signing in ${clients} people`);
  const organiser = new HttpSession(served.url);
  await organiser.call("POST", "/api/organiser/login", { token: served.organiserToken });
  const invites = (await organiser.call("POST", "/api/organiser/invites", { count: clients })).body as {
    code: string;
  }[];
  const people: HttpSession[] = [];
  for (let i = 0; i < invites.length; i += 8) {
    const batch = invites.slice(i, i + 8).map(async (invite, j) => {
      const person = new HttpSession(served.url);
      const answer = await person.call("POST", `/api/invites/${invite.code}/accept`, {
        name: `Watcher ${i + j + 1}`,
        password: "watching-password",
      });
      if (answer.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(answer.body)}`);
      return person;
    });
    people.push(...(await Promise.all(batch)));
  }

  // Every client follows the stream; each message's delay is its arrival less its append. The clients
  // are spread over worker threads, so their reading is not counted as the server's delay.
  const threads = Math.min(4, people.length);
  const watchers = Array.from({ length: threads }, (_, i) => {
    const worker = new Worker(new URL("./serve-watchers.mjs", import.meta.url), {
      workerData: {
        url: served.url,
        cookies: people.filter((_, j) => j % threads === i).map((person) => person.cookie!),
      },
    });
    const connected = new Promise<void>((resolve) =>
      worker.on("message", (message: { type: string }) => message.type === "connected" && resolve()),
    );
    const result = new Promise<{ delays: number[]; steady: number[]; messages: number }>((resolve) =>
      worker.on(
        "message",
        (message: { type: string; delays: number[]; steady: number[]; messages: number }) => {
          if (message.type === "result") resolve(message);
        },
      ),
    );
    return { worker, connected, result };
  });
  await Promise.all(watchers.map((watcher) => watcher.connected));
  // Give the streams a moment to be accepted before the market opens.
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const pid = served.child.pid!;
  const before = processUsage(pid);
  let peakRss = before.rssMb;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, processUsage(pid).rssMb);
  }, 500);
  say(`${people.length} streams open; opening the market for ${seconds} s at speed ${speed}`);
  const watchStart = performance.now();
  for (const { worker } of watchers) worker.postMessage({ type: "steady-from", at: Date.now() + OPENING_MS });
  await organiser.call("POST", "/api/organiser/market/open", {});
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = processUsage(pid);
  const watched = (performance.now() - watchStart) / 1000;
  clearInterval(sampler);
  const market = (await organiser.call("GET", "/api/session")).body.market as { lastSeq: number };

  // The first page, in Chromium: a signed-in person opens the channel.
  let firstLoadMs: number | undefined;
  let loadSteps: { what: string; startMs: number; firstByteMs: number; endMs: number; kB: number }[] = [];
  if (CHROMIUM.path) {
    const browser = await launchChromium(CHROMIUM.path);
    try {
      const context = await browser.newContext();
      const [name, value] = people[0]!.cookie!.split("=");
      await context.addCookies([{ name: name!, value: value!, url: served.url }]);
      const page = await context.newPage();
      // Loaded once the channel's posts are on screen (what a person sees), timed by the page itself
      // from the navigation's start (the Navigation Timing origin), as browsers report page loads.
      await page.goto(`${served.url}/`, { waitUntil: "commit" });
      const shown = await page
        // (Runs in the page, where `document` is; this file is typed for Node, without the DOM.)
        .waitForFunction(
          () =>
            (
              globalThis as unknown as { document: { querySelector(s: string): unknown } }
            ).document.querySelector("ul.channel li.entry") && performance.now(),
          null,
          {
            timeout: 10_000,
            polling: "raf",
          },
        )
        .then(
          async (handle) => (await handle.jsonValue()) as number,
          (error: Error) => {
            say(`waiting for the channel's posts: ${error.message.split("\n")[0]}`);
            return undefined;
          },
        );
      if (shown !== undefined) {
        firstLoadMs = shown;
        // Where the load went, by the page's own timing (ms from the navigation's start).
        loadSteps = await page.evaluate(() =>
          (performance.getEntriesByType("navigation" as never) as unknown[])
            .concat(performance.getEntriesByType("resource" as never))
            .map((entry) => {
              const timing = entry as {
                name: string;
                startTime: number;
                responseStart: number;
                responseEnd: number;
                encodedBodySize: number;
              };
              return {
                what: new URL(timing.name).pathname,
                startMs: Math.round(timing.startTime),
                firstByteMs: Math.round(timing.responseStart),
                endMs: Math.round(timing.responseEnd),
                kB: Math.round(timing.encodedBodySize / 1024),
              };
            }),
        );
      } else {
        const shot = join(tmpdir(), "bench-serve-first-load.png");
        await page.screenshot({ path: shot }).catch(() => {});
        say(`the channel's posts never showed (see ${shot}): first load not measured`);
      }
    } finally {
      await browser.close();
    }
  } else {
    say(`${CHROMIUM.reason}: the first page load is not measured`);
  }
  for (const { worker } of watchers) worker.postMessage({ type: "stop" });
  const results = await Promise.all(watchers.map((watcher) => watcher.result));
  for (const { worker } of watchers) await worker.terminate();
  const delays = results.flatMap((r) => r.delays);
  const steady = results.flatMap((r) => r.steady);
  const messages = results.reduce((sum, r) => sum + r.messages, 0);

  delays.sort((a, b) => a - b);
  steady.sort((a, b) => a - b);
  const result = {
    clients: people.length,
    participants,
    speed,
    seconds: watched,
    events: market.lastSeq,
    messages,
    delayMs: { p50: percentile(delays, 50), p95: percentile(delays, 95), max: delays.at(-1) ?? Number.NaN },
    afterOpeningDelayMs: {
      p50: percentile(steady, 50),
      p95: percentile(steady, 95),
      max: steady.at(-1) ?? Number.NaN,
    },
    loadAverage: (await import("node:os")).loadavg()[0] ?? 0,
    serverCpuPercent: ((after.cpuSeconds - before.cpuSeconds) / watched) * 100,
    serverPeakRssMb: peakRss,
    firstLoadMs,
    loadSteps,
  };
  const goals = [
    {
      goal: "p95 delay from append to arrival under 100 ms",
      value: result.delayMs.p95,
      met: result.delayMs.p95 < 100,
    },
    {
      goal: "first page load under 1 s on loopback",
      value: firstLoadMs ?? "not measured",
      met: firstLoadMs !== undefined && firstLoadMs < 1000,
    },
  ];
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...result, goals }, null, 2)}\n`);
  } else {
    console.table([
      {
        clients: result.clients,
        people: participants,
        speed,
        "watched s": watched.toFixed(1),
        events: result.events,
        "messages received": messages,
        "p50 ms": result.delayMs.p50,
        "p95 ms": result.delayMs.p95,
        "max ms": result.delayMs.max,
        "p95 after 10 s": result.afterOpeningDelayMs.p95,
        "server CPU %": result.serverCpuPercent.toFixed(0),
        "server peak RSS MB": result.serverPeakRssMb.toFixed(0),
        "first load ms": firstLoadMs?.toFixed(0) ?? "-",
      },
    ]);
    if (loadSteps.length > 0) {
      console.log("first load, step by step (ms from the navigation's start):");
      console.table(loadSteps);
    }
    console.log(
      `machine load average (1 min) at the end: ${result.loadAverage.toFixed(2)} on ${(await import("node:os")).cpus().length} cores`,
    );
    for (const goal of goals) {
      console.log(
        `${goal.met ? "met   " : "MISSED"}  ${goal.goal} (${typeof goal.value === "number" ? `${goal.value.toFixed(0)} ms` : goal.value})`,
      );
    }
  }
} finally {
  await served.stop();
  rmSync(root, { recursive: true, force: true });
}
