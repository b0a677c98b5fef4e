import { Hono } from "hono";
import { z } from "zod";
import { handOver } from "../../../app/commands/hand-over.ts";
import { dealMemoMarkdown } from "../../../app/documents/deal-memo.ts";
import { dealMemoPdf } from "../../../app/documents/deal-memo-pdf.ts";
import { dealIdFor } from "../../../app/queries/thread-transcript.ts";
import type { Account } from "../../../app/serve/community.ts";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import { myPage } from "../../../app/serve/pages/my-page.ts";
import { recordSurveyAnswer, surveyAnswersOf } from "../../../app/serve/survey-answers.ts";
import type { Deal } from "../../../domain/deal.ts";
import { readRunRecord } from "../../../runner/run-folder.ts";
import { ApiRequestError } from "../http-error.ts";
import { readBody } from "../request-body.ts";
import { type AppEnv, requirePerson } from "../session-auth.ts";

const text = (max: number) => z.string().max(max, { error: `keep it under ${max} characters` });
const formSchema = z
  .object({
    name: text(200),
    items: z
      .array(
        z
          .object({
            title: text(400),
            description: text(4000),
            condition: text(40),
            flaws: text(4000),
            category: text(100),
            askingPrice: text(40),
            reserve: text(40),
            facts: text(4000).optional(),
          })
          .strict(),
      )
      .max(30, { error: "at most 30 things to sell" }),
    wants: z
      .array(z.object({ description: text(1000), maxPrice: text(40) }).strict())
      .max(30, { error: "at most 30 things to buy" }),
    budget: text(40),
    persona: text(2000),
    instructions: text(4000),
    avoid: text(2000).optional(),
    meeting: text(600).optional(),
    language: text(40).optional(),
  })
  .strict();
const interviewBody = z.object({ form: formSchema }).strict();
const pauseBody = z.object({ paused: z.boolean({ error: "paused: true or false" }) }).strict();
const scale = (what: string) =>
  z
    .number({ error: `${what}: a whole number from 1 to 7` })
    .int({ error: `${what}: a whole number from 1 to 7` })
    .min(1, { error: `${what}: from 1 to 7` })
    .max(7, { error: `${what}: from 1 to 7` });
const surveyBody = z
  .object({
    fairness: scale("fairness"),
    satisfaction: scale("satisfaction"),
    wouldPay: z.boolean({ error: "wouldPay: true or false" }),
  })
  .strict();

/** A person's own page and everything they change: only ever their own. */
export function meRoutes(session: MarketSession): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const page = async (account: Account) => {
    const fresh = (await session.community.account(account.id)) ?? account;
    const survey = fresh.participant ? await surveyAnswersOf(session.runDir, fresh.participant.id) : [];
    return myPage(fresh, await session.state(), survey);
  };

  /** The caller's deal, or a 404 that says the same for someone else's deal as for none. */
  const myDeal = async (account: Account, dealId: string): Promise<Deal> => {
    const state = await session.state();
    // Named by its id (D12) or its thread's (T40), as anywhere a deal is.
    const deal = state ? state.deals.get(dealIdFor(state, dealId) ?? dealId) : undefined;
    const me = account.participant?.id;
    if (!deal || !me || (deal.seller !== me && deal.buyer !== me)) {
      throw new ApiRequestError(
        `No deal "${dealId}" of yours in this market.`,
        "deal/not-found",
        "id",
        "not-found",
      );
    }
    return deal;
  };

  app.get("/api/me", async (c) => c.json(await page(requirePerson(c))));

  app.put("/api/me/interview", async (c) => {
    const account = requirePerson(c);
    const { form } = await readBody(c, interviewBody);
    await session.community.updateAccount(account.id, (a) => {
      if (a.interview.confirmed) {
        throw new ApiRequestError(
          "Your interview is confirmed: your agent already acts on it.",
          "interview/confirmed",
          "form",
          "conflict",
        );
      }
      a.interview.form = form;
      if (!a.participant) a.name = form.name.trim().slice(0, 100) || a.name;
    });
    return c.json((await page(account)).interview);
  });

  app.post("/api/me/interview/confirm", async (c) => {
    const account = requirePerson(c);
    await session.confirmInterview(account.id);
    return c.json(await page(account));
  });

  app.post("/api/me/pause", async (c) => {
    const account = requirePerson(c);
    const { paused } = await readBody(c, pauseBody);
    await session.setPaused(account.id, paused);
    return c.json(await page(account));
  });

  app.post("/api/me/deals/:id/handover", async (c) => {
    const account = requirePerson(c);
    const deal = await myDeal(account, c.req.param("id"));
    const access = await session.access();
    try {
      await handOver(access, deal.id, account.participant!.id);
    } finally {
      await access.close();
    }
    return c.json(await page(account));
  });

  app.post("/api/me/deals/:id/survey", async (c) => {
    const account = requirePerson(c);
    const deal = await myDeal(account, c.req.param("id"));
    if (deal.status === "accepted" || deal.status === "cancelled") {
      throw new ApiRequestError(
        deal.status === "accepted"
          ? "This deal is not confirmed yet: rate it once it is."
          : "This deal was cancelled: there is nothing to rate.",
        "survey/not-settled",
        "id",
        "conflict",
      );
    }
    const answer = await readBody(c, surveyBody);
    const record = await readRunRecord(session.runDir);
    await recordSurveyAnswer(session.runDir, {
      arm: record.arm ?? record.runId,
      dealId: deal.id,
      participant: account.participant!.id,
      ...answer,
    });
    return c.json(await page(account));
  });

  app.get("/api/me/deals/:id/:file{memo\\.(md|pdf)}", async (c) => {
    const account = requirePerson(c);
    const deal = await myDeal(account, c.req.param("id"));
    if (deal.status === "accepted" || deal.status === "cancelled") {
      throw new ApiRequestError(
        "The memo is drafted once the deal is confirmed.",
        "memo/not-settled",
        "id",
        "conflict",
      );
    }
    const state = (await session.state())!;
    const markdown = dealMemoMarkdown(state, deal);
    c.header("cache-control", "no-store");
    if (c.req.param("file") === "memo.md") {
      c.header("content-type", "text/markdown; charset=utf-8");
      c.header("content-disposition", `attachment; filename="${deal.id}.md"`);
      return c.body(markdown);
    }
    const pdf = await dealMemoPdf(markdown, `Deal confirmation ${deal.id}`);
    c.header("content-type", "application/pdf");
    c.header("content-disposition", `attachment; filename="${deal.id}.pdf"`);
    return c.body(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer);
  });

  return app;
}
