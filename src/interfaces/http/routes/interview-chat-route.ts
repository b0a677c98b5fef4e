import { Hono } from "hono";
import { z } from "zod";
import type { InterviewChats } from "../../../app/serve/interview-chat.ts";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import { HaggleError } from "../../../domain/errors.ts";
import type { ChatConversation } from "../api-types.ts";
import { ApiRequestError } from "../http-error.ts";
import { readBody } from "../request-body.ts";
import { type AppEnv, requirePerson } from "../session-auth.ts";

const chatBody = z
  .object({
    /** The person's answer; leave it out to start the conversation (again). */
    message: z
      .string()
      .trim()
      .min(1, { error: "message: write an answer" })
      .max(2000, { error: "message: keep it under 2,000 characters" })
      .optional(),
  })
  .strict();

/**
 * The interview as a conversation with a model, when the server has one (`interview: { model }` in
 * the config). When the interviewer has everything, its write-up fills the person's form, to review
 * and confirm there as if they had typed it.
 */
export function interviewChatRoute(session: MarketSession, chats: InterviewChats | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const chatsOrRefuse = (): InterviewChats => {
    if (!chats) {
      throw new ApiRequestError(
        "This market has no interviewer model: fill in the form instead.",
        "interview/no-model",
        undefined,
        "not-found",
      );
    }
    return chats;
  };
  app.get("/api/me/interview/chat", async (c) => {
    const account = requirePerson(c);
    const conversation: ChatConversation = await chatsOrRefuse().conversation(account.id);
    return c.json(conversation);
  });
  app.post("/api/me/interview/chat", async (c) => {
    const account = requirePerson(c);
    const chats = chatsOrRefuse();
    if (account.interview.confirmed) {
      throw new ApiRequestError(
        "Your interview is confirmed already.",
        "interview/confirmed",
        undefined,
        "conflict",
      );
    }
    const { message } = await readBody(c, chatBody);
    let turn: Awaited<ReturnType<InterviewChats["send"]>>;
    try {
      turn = await chats.send(account.id, message);
    } catch (error) {
      if (HaggleError.isInstance(error)) throw error;
      throw new HaggleError(
        `The interviewer did not answer (${(error as Error).message}): fill in the form instead, or try again.`,
        {
          kind: "unavailable",
          code: "interview/model-failed",
        },
      );
    }
    if (turn.form) {
      const form = turn.form;
      await session.community.updateAccount(account.id, (a) => {
        a.interview.form = form;
        if (!a.participant) a.name = form.name || a.name;
      });
    }
    return c.json(turn);
  });
  return app;
}
