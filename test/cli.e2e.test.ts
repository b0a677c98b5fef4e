import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { haggle, repoRoot } from "./support/haggle-cli.ts";

const exec = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "haggle-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("haggle as a user runs it", () => {
  it("npx haggle --help lists the commands", async () => {
    const { stdout } = await exec("npx", ["haggle", "--help"], { cwd: repoRoot });
    expect(stdout).toContain("Usage: haggle");
    for (const command of [
      "demo",
      "run",
      "resume",
      "show",
      "negotiate",
      "parse",
      "handover",
      "token",
      "mcp",
      "serve",
      "invite",
      "redteam",
      "worker",
      "queue",
    ]) {
      expect(stdout).toContain(command);
    }
  });

  it("npm start runs the demo market and prints its summary", async () => {
    const { stdout } = await exec("npm", ["start", "--silent"], { cwd: repoRoot, maxBuffer: 16 << 20 });
    expect(stdout).toMatch(/Market demo-\S+: 69 participants/);
    expect(stdout).toMatch(/listings\s+5\d\d/);
    expect(stdout).toMatch(/deals\s+\d{2,}/);
    expect(stdout).toMatch(/median price\s+\$\d/);
    const folder = /Run folder: (\S+)/.exec(stdout)?.[1];
    expect(folder && existsSync(join(folder, "run.json"))).toBe(true);
    expect(readdirSync(join(folder!, "memos")).length).toBeGreaterThan(10);
    // Each sample deal names its thread and shows how the price got there, opening to close.
    const sample = /\n {2}(D\d+) \(thread (T\d+)\): .* for (\$[\d.,]+) \(asked/.exec(stdout);
    expect(sample, stdout).not.toBeNull();
    const [, dealId, threadId] = sample!;
    expect(stdout).toMatch(/\n {4}offers: \$[\d.,]+( -> (\$[\d.,]+|\.\.\.))* \(\d+ offers?\)\n/);
    // The closing lines point to the analysis, a transcript by deal id and that deal's memo.
    expect(stdout).toContain(`haggle analyze ${folder}`);
    expect(stdout).toContain(`haggle show ${folder} --thread ${dealId}`);
    expect(stdout).toContain(`${folder}/memos/${dealId}.md`);
    expect(existsSync(join(folder!, "memos", `${dealId}.md`))).toBe(true);
    // show --thread takes the deal id the summary prints, as well as the thread id.
    const byDeal = await haggle(["show", folder!, "--thread", dealId!]);
    expect(byDeal.code, byDeal.stderr).toBe(0);
    expect(byDeal.stdout.split("\n")[0]).toMatch(new RegExp(`^${threadId}: .*, deal ${dealId} at \\$`));
    expect(byDeal.stdout).toBe((await haggle(["show", folder!, "--thread", threadId!])).stdout);
    rmSync(folder!, { recursive: true, force: true });
  });

  it("prints machine-readable output with --json", async () => {
    const out = join(root, "json-demo");
    const result = await haggle(["demo", "--participants", "12", "--out", out, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.summary.participants).toBe(12);
    expect(parsed.dir).toBe(out);
    // What --json gave before, and now each sample's thread, offers and closing messages too.
    expect(Object.keys(parsed)).toEqual(["dir", "summary", "events", "wallMs"]);
    const sample = parsed.summary.samples[0];
    expect(Object.keys(sample)).toEqual(
      expect.arrayContaining([
        "dealId",
        "item",
        "seller",
        "buyer",
        "askingPrice",
        "price",
        "rounds",
        "opening",
      ]),
    );
    expect(sample.threadId).toMatch(/^T\d+$/);
    expect(sample.offerPrices.at(-1).price).toBe(sample.price);
    expect(sample.offersMade).toBeGreaterThanOrEqual(sample.offerPrices.length);
    // Progress never mixes into --json output, and goes to stderr only.
    expect(result.stderr).not.toMatch(/demo: \d+%/);
  });

  it("exits 2 with a message naming the field and the fix on bad input", async () => {
    const config = join(root, "bad.yaml");
    writeFileSync(config, "name: bad\npopulation:\n  generate:\n    participants: 1\n");
    const bad = await haggle(["run", "--config", config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("participants");
    expect(bad.stderr).toContain("at least 2");

    const typo = await haggle(["demo", "--seed", "-3"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--seed");

    const unknown = await haggle(["frobnicate"]);
    expect(unknown.code).toBe(2);

    const notRun = await haggle(["resume", root]);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toContain("not a run folder");
  });

  it("says which database a worker or the queue cannot reach and what to do, without its password", async () => {
    const db = "postgres://haggle:hunter2@127.0.0.1:1/haggle";
    for (const args of [
      ["worker", "--db", db],
      ["queue", "--db", db],
    ]) {
      const result = await haggle(args);
      expect(result.code, args[0]).not.toBe(0);
      expect(result.stderr).toContain("Cannot use PostgreSQL at postgres://haggle:***@127.0.0.1:1/haggle");
      expect(result.stderr).toContain("Start the server or correct the URL (--db or HAGGLE_DB).");
      expect(result.stderr).not.toContain("hunter2");
    }
  });

  it("marks a hand-over done from both sides", async () => {
    const out = join(root, "handover");
    const config = join(repoRoot, "examples", "people-market.yaml");
    expect((await haggle(["run", "--config", config, "--out", out])).code).toBe(0);
    const first = await haggle(["handover", "D1", "--as", "ann", "--run", out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("waiting for the other side");
    const again = await haggle(["handover", "D1", "--as", "ann", "--run", out]);
    expect(again.code).toBe(2);
    // The thread's id (what `show` lists) names its deal as well.
    const second = await haggle(["handover", "T1", "--as", "ben", "--run", out, "--json"]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ deal: "D1", status: "handed-over" });
    const noDeal = await haggle(["handover", "T99", "--as", "ben", "--run", out]);
    expect(noDeal.code).toBe(2);
  });

  it("shows a run's threads, a transcript, the channel and a participant", async () => {
    const out = join(root, "show");
    const config = join(repoRoot, "examples", "people-market.yaml");
    expect((await haggle(["run", "--config", config, "--out", out])).code).toBe(0);
    const list = await haggle(["show", out]);
    expect(list.stdout).toBe(
      "T1     confirmed   Ann -> Ben: Trek FX 2 hybrid bike, 54 cm at $60.00\n" +
        "T2     confirmed   Ben -> Ann: IKEA desk lamp, white at $11.00\n",
    );
    const listed = JSON.parse((await haggle(["show", out, "--json"])).stdout);
    expect(listed[0]).toEqual({
      id: "T1",
      item: "Trek FX 2 hybrid bike, 54 cm",
      askingPrice: 6500,
      seller: "Ann",
      buyer: "Ben",
      status: "confirmed",
      deal: { id: "D1", price: 6000, status: "confirmed" },
      messages: 18,
    });
    const thread = await haggle(["show", out, "--thread", "T1"]);
    expect(thread.stdout.split("\n").slice(0, 3)).toEqual([
      'T1: "Trek FX 2 hybrid bike, 54 cm" (asking $65.00), Ann selling to Ben: confirmed, deal D1 at $60.00',
      "",
      "[01-05 11:45] Ben: Hi! Is the Trek FX 2 hybrid bike, 54 cm still available? Would you take $45.50?",
    ]);
    const transcript = JSON.parse((await haggle(["show", out, "--thread", "T1", "--json"])).stdout);
    expect(Object.keys(transcript)).toEqual([
      "id",
      "item",
      "askingPrice",
      "seller",
      "buyer",
      "status",
      "deal",
      "messages",
    ]);
    expect(transcript.messages).toHaveLength(18);
    expect(Object.keys(transcript.messages[0])).toEqual(["at", "from", "text"]);
    const byDeal = JSON.parse((await haggle(["show", out, "--thread", "D1", "--json"])).stdout);
    expect(byDeal).toEqual(transcript);
    const unknown = await haggle(["show", out, "--thread", "D99"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no thread or deal "D99" in this run');
    const channel = await haggle(["show", out, "--channel"]);
    expect(channel.stdout.split("\n").slice(0, 2)).toEqual([
      "[01-05 09:36] Ann for sale: Trek FX 2 hybrid bike, 54 cm (good) $65.00 [L1, sold]",
      "[01-05 09:36] Ann looking for: a desk lamp [A1, fulfilled]",
    ]);
    const ann = await haggle(["show", out, "--participant", "ann"]);
    expect(ann.stdout).toBe(
      [
        "Ann (ann): spent $11.00, earned $60.00",
        "Listings:",
        "  L1 Trek FX 2 hybrid bike, 54 cm $65.00 sold",
        "Negotiations:",
        "  T1 Ann -> Ben: Trek FX 2 hybrid bike, 54 cm: confirmed at $60.00 (18 messages)",
        "  T2 Ben -> Ann: IKEA desk lamp, white: confirmed at $11.00 (17 messages)",
        "",
      ].join("\n"),
    );
    const page = JSON.parse((await haggle(["show", out, "--participant", "ann", "--json"])).stdout);
    expect(Object.keys(page)).toEqual(["id", "name", "spent", "earned", "listings", "threads"]);
    expect(JSON.stringify(page)).not.toContain("reserve");
    const missing = await haggle(["show", out, "--thread", "T99"]);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      2,
      'haggle: no thread or deal "T99" in this run: see the list with haggle show <run>',
    ]);
    const nobody = await haggle(["show", out, "--participant", "nobody"]);
    expect([nobody.code, nobody.stderr.trim()]).toEqual([2, 'haggle: no participant "nobody" in this run']);
  });

  it("runs a market on the wall clock, in step with it", async () => {
    const config = join(root, "live.yaml");
    // 0.1 market days (2.4 hours) at 1,440 market seconds a second: 6 s of real time.
    writeFileSync(
      config,
      "name: live\nclock: wall\nspeed: 1440\ndays: 0.1\npopulation:\n  generate:\n    participants: 6\n",
    );
    const out = join(root, "live");
    const started = Date.now();
    const result = await haggle(["run", "--config", config, "--out", out, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    // The market may not end before its time is up; on a virtual clock this one is over in about the
    // time its store takes to open (a second or two).
    expect(JSON.parse(result.stdout).wallMs).toBeGreaterThanOrEqual(5_900);
    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    expect(run.config.clock).toBe("wall");
    // A wall-clock market without a start date starts when it is run.
    expect(Math.abs(Date.parse(run.config.start) - started)).toBeLessThan(30_000);
    expect(JSON.parse(result.stdout).summary.participants).toBe(6);
  });
});
