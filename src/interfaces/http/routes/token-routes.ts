import { Hono } from "hono";
import { z } from "zod";
import { AgentTokens } from "../../../app/agent-tokens.ts";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import { ApiRequestError } from "../http-error.ts";
import { readBody } from "../request-body.ts";
import { type AppEnv, requirePerson } from "../session-auth.ts";

const createBody = z
  .object({ label: z.string().trim().max(80, { error: "label: keep it under 80 characters" }).optional() })
  .strict();

/**
 * A person's tokens for their own agent over MCP: made here (the token shown once), listed and
 * revoked. Each acts for its person only; only its hash is kept.
 */
export function tokenRoutes(session: MarketSession): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const tokens = new AgentTokens(session.runDir);

  const participantOf = (c: Parameters<typeof requirePerson>[0]) => {
    const participant = requirePerson(c).participant?.id;
    if (!participant) {
      throw new ApiRequestError(
        "Finish and confirm your interview first: a token acts for the person your agent represents.",
        "token/no-participant",
        undefined,
        "conflict",
      );
    }
    return participant;
  };

  app.get("/api/me/tokens", async (c) => {
    const participant = participantOf(c);
    return c.json((await tokens.list()).filter((token) => token.participant === participant));
  });

  app.post("/api/me/tokens", async (c) => {
    const participant = participantOf(c);
    const { label } = await readBody(c, createBody);
    const made = await tokens.create(participant, label ? { label } : {});
    return c.json({ token: made.token, record: made.record });
  });

  app.post("/api/me/tokens/:id/revoke", async (c) => {
    const participant = participantOf(c);
    return c.json(await tokens.revoke(c.req.param("id"), { participant }));
  });

  return app;
}
