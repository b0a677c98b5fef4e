import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { slackLinkCode } from "./mirror.ts";
import { slackMount } from "./slack-server.ts";
import { signedHeaders } from "./testing/fake-slack.ts";
import { liveHost } from "./testing/live-host.ts";
import {
  CHANNEL,
  fake,
  keyOf,
  mirrorOf,
  newDir,
  type Recorded,
  SECRET,
  trade,
  waitFor,
} from "./testing/mirror-harness.ts";

describe("the Slack mirror's buttons and commands", () => {
  it("turns clicks into hand-overs and survey answers, refusing bad signatures, old timestamps and other people", async () => {
    const { host } = liveHost();
    const recorded: Recorded = { handOvers: [], surveys: [] };
    const mirror = await mirrorOf(host, newDir(), recorded);
    // Mounted as `haggle serve` mounts handlers, beside the rest of a server.
    const mount = slackMount(() => mirror);
    const server = new Hono()
      .all(mount.path, (c) => mount.fetch(c.req.raw))
      .get("/", (c) => c.text("web app"));
    expect(await (await server.request("/")).text()).toBe("web app");
    expect((await server.request("/slack/events")).status).toBe(405);
    const none = slackMount(() => undefined);
    expect((await none.fetch(new Request("http://localhost/slack/events", { method: "POST" }))).status).toBe(
      503,
    );
    await trade(host);
    await mirror.idle();
    const dm = fake.messages.find((m) => m.channel === "DUBEA")!;
    const post = (body: string, headers: Record<string, string>) =>
      server.request("/slack/events", { method: "POST", body, headers });
    const click = (user: string, action: Record<string, unknown>) =>
      `payload=${encodeURIComponent(
        JSON.stringify({
          type: "block_actions",
          user: { id: user },
          team: { id: "T1" },
          api_app_id: "A1",
          token: "legacy",
          container: { type: "message", channel_id: dm.channel, message_ts: dm.ts },
          channel: { id: dm.channel },
          message: { ts: dm.ts },
          trigger_id: "1.2.3",
          actions: [{ block_id: "b", action_ts: "1", ...action }],
        }),
      )}`;
    const blocks = JSON.stringify(dm.blocks);
    const handOverValue = JSON.stringify({ d: "D1", p: "bea" });
    expect(blocks).toContain(JSON.stringify(handOverValue).slice(1, -1));
    const handOverClick = click("UBEA", {
      type: "button",
      action_id: "haggle_handover",
      value: handOverValue,
    });

    // Refused before anything happens: a wrong signature, an old or a future timestamp, none at all.
    const bad = await post(handOverClick, signedHeaders("wrong-secret", handOverClick));
    expect(bad.status).toBe(401);
    const old = await post(
      handOverClick,
      signedHeaders(SECRET, handOverClick, Math.floor(Date.now() / 1000) - 301),
    );
    expect(old.status).toBe(401);
    const future = await post(
      handOverClick,
      signedHeaders(SECRET, handOverClick, Math.floor(Date.now() / 1000) + 301),
    );
    expect(future.status).toBe(401);
    const unsigned = await post(handOverClick, { "content-type": "application/x-www-form-urlencoded" });
    expect(unsigned.status).toBe(401);
    const tampered = await post(handOverClick.replace("UBEA", "USAM"), signedHeaders(SECRET, handOverClick));
    expect(tampered.status).toBe(401);
    await mirror.idle();
    expect(recorded.handOvers).toEqual([]);

    // Someone else clicking (signed, but not Bea's Slack user) is told so, and nothing is recorded.
    const stranger = click("USAM", { type: "button", action_id: "haggle_handover", value: handOverValue });
    expect((await post(stranger, signedHeaders(SECRET, stranger))).status).toBe(200);
    await mirror.idle();
    expect(recorded.handOvers).toEqual([]);
    expect(fake.ephemerals).toEqual([expect.objectContaining({ user: "USAM", channel: "DUBEA" })]);

    // Bea's own click: the hand-over is recorded in the market, the DM shows it, the thread says so.
    const good = await post(handOverClick, signedHeaders(SECRET, handOverClick));
    expect(good.status).toBe(200);
    await mirror.idle();
    expect(recorded.handOvers).toEqual([["bea", "D1"]]);
    expect(host.state.deals.get("D1")!.handedOverBy).toEqual(["bea"]);
    expect(fake.updates.at(-1)!.blocks).toBeDefined();
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).toContain("you marked it done");
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).not.toContain("haggle_handover");
    expect(fake.in(CHANNEL).at(-1)!.text).toBe("T1 · *Bea* marked the hand-over of D1 done");

    // The survey: a menu choice and a button.
    const fairness = click("UBEA", {
      type: "static_select",
      action_id: "haggle_fairness",
      selected_option: { text: { type: "plain_text", text: "5" }, value: `${handOverValue}|5` },
    });
    expect((await post(fairness, signedHeaders(SECRET, fairness))).status).toBe(200);
    const pay = click("UBEA", { type: "button", action_id: "haggle_would_pay_no", value: handOverValue });
    expect((await post(pay, signedHeaders(SECRET, pay))).status).toBe(200);
    await mirror.idle();
    expect(recorded.surveys).toEqual([
      ["bea", "D1", { fairness: 5 }],
      ["bea", "D1", { wouldPay: false }],
    ]);
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).toContain("Recorded: fairness 5, would pay: no.");

    // A second hand-over click is refused by the engine, and the DM says why.
    const again = await post(handOverClick, signedHeaders(SECRET, handOverClick));
    expect(again.status).toBe(200);
    await mirror.idle();
    expect(JSON.stringify(fake.updates.at(-1)!.blocks)).toContain("Not recorded");
  });

  it("takes a hand-over click after the market's host has closed (hand-overs take days) and shows it", async () => {
    const { host, sink } = liveHost();
    let acting = host;
    const mirror = await mirrorOf(host, newDir(), undefined, {}, () => acting);
    await trade(host);
    await mirror.idle();
    await host.close();
    await mirror.done;
    // The hand-over goes through the market's next host (as `haggle handover` opens one on the log).
    acting = liveHost(sink).host;
    const dm = fake.messages.find((m) => m.channel === "DUBEA")!;
    const body = `payload=${encodeURIComponent(
      JSON.stringify({
        type: "block_actions",
        user: { id: "UBEA" },
        team: { id: "T1" },
        container: { type: "message", channel_id: dm.channel, message_ts: dm.ts },
        channel: { id: dm.channel },
        actions: [
          {
            type: "button",
            action_id: "haggle_handover",
            value: JSON.stringify({ d: "D1", p: "bea" }),
            action_ts: "1",
          },
        ],
      }),
    )}`;
    const response = await mirror.handle(
      new Request("http://localhost/slack/events", {
        method: "POST",
        body,
        headers: signedHeaders(SECRET, body),
      }),
    );
    expect(response.status).toBe(200);
    await waitFor(() => JSON.stringify(fake.updates.at(-1)?.blocks ?? "").includes("you marked it done"));
    expect(acting.state.deals.get("D1")!.handedOverBy).toEqual(["bea"]);
    await acting.close();
  });

  it("links a person with /haggle link and a link code (or their Slack e-mail), then sends the deals they missed", async () => {
    const { host } = liveHost();
    const mirror = await mirrorOf(host, newDir());
    await trade(host);
    await mirror.idle();
    expect(fake.messages.filter((m) => m.channel === "DUSAM")).toEqual([]);
    const command = (user: string, text: string) =>
      new URLSearchParams({
        command: "/haggle",
        text,
        user_id: user,
        team_id: "T1",
        channel_id: CHANNEL,
        response_url: "http://127.0.0.1:9/unused",
        trigger_id: "1.2.3",
        token: "legacy",
        api_app_id: "A1",
      }).toString();
    const send = async (user: string, text: string) => {
      const body = command(user, text);
      const response = await mirror.handle(
        new Request("http://localhost/slack/events", {
          method: "POST",
          body,
          headers: signedHeaders(SECRET, body),
        }),
      );
      expect(response.status).toBe(200);
      return (await response.json()) as { response_type: string; text: string };
    };
    // Sam's Slack e-mail is not the one in any file, so he needs his code.
    expect((await send("USAM", "link sam")).text).toContain("Add your link code");
    expect((await send("USAM", "link sam WRONGCODE1")).text).toContain("not right");
    const code = slackLinkCode(SECRET, CHANNEL, "sam");
    const linked = await send("USAM", `link sam ${code.toLowerCase()}`);
    expect(linked).toEqual({
      response_type: "ephemeral",
      text: expect.stringContaining("Linked: you are Sam (sam)"),
    });
    await mirror.idle();
    const dms = fake.messages.filter((m) => m.channel === "DUSAM");
    expect(dms.map(keyOf)).toEqual(["dm:D1:sam"]);
    expect(dms[0]!.text).toContain("Your agent sold");
    expect((await send("USAM", "status")).text).toBe("You are linked as sam.");
    // Linking again sends nothing twice.
    await send("USAM", `link sam ${code}`);
    await mirror.idle();
    expect(fake.messages.filter((m) => m.channel === "DUSAM")).toHaveLength(1);
    // Bea's Slack e-mail matches her file: no code needed.
    expect((await send("UBEA", "link bea")).text).toContain("Linked: you are Bea (bea)");
    expect((await send("UBEA", "link <!channel>")).text).toBe(
      'There is no participant "&lt;!channel&gt;" in this market.',
    );
  });
});
