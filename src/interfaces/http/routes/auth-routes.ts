import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { ORGANISER } from "../../../app/serve/community.ts";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import type { InviteInfo, SessionInfo } from "../api-types.ts";
import { ApiRequestError } from "../http-error.ts";
import { marketInfo } from "../market-info.ts";
import { rateLimit } from "../rate-limit.ts";
import { readBody } from "../request-body.ts";
import {
  type AppEnv,
  type Caller,
  clearSessionCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from "../session-auth.ts";

const nameField = z
  .string({ error: "give your name" })
  .trim()
  .min(1, { error: "give your name" })
  .max(100, { error: "keep your name under 100 characters" });
const passwordField = z
  .string({ error: "give a password" })
  .min(8, { error: "use at least 8 characters" })
  .max(200, { error: "keep it under 200 characters" });

const acceptBody = z.object({ name: nameField, password: passwordField }).strict();
const loginBody = z
  .object({ name: nameField, password: z.string({ error: "give your password" }).max(200) })
  .strict();
const organiserBody = z
  .object({ token: z.string({ error: "give the organiser token printed at start" }).min(1).max(200) })
  .strict();

export async function sessionInfo(session: MarketSession, caller: Caller): Promise<SessionInfo> {
  const market = await marketInfo(session);
  if (caller.kind === "organiser")
    return { user: { id: ORGANISER, name: "Organiser", role: "organiser" }, market };
  if (caller.kind === "person") {
    const { account } = caller;
    return {
      user: {
        id: account.id,
        name: account.name,
        role: "person",
        ...(account.participant ? { participantId: account.participant.id } : {}),
      },
      market,
    };
  }
  return { market };
}

/** Invites, accounts and sign-in: the only routes open to someone not signed in. */
export function authRoutes(session: MarketSession): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { community } = session;
  // Ten tries a minute an address: guessing a password or a 72-bit invite code is hopeless.
  const guarded = rateLimit(10, 60_000);

  app.get("/api/session", async (c) => c.json(await sessionInfo(session, c.get("caller"))));

  app.get("/api/invites/:code", guarded, async (c) => {
    const code = c.req.param("code");
    const invite = await community.invite(code);
    const info: InviteInfo = {
      code,
      market: session.config.run.name,
      status: !invite ? "unknown" : invite.usedBy ? "used" : "unused",
    };
    return c.json(info);
  });

  app.post("/api/invites/:code/accept", guarded, async (c) => {
    const { name, password } = await readBody(c, acceptBody);
    const account = await community.acceptInvite(c.req.param("code"), name, password);
    setSessionCookie(c, await community.startSession(account.id));
    return c.json(await sessionInfo(session, { kind: "person", account }));
  });

  app.post("/api/login", guarded, async (c) => {
    const { name, password } = await readBody(c, loginBody);
    const account = await community.login(name, password);
    setSessionCookie(c, await community.startSession(account.id));
    return c.json(await sessionInfo(session, { kind: "person", account }));
  });

  // A one-time link from `haggle invite`: signs in (making the account on first use), then is spent.
  app.get("/login/:token", guarded, async (c) => {
    try {
      const account = await community.redeemLoginLink(c.req.param("token"));
      setSessionCookie(c, await community.startSession(account.id));
      return c.redirect("/me", 302);
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "login/link-used")
        return c.redirect("/login?link=used", 302);
      throw error;
    }
  });

  app.post("/api/organiser/login", guarded, async (c) => {
    const { token } = await readBody(c, organiserBody);
    if (!(await community.checkOrganiserToken(token))) {
      throw new ApiRequestError(
        "That is not the organiser token: use the link `haggle serve` printed at its start.",
        "auth/wrong-token",
        "token",
        "forbidden",
      );
    }
    setSessionCookie(c, await community.startSession(ORGANISER));
    return c.json(await sessionInfo(session, { kind: "organiser" }));
  });

  app.post("/api/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await community.endSession(token);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  return app;
}
