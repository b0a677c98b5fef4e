import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../../agents/registry.ts";
import { MarketSession } from "../../app/serve/market-session.ts";
import { parseServeConfig } from "../../app/serve/serve-config.ts";
import { createHttpApp } from "./server.ts";
import { ApiClient } from "./testing/api-client.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ana sells a bike Ben wants; both also have secrets nobody else may read. */
const ANA = {
  name: "Ana",
  items: [
    {
      title: "Trek road bike",
      description: "A light road bike, serviced this spring.",
      condition: "good",
      flaws: "scuffed saddle",
      category: "sports",
      askingPrice: "$80",
      reserve: "$61.37",
    },
  ],
  wants: [{ description: "a vintage film camera", maxPrice: "$43.21" }],
  budget: "$57.89",
  persona: "calm purplegiraffe negotiator",
  instructions: "zebrasecret: never go first on price",
};
const BEN = {
  name: "Ben",
  items: [
    {
      title: "Oak desk lamp",
      description: "",
      condition: "like-new",
      flaws: "",
      category: "home",
      askingPrice: "$30",
      reserve: "$22.17",
    },
  ],
  wants: [{ description: "road bike", maxPrice: "$77.13" }],
  budget: "$93.29",
  persona: "cheerful orcapersona",
  instructions: "walrussecret: buy the bike",
};

/** Each secret as cents (a JSON number) and as money text, bounded so a timestamp's digits never match. */
function secretPatterns(person: typeof ANA): { cents?: number; pattern: RegExp }[] {
  const amounts = [
    ...person.items.map((item) => item.reserve),
    ...person.wants.map((want) => want.maxPrice),
    person.budget,
  ].map((text) => Math.round(Number(text.replace("$", "")) * 100));
  const words = [person.persona.split(" ")[1]!, person.instructions.split(":")[0]!];
  return [
    ...amounts.flatMap((cents) => [
      { cents, pattern: new RegExp(`(?<![0-9.])${cents}(?![0-9])`) },
      {
        cents,
        pattern: new RegExp(
          `\\$?${Math.floor(cents / 100)}\\.${String(cents % 100).padStart(2, "0")}(?![0-9])`,
        ),
      },
    ]),
    ...words.map((word) => ({ pattern: new RegExp(word, "i") })),
  ];
}

describe("the served market's HTTP API", () => {
  let session: MarketSession;
  let app: ReturnType<typeof createHttpApp>;
  let organiserToken: string;
  const organiser = () => new ApiClient(app);

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "haggle-serve-"));
    session = await MarketSession.start({
      dir,
      config: parseServeConfig({
        name: "test-market",
        seed: 3,
        days: 1,
        speed: 3600,
        population: { generate: { participants: 4, itemsPerPerson: [1, 2], wantsPerPerson: [1, 1] } },
        agents: { all: "engine:strong" },
      }),
      configDir: dir,
      createAgent,
    });
    app = createHttpApp({ session, baseUrl: () => "http://localhost" });
    organiserToken = await session.community.newOrganiserToken();
  });

  afterAll(async () => {
    await session?.stop();
  });

  it("signs people in only with a good invite, password or token, with cookies scripts cannot read", async () => {
    const org = organiser();
    expect((await org.post("/api/organiser/login", { token: "nope" })).status).toBe(403);
    const login = await org.raw("POST", "/api/organiser/login", { token: organiserToken });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(login.headers.get("set-cookie")).toMatch(/SameSite=Strict/);
    const invites = await org.post("/api/organiser/invites", { count: 3 });
    expect(invites.status).toBe(200);
    expect(invites.body).toHaveLength(3);
    expect((await org.post("/api/organiser/invites", { count: "lots" })).body.error.field).toBe("count");

    const anon = new ApiClient(app);
    expect((await anon.get("/api/me")).status).toBe(401);
    expect((await anon.get("/api/organiser")).status).toBe(401);
    expect((await anon.get(`/api/invites/${invites.body[0].code}`)).body.status).toBe("unused");
    expect((await anon.get("/api/invites/not-a-code")).body.status).toBe("unknown");
    const unknown = await anon.post("/api/invites/not-a-code/accept", { name: "X", password: "password1" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/not known/);
    const short = await anon.post(`/api/invites/${invites.body[0].code}/accept`, {
      name: "Ana",
      password: "short",
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({
      field: "password",
      message: expect.stringMatching(/at least 8/),
    });
  });

  it("takes the interview with each field's problem named, then trades, with each seeing only their own secrets", async () => {
    const org = organiser();
    await org.post("/api/organiser/login", { token: organiserToken });
    const [inviteA, inviteB] = (await org.post("/api/organiser/invites", { count: 2 })).body;
    const ana = new ApiClient(app);
    const ben = new ApiClient(app);
    expect(
      (await ana.post(`/api/invites/${inviteA.code}/accept`, { name: "Ana", password: "ana-password" }))
        .status,
    ).toBe(200);
    const reused = await ben.post(`/api/invites/${inviteA.code}/accept`, {
      name: "Ben",
      password: "ben-password",
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toMatch(/used already/);
    expect(
      (await ben.post(`/api/invites/${inviteB.code}/accept`, { name: "Ben", password: "ben-password" }))
        .status,
    ).toBe(200);

    const wrong = await ana.put("/api/me/interview", {
      form: { ...ANA, items: [{ ...ANA.items[0], reserve: "$90", askingPrice: "abc" }], budget: "$10" },
    });
    expect(wrong.body.errors["items.0.askingPrice"]).toMatch(/not an amount of money/);
    expect(wrong.body.errors.budget).toMatch(/give at least \$43\.21/);
    expect((await ana.post("/api/me/interview/confirm")).status).toBe(400);
    expect((await ana.put("/api/me/interview", { form: { ...ANA, extra: 1 } })).body.error.field).toBe(
      "form",
    );
    expect((await ana.put("/api/me/interview", { form: ANA })).body.errors).toEqual({});
    expect((await ben.put("/api/me/interview", { form: BEN })).body.errors).toEqual({});
    const confirmed = await ana.post("/api/me/interview/confirm");
    expect(confirmed.body).toMatchObject({ participantId: "ana", mandate: { budget: 5789 } });
    expect((await ben.post("/api/me/interview/confirm")).body.participantId).toBe("ben");

    const opened = await org.post("/api/organiser/market/open");
    expect(opened.body.market.phase).toBe("open");
    expect(opened.body.totals.participants).toBe(6);

    // Ben's agent buys Ana's bike: wait for the deal to settle (a market day takes 24 s here).
    let deal: any;
    for (let i = 0; i < 300 && !deal; i++) {
      await sleep(100);
      deal = (await ben.get("/api/me")).body.deals.find(
        (d: any) => d.counterpart.id === "ana" && d.status !== "accepted",
      );
    }
    expect(deal, "Ben's agent should buy Ana's bike").toBeDefined();
    expect(deal.price).toBeGreaterThanOrEqual(6137);
    expect(deal.price).toBeLessThanOrEqual(7713);

    // Another person's deal: the same 404 as for no deal at all; their page is not reachable.
    const third = new ApiClient(app);
    const [inviteC] = (await org.post("/api/organiser/invites", { count: 1 })).body;
    await third.post(`/api/invites/${inviteC.code}/accept`, { name: "Cy", password: "cy-password" });
    expect((await third.post(`/api/me/deals/${deal.id}/handover`)).status).toBe(404);
    expect(
      (await third.post(`/api/me/deals/${deal.id}/survey`, { fairness: 1, satisfaction: 1, wouldPay: false }))
        .status,
    ).toBe(404);
    expect((await third.get(`/api/me/deals/${deal.id}/memo.md`)).status).toBe(404);
    expect((await ben.get("/api/organiser")).status).toBe(403);
    expect((await ben.post("/api/organiser/market/close")).status).toBe(403);

    // Ben hands over and rates the deal; Ana pauses her agent. Each changes only their own.
    const handed = await ben.post(`/api/me/deals/${deal.id}/handover`);
    expect(handed.status).toBe(200);
    expect(handed.body.deals.find((d: any) => d.id === deal.id).handOver.buyer).toBe(true);
    expect(
      (await ben.post(`/api/me/deals/${deal.id}/survey`, { fairness: 9, satisfaction: 5, wouldPay: true }))
        .body.error.field,
    ).toBe("fairness");
    const rated = await ben.post(`/api/me/deals/${deal.id}/survey`, {
      fairness: 6,
      satisfaction: 5,
      wouldPay: true,
    });
    expect(rated.body.deals.find((d: any) => d.id === deal.id).survey).toEqual({
      fairness: 6,
      satisfaction: 5,
      wouldPay: true,
    });
    expect((await ana.post("/api/me/pause", { paused: true })).body.paused).toBe(true);
    expect((await ben.get("/api/me")).body.paused).toBe(false);
    const memo = await ben.get(`/api/me/deals/${deal.id}/memo.md`);
    expect(memo.text).toContain("Trek road bike");
    const pdf = await ben.raw("GET", `/api/me/deals/${deal.id}/memo.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Ben reads every route and page there is; none holds Ana's secrets (nor Ana Ben's).
    const reads = async (client: ApiClient) => {
      await client.get("/api/session");
      const me = (await client.get("/api/me")).body;
      const channel = (await client.get("/api/channel?limit=500")).body;
      await client.get("/api/people");
      await client.get("/api/organiser");
      for (const entry of channel.entries.filter((e: any) => e.kind === "for sale")) {
        const listing = (await client.get(`/api/listings/${entry.id}`)).body;
        for (const thread of listing.threads) await client.get(`/api/threads/${thread.id}`);
      }
      for (const d of me.deals) {
        await client.get(`/api/me/deals/${d.id}/memo.md`);
        await client.get(`/api/threads/${d.threadId}`);
      }
      for (const path of ["/", "/me", "/organiser", `/listings/${deal.id}`]) await client.get(path);
      const events = await client.raw("GET", "/api/events");
      const reader = events.body!.getReader();
      const chunks: string[] = [];
      const until = Date.now() + 1500;
      while (Date.now() < until) {
        const next = await Promise.race([reader.read(), sleep(300).then(() => undefined)]);
        if (next?.value) chunks.push(Buffer.from(next.value).toString());
        if (next?.done) break;
      }
      await reader.cancel();
      client.seen.push(chunks.join(""));
    };
    await reads(ben);
    await reads(ana);
    // An offer or a price the counterpart legitimately saw may equal a limit: those are not leaks.
    const offered = new Set<number>();
    for (const text of [...ana.seen, ...ben.seen]) {
      for (const match of text.matchAll(/"price":(\d+)/g)) offered.add(Number(match[1]));
    }
    const leaks = (secrets: { cents?: number; pattern: RegExp }[], seen: string[]) =>
      secrets
        .filter(
          ({ cents, pattern }) => !(cents && offered.has(cents)) && seen.some((text) => pattern.test(text)),
        )
        .map(({ pattern }) => pattern.source);
    expect(leaks(secretPatterns(ANA), ben.seen)).toEqual([]);
    expect(leaks(secretPatterns(BEN), ana.seen)).toEqual([]);
    // Tiers stay hidden from people: no route or page names an agent's kind.
    expect([...ana.seen, ...ben.seen].filter((text) => /engine:|"spec"|"tier"/i.test(text))).toEqual([]);
    // Each does see their own.
    expect(ana.seen.join("\n")).toMatch(/6137/);

    // The organiser closes the market; the analysis reads Ben's answers.
    const closed = await org.post("/api/organiser/market/close");
    expect(closed.body.market.phase).toBe("closed");
    const report = await org.get("/api/organiser/analysis");
    expect(report.status).toBe(200);
    const results = await org.get("/api/organiser/analysis/results.json");
    expect(JSON.stringify(results.body)).toMatch(/"fairness":6/);
    // After the close, Ana still hands over through the log.
    const anaHanded = await ana.post(`/api/me/deals/${deal.id}/handover`);
    expect(anaHanded.body.deals.find((d: any) => d.id === deal.id).status).toBe("handed-over");
  }, 60_000);

  it("refuses changes from another site and changes not sent as JSON", async () => {
    const org = organiser();
    await org.post("/api/organiser/login", { token: organiserToken });
    const forged = await org.raw(
      "POST",
      "/api/organiser/invites",
      { count: 1 },
      { origin: "http://evil.example" },
    );
    expect(forged.status).toBe(403);
    const form = await org.raw("POST", "/api/organiser/invites", undefined, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error: { field: string } }).error.field).toBe("content-type");
    const same = await org.raw(
      "POST",
      "/api/organiser/invites",
      { count: 1 },
      { origin: "http://localhost" },
    );
    expect(same.status).toBe(200);
  });

  it("limits sign-in attempts", async () => {
    const guesser = new ApiClient(app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await guesser.post("/api/login", { name: "ana", password: `guess-${i}` })).status);
    expect(statuses.slice(0, 5).every((status) => status === 403)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
