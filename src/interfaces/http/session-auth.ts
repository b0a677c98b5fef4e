import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type Account, ORGANISER } from "../../app/serve/community.ts";
import type { MarketSession } from "../../app/serve/market-session.ts";
import { ApiRequestError } from "./http-error.ts";

export const SESSION_COOKIE = "haggle_session";

/** Who is asking, once the session cookie is read. */
export type Caller = { kind: "anonymous" } | { kind: "organiser" } | { kind: "person"; account: Account };

export type AppEnv = { Variables: { caller: Caller } };

/** Reads the session cookie into `caller` (anonymous when there is none or it is unknown). */
export function readSession(session: MarketSession): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    let caller: Caller = { kind: "anonymous" };
    if (token) {
      const subject = await session.community.sessionSubject(token);
      if (subject === ORGANISER) caller = { kind: "organiser" };
      else if (subject) {
        const account = await session.community.account(subject);
        if (account) caller = { kind: "person", account };
      }
    }
    c.set("caller", caller);
    await next();
  };
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Secure when the server is reached over HTTPS.
 */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: 30 * 86_400,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

export const signInFirst = () =>
  new ApiRequestError("Sign in first.", "auth/required", undefined, "forbidden", 401);

export function requirePerson(c: Context<AppEnv>): Account {
  const caller = c.get("caller");
  if (caller.kind === "person") return caller.account;
  if (caller.kind === "organiser") {
    throw new ApiRequestError(
      "This is a person's page: the organiser has none.",
      "auth/not-a-person",
      undefined,
      "forbidden",
    );
  }
  throw signInFirst();
}

export function requireOrganiser(c: Context<AppEnv>): void {
  const caller = c.get("caller");
  if (caller.kind === "organiser") return;
  if (caller.kind === "anonymous") throw signInFirst();
  throw new ApiRequestError("Only the organiser may do this.", "auth/organiser-only", undefined, "forbidden");
}

export function requireSignedIn(c: Context<AppEnv>): Caller {
  const caller = c.get("caller");
  if (caller.kind === "anonymous") throw signInFirst();
  return caller;
}
