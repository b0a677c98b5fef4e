import { join } from "node:path";
import { HaggleError } from "../../domain/errors.ts";
import type { Participant } from "../../domain/mandate.ts";
import type { InterviewForm } from "./interview-form.ts";
import { JsonFile } from "./json-file.ts";
import { hashPassword, hashToken, newToken, verifyPassword } from "./secrets-hash.ts";

/** A person with an account: signed up through an invite, interviewed, then represented by an agent. */
export interface Account {
  id: string;
  name: string;
  /** The name they sign in with, lower-cased; absent for an account made by a one-time login link. */
  login?: string;
  passwordHash?: string;
  invite: string;
  createdAt: string;
  interview: { form: InterviewForm; confirmed: boolean };
  /** Set when the interview is confirmed: the participant their agent acts for, with their mandate. */
  participant?: Participant;
  /** Whether the participant is in the market's log yet (at the open, or on joining a running one). */
  joined: boolean;
  paused: boolean;
}

export interface InviteRecord {
  code: string;
  createdAt: string;
  usedBy?: string;
  /** A one-time login link's token, hashed; cleared when used. */
  loginHash?: string;
}

interface SessionRecord {
  hash: string;
  subject: string;
  createdAt: string;
  expiresAt: string;
}

interface CommunityData {
  version: 1;
  accounts: Account[];
  invites: InviteRecord[];
  sessions: SessionRecord[];
  organiserHash?: string;
}

export const ORGANISER = "organiser";
const SESSION_DAYS = 30;

export function emptyForm(name = ""): InterviewForm {
  return { name, items: [], wants: [], budget: "", persona: "", instructions: "" };
}

function refused(code: string, message: string, kind: "bad-input" | "forbidden" | "conflict" | "not-found") {
  return new HaggleError(message, { kind, code });
}

/**
 * The people of a served market and how they sign in: accounts, invites, sessions, the organiser's
 * token, and each person's interview as they type it (so nothing they entered is lost to a restart).
 * Passwords and tokens are stored hashed only.
 */
export class Community {
  private readonly file: JsonFile<CommunityData>;

  constructor(dir: string) {
    this.file = new JsonFile(join(dir, "community.json"), () => ({
      version: 1,
      accounts: [],
      invites: [],
      sessions: [],
    }));
  }

  async data(): Promise<CommunityData> {
    return this.file.read();
  }

  async accounts(): Promise<Account[]> {
    return (await this.file.read()).accounts;
  }

  async account(id: string): Promise<Account | undefined> {
    return (await this.file.read()).accounts.find((account) => account.id === id);
  }

  /** A new organiser token: the one printed at start; earlier ones stop working. */
  async newOrganiserToken(): Promise<string> {
    const token = newToken();
    await this.file.update((data) => {
      data.organiserHash = hashToken(token);
    });
    return token;
  }

  async checkOrganiserToken(token: string): Promise<boolean> {
    const data = await this.file.read();
    return data.organiserHash !== undefined && data.organiserHash === hashToken(token);
  }

  /** `count` new invites, each with a one-time login link token (returned once, stored hashed). */
  async createInvites(count: number): Promise<{ code: string; loginToken: string }[]> {
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      throw refused("invite/bad-count", "count: invite from 1 to 1,000 people at a time", "bad-input");
    }
    const made = Array.from({ length: count }, () => ({ code: newToken(9), loginToken: newToken() }));
    const now = new Date().toISOString();
    await this.file.update((data) => {
      for (const { code, loginToken } of made) {
        data.invites.push({ code, createdAt: now, loginHash: hashToken(loginToken) });
      }
    });
    return made;
  }

  async invite(code: string): Promise<InviteRecord | undefined> {
    return (await this.file.read()).invites.find((invite) => invite.code === code);
  }

  /** Makes an account from an unused invite. The name is also the login (case-insensitive). */
  async acceptInvite(code: string, name: string, password: string): Promise<Account> {
    const login = name.trim().toLowerCase();
    const passwordHash = await hashPassword(password);
    return this.file.update((data) => {
      const invite = data.invites.find((each) => each.code === code);
      if (!invite)
        throw refused(
          "invite/unknown",
          "This invite code is not known: check the link you were sent.",
          "not-found",
        );
      if (invite.usedBy)
        throw refused(
          "invite/used",
          "This invite has been used already: ask the organiser for a new one, or sign in.",
          "conflict",
        );
      if (data.accounts.some((account) => account.login === login)) {
        throw refused(
          "account/name-taken",
          "name: someone already signs in with this name: add a surname or an initial",
          "conflict",
        );
      }
      const account = newAccount(data, name.trim(), code, { login, passwordHash });
      invite.usedBy = account.id;
      delete invite.loginHash;
      return account;
    });
  }

  /** Signs in with a one-time login link: makes the invite's account, or signs into it; then the link is spent. */
  async redeemLoginLink(token: string): Promise<Account> {
    const hash = hashToken(token);
    return this.file.update((data) => {
      const invite = data.invites.find((each) => each.loginHash === hash);
      if (!invite)
        throw refused(
          "login/link-used",
          "This login link has been used or is not known: sign in with your name and password, or ask the organiser for a new link.",
          "forbidden",
        );
      delete invite.loginHash;
      const existing = invite.usedBy
        ? data.accounts.find((account) => account.id === invite.usedBy)
        : undefined;
      if (existing) return existing;
      const account = newAccount(data, "", invite.code, {});
      invite.usedBy = account.id;
      return account;
    });
  }

  async login(name: string, password: string): Promise<Account> {
    const login = name.trim().toLowerCase();
    const account = (await this.file.read()).accounts.find((each) => each.login === login);
    // The same answer and about the same time whether the name exists or not.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok)
      throw refused("login/wrong", "That name and password do not match an account.", "forbidden");
    return account;
  }

  /** A new session for `subject` (an account id or the organiser); the token goes in the cookie. */
  async startSession(subject: string): Promise<string> {
    const token = newToken();
    const now = Date.now();
    await this.file.update((data) => {
      data.sessions = data.sessions.filter((session) => Date.parse(session.expiresAt) > now);
      data.sessions.push({
        hash: hashToken(token),
        subject,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + SESSION_DAYS * 86_400_000).toISOString(),
      });
    });
    return token;
  }

  async sessionSubject(token: string): Promise<string | undefined> {
    const hash = hashToken(token);
    const session = (await this.file.read()).sessions.find((each) => each.hash === hash);
    return session && Date.parse(session.expiresAt) > Date.now() ? session.subject : undefined;
  }

  async endSession(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.file.update((data) => {
      data.sessions = data.sessions.filter((session) => session.hash !== hash);
    });
  }

  /** Changes one account under the file's lock. */
  async updateAccount<R>(id: string, change: (account: Account, data: CommunityData) => R): Promise<R> {
    return this.file.update((data) => {
      const account = data.accounts.find((each) => each.id === id);
      if (!account)
        throw refused("account/unknown", "This account no longer exists: sign in again.", "not-found");
      return change(account, data);
    });
  }
}

// A real scrypt hash of a random password, so a login with an unknown name costs the same.
const DUMMY_HASH = await hashPassword(newToken());

function newAccount(
  data: CommunityData,
  name: string,
  invite: string,
  credentials: { login?: string; passwordHash?: string },
): Account {
  const account: Account = {
    id: `a${data.accounts.length + 1}`,
    name,
    ...credentials,
    invite,
    createdAt: new Date().toISOString(),
    interview: { form: emptyForm(name), confirmed: false },
    joined: false,
    paused: false,
  };
  data.accounts.push(account);
  return account;
}
