import { createHmac, timingSafeEqual } from "node:crypto";
import type { App, BlockAction, webApi } from "@slack/bolt";
import type { MarketHost } from "../../runner/market-host.ts";
import type { MirrorFile } from "./mirror-state.ts";
import { ACTION, type DmActionValue, type DmAnswers } from "./render.ts";
import { slackText } from "./slack-text.ts";

/** One survey answer from a click: exactly one of the three questions. */
export interface SurveyAnswer {
  fairness?: number;
  satisfaction?: number;
  wouldPay?: boolean;
}

/**
 * What a click in Slack does: the same hand-over and survey records the web app writes. Each throws
 * (a HaggleError, whose message is shown to the person) when it is refused.
 */
export interface SlackMirrorActions {
  handOver(participant: string, dealId: string): Promise<unknown>;
  survey(participant: string, dealId: string, answer: SurveyAnswer): Promise<unknown>;
}

/**
 * A person's link code for `/haggle link <participant> <code>`: proves to the mirror that whoever
 * types it is that participant. Show it only to them (their page in the web app).
 */
export function slackLinkCode(signingSecret: string, channel: string, participant: string): string {
  return createHmac("sha256", signingSecret)
    .update(`haggle-slack-link\n${channel}\n${participant}`)
    .digest("base64url")
    .replace(/[-_]/g, "")
    .slice(0, 10)
    .toUpperCase();
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the mirror lends the handlers of Slack's requests. */
export interface RequestContext {
  host: MarketHost;
  file: MirrorFile;
  save: () => Promise<void>;
  client: webApi.WebClient;
  actions: SlackMirrorActions;
  signingSecret: string;
  channel: string;
  /** Shows a deal's DM as it stands now, with `notice` under it. */
  refreshDm: (dealId: string, participant: string, notice?: string, handedOverBy?: string[]) => void;
  /** Sends a person who has just linked the confirmations of their deals so far. */
  owedDms: (participant: string) => void;
}

/**
 * Slack's requests, once verified (`FetchReceiver`): `/haggle link | status | unlink`, and the
 * buttons and menus of a deal's DM, which count only from the Slack user its person is linked to.
 */
export function listenForRequests(app: App, ctx: RequestContext): void {
  app.command("/haggle", async ({ command, ack }) => {
    await ack({ response_type: "ephemeral", text: await answerCommand(ctx, command.user_id, command.text) });
  });
  const parse = (raw: string | undefined): DmActionValue | undefined => {
    try {
      const value = JSON.parse(raw ?? "") as DmActionValue;
      return typeof value.d === "string" && typeof value.p === "string" ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const onButton =
    (run: (value: DmActionValue) => Promise<{ notice?: string; handedOverBy?: string[] } | undefined>) =>
    async ({ ack, body, action }: { ack: () => Promise<void>; body: BlockAction; action: unknown }) => {
      await ack();
      const raw = action as { value?: string; selected_option?: { value?: string } };
      const value = parse(raw.value ?? raw.selected_option?.value?.split("|")[0]);
      if (!value) return;
      if (ctx.file.links[value.p] !== body.user.id) {
        const channel = body.channel?.id ?? body.container?.channel_id;
        if (channel) {
          await ctx.client.chat
            .postEphemeral({
              channel,
              user: body.user.id,
              text: "This deal is not yours: only the person it was sent to can answer it.",
            })
            .catch(() => {});
        }
        return;
      }
      let answer: { notice?: string; handedOverBy?: string[] } | undefined;
      try {
        answer = await run(value);
      } catch (error) {
        answer = { notice: `Not recorded: ${(error as Error).message}` };
      }
      ctx.refreshDm(value.d, value.p, answer?.notice, answer?.handedOverBy);
    };
  const scale = (raw: unknown): number =>
    Number((raw as { selected_option?: { value?: string } }).selected_option?.value?.split("|")[1]);
  const survey = async (value: DmActionValue, answer: SurveyAnswer) => {
    await ctx.actions.survey(value.p, value.d, answer);
    const key = `${value.d}:${value.p}`;
    ctx.file.answers[key] = { ...ctx.file.answers[key], ...answer } as DmAnswers;
    await ctx.save();
    return undefined;
  };
  app.action<BlockAction>(
    ACTION.handOver,
    onButton(async (value) => {
      const result = (await ctx.actions.handOver(value.p, value.d)) as { handedOverBy?: unknown } | undefined;
      const by = result?.handedOverBy;
      return Array.isArray(by) && by.every((id) => typeof id === "string") ? { handedOverBy: by } : undefined;
    }),
  );
  app.action<BlockAction>(
    ACTION.wouldPayYes,
    onButton((value) => survey(value, { wouldPay: true })),
  );
  app.action<BlockAction>(
    ACTION.wouldPayNo,
    onButton((value) => survey(value, { wouldPay: false })),
  );
  for (const [id, question] of [
    [ACTION.fairness, "fairness"],
    [ACTION.satisfaction, "satisfaction"],
  ] as const) {
    app.action<BlockAction>(id, async (args) => {
      const n = scale(args.action);
      await onButton(async (value) => {
        if (!Number.isInteger(n) || n < 1 || n > 7) return { notice: "Not recorded: choose 1 to 7." };
        return survey(value, { [question]: n });
      })(args);
    });
  }
}

/** The answer to `/haggle <text>` from Slack user `user`. */
async function answerCommand(ctx: RequestContext, user: string, text: string): Promise<string> {
  const [verb = "help", participant, code] = text.trim().split(/\s+/);
  const state = ctx.host.state;
  if (verb === "link") {
    if (!participant) return "Write `/haggle link <your participant id> <your link code>`.";
    const person = state.participants.get(participant)?.participant;
    if (!person) return `There is no participant "${slackText(participant.slice(0, 64))}" in this market.`;
    let proven =
      code !== undefined && sameCode(code, slackLinkCode(ctx.signingSecret, ctx.channel, participant));
    if (!proven && code === undefined && person.email) {
      try {
        const info = await ctx.client.users.info({ user });
        proven = info.user?.profile?.email?.toLowerCase() === person.email.toLowerCase();
      } catch {
        proven = false;
      }
    }
    if (!proven) {
      return code === undefined
        ? "Add your link code: `/haggle link <id> <code>` (the market's organiser has it), or ask the organiser to put your Slack e-mail in your participant file."
        : "That link code is not right for this participant.";
    }
    ctx.file.links[participant] = user;
    await ctx.save();
    ctx.owedDms(participant);
    return `Linked: you are ${slackText(person.name)} (${participant}) in this market. Your deals' confirmations come here, in a DM from the app.`;
  }
  if (verb === "unlink") {
    const mine = Object.entries(ctx.file.links).filter(([, linked]) => linked === user);
    for (const [id] of mine) delete ctx.file.links[id];
    await ctx.save();
    return mine.length > 0 ? `Unlinked ${mine.map(([id]) => id).join(", ")}.` : "You were not linked.";
  }
  if (verb === "status") {
    const mine = Object.entries(ctx.file.links)
      .filter(([, linked]) => linked === user)
      .map(([id]) => id);
    return mine.length > 0
      ? `You are linked as ${mine.join(", ")}.`
      : "You are not linked to anyone in this market.";
  }
  return "`/haggle link <id> <code>` links you to your participant (then your deals' confirmations come to you here); `/haggle status`, `/haggle unlink`.";
}
