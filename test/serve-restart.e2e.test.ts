import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HttpSession, type ServedMarket, startServe } from "./support/serve-process.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-serve-restart-"));
const running: ServedMarket[] = [];
afterAll(async () => {
  for (const served of running) await served.kill().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("haggle serve killed with SIGKILL", () => {
  it("resumes its market from the log; a browser reconnecting with Last-Event-ID misses nothing and sees nothing twice", async () => {
    const config = join(root, "market.yaml");
    writeFileSync(
      config,
      [
        "name: restart-market",
        "seed: 5",
        "days: 1",
        "speed: 2400",
        "population:",
        "  generate: { participants: 8, itemsPerPerson: [1, 2], wantsPerPerson: [1, 2] }",
      ].join("\n"),
    );
    const dir = join(root, "served");
    const first = await startServe(["--config", config, "--dir", dir]);
    running.push(first);
    const organiser = new HttpSession(first.url);
    expect(
      (await organiser.call("POST", "/api/organiser/login", { token: first.organiserToken })).status,
    ).toBe(200);
    const [invite] = (await organiser.call("POST", "/api/organiser/invites", { count: 1 })).body;
    const person = new HttpSession(first.url);
    await person.call("POST", `/api/invites/${invite.code}/accept`, {
      name: "Dee",
      password: "dee-password",
    });
    const form = {
      name: "Dee",
      items: [],
      wants: [{ description: "a good book", maxPrice: "$20" }],
      budget: "$30",
      persona: "",
      instructions: "",
    };
    await person.call("PUT", "/api/me/interview", { form });
    expect((await organiser.call("POST", "/api/organiser/market/open", {})).body.market.phase).toBe("open");

    // The organiser watches for a while, then the server dies mid-market.
    // (The embedded store can take a few seconds to open on a busy machine: watch until events come.)
    let before = await organiser.events(2500);
    for (let i = 0; i < 10 && before.filter((m) => m.event === "market").length <= 5; i++) {
      before = await organiser.events(2500);
    }
    const seen = before.filter((message) => message.event === "market").map((message) => message.id!);
    expect(seen.length).toBeGreaterThan(5);
    await first.kill();

    // What Dee typed before the kill is kept.
    const second = await startServe(["--config", config, "--dir", dir]);
    running.push(second);
    organiser.base = second.url;
    person.base = second.url;
    // Sessions survive the restart: the same cookies still sign in.
    const info = await organiser.call("GET", "/api/session");
    expect(info.body.user.role).toBe("organiser");
    expect(info.body.market.phase).toBe("open");
    expect((await person.call("GET", "/api/me")).body.interview.form.wants[0].description).toBe(
      "a good book",
    );

    // The restarted server replays the log before the market goes on: wait for the stream to move.
    let after = await organiser.events(3000, seen.at(-1));
    for (let i = 0; i < 10 && !after.some((m) => m.event === "market"); i++) {
      after = await organiser.events(3000, seen.at(-1));
    }
    const resumed = after.filter((message) => message.event === "market").map((message) => message.id!);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed[0]).toBeGreaterThan(seen.at(-1)!);
    const all = [...seen, ...resumed];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => a - b));

    // Read from the start, the stream gives exactly the same events over the same span: nothing lost.
    const fresh = (await organiser.events(2500))
      .filter((message) => message.event === "market")
      .map((message) => message.id!)
      .filter((id) => id <= resumed.at(-1)!);
    expect(fresh).toEqual(all);

    // The market goes on after the restart: a person who confirms now joins it.
    const joined = await person.call("POST", "/api/me/interview/confirm", {});
    expect(joined.body.joined).toBe(true);
    await sleep(200);
    await second.stop();
  }, 120_000);
});
