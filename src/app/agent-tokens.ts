import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmod, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { HaggleError } from "../domain/errors.ts";

/** The file in a run folder that holds the run's agent tokens, hashed. */
export const AGENT_TOKENS_FILE = "agent-tokens.json";

/** Every token starts with this, so secret scanners and people can tell what it is. */
const PREFIX = "hgl_";

/** A token as stored: never the token itself, only its hash. */
export interface AgentTokenRecord {
  /** Public id, to list and revoke it by ("tok_..."). */
  id: string;
  /** The participant the token acts for, and only them. */
  participant: string;
  /** sha256 of the whole token, hex. */
  hash: string;
  createdAt: string;
  label?: string;
  revokedAt?: string;
}

/** What `list` shows: the record without its hash. */
export type AgentTokenInfo = Omit<AgentTokenRecord, "hash">;

/** Who a verified token acts for. */
export interface TokenIdentity {
  participant: string;
  tokenId: string;
}

/** What an MCP endpoint needs of the tokens: who a bearer token acts for, if anyone. */
export interface AgentTokenVerifier {
  verify(token: string): Promise<TokenIdentity | undefined>;
}

const recordSchema = z.object({
  id: z.string().min(1),
  participant: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  label: z.string().optional(),
  revokedAt: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), tokens: z.array(recordSchema) });

export class AgentTokenError extends HaggleError {
  override name = "AgentTokenError";
}

/**
 * sha256 is enough here, unlike for passwords: a token is 32 random bytes (256 bits of entropy), so
 * nobody can guess it or search for it from its hash, and a slow, salted hash (scrypt, argon2) would
 * only add work to every request without making a leaked hash any easier to keep safe.
 */
function hashOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The agent tokens of one run, in `<run>/agent-tokens.json`: a person creates one for their own agent
 * (an MCP client), which then acts for that person only. The token is shown once, when created; the
 * file holds its sha256 only, is written atomically (a temporary file renamed over it) with mode 0600,
 * and is read again whenever it changed, so a server sees a token created or revoked by the CLI at its
 * next request. Writers in one process take turns; two processes writing at the same moment could lose
 * one write (never corrupt the file).
 */
export class AgentTokens implements AgentTokenVerifier {
  readonly path: string;
  private cache: { key: string; records: AgentTokenRecord[] } | undefined;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(runDir: string) {
    this.path = join(runDir, AGENT_TOKENS_FILE);
  }

  /**
   * Makes a token for `participant` and stores its hash. The returned `token` is the only copy:
   * it cannot be shown again.
   */
  create(
    participant: string,
    options: { label?: string; now?: Date } = {},
  ): Promise<{
    token: string;
    record: AgentTokenInfo;
  }> {
    return this.write(async (records) => {
      const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
      const record: AgentTokenRecord = {
        id: `tok_${randomBytes(6).toString("hex")}`,
        participant,
        hash: hashOf(token),
        createdAt: (options.now ?? new Date()).toISOString(),
        ...(options.label ? { label: options.label } : {}),
      };
      return { records: [...records, record], result: { token, record: info(record) } };
    });
  }

  /**
   * Revokes the token `id`: it is refused from the next request on. Revoking twice is refused. With
   * `participant` (a person revoking from their own page), only that person's token is found.
   */
  revoke(id: string, options: { now?: Date; participant?: string } = {}): Promise<AgentTokenInfo> {
    return this.write(async (records) => {
      const found = records.find(
        (record) =>
          record.id === id &&
          (options.participant === undefined || record.participant === options.participant),
      );
      if (!found) {
        throw new AgentTokenError(`no token "${id}" in this run: haggle token list shows them`, {
          kind: "not-found",
          code: "token/not-found",
        });
      }
      if (found.revokedAt) {
        throw new AgentTokenError(`token "${id}" was already revoked at ${found.revokedAt}`, {
          kind: "conflict",
          code: "token/revoked",
        });
      }
      const revoked = { ...found, revokedAt: (options.now ?? new Date()).toISOString() };
      return {
        records: records.map((record) => (record === found ? revoked : record)),
        result: info(revoked),
      };
    });
  }

  /** Every token of the run, revoked ones included, without their hashes. */
  async list(): Promise<AgentTokenInfo[]> {
    return (await this.read()).map(info);
  }

  /** Who `token` acts for, or undefined for a token that is unknown, malformed or revoked. */
  async verify(token: string): Promise<TokenIdentity | undefined> {
    if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
    const hash = hashOf(token);
    let match: AgentTokenRecord | undefined;
    // Every record is compared, in constant time each, whatever matches.
    for (const record of await this.read()) {
      if (sameHash(record.hash, hash)) match = record;
    }
    if (!match || match.revokedAt) return undefined;
    return { participant: match.participant, tokenId: match.id };
  }

  private async read(): Promise<AgentTokenRecord[]> {
    let key: string;
    try {
      const info = await stat(this.path);
      key = `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    if (this.cache?.key === key) return this.cache.records;
    const text = await readFile(this.path, "utf8");
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new AgentTokenError(
        `${this.path} is not a token file Haggle wrote (${(error as Error).message.split("\n")[0]}): move it away and create the tokens again`,
        { kind: "conflict", code: "token/bad-file", cause: error },
      );
    }
    const records = parsed.tokens.map((record) => {
      const { label, revokedAt, ...rest } = record;
      return { ...rest, ...(label ? { label } : {}), ...(revokedAt ? { revokedAt } : {}) };
    });
    this.cache = { key, records };
    return records;
  }

  private write<T>(
    change: (records: AgentTokenRecord[]) => Promise<{ records: AgentTokenRecord[]; result: T }>,
  ) {
    const next = this.writing.then(async () => {
      const { records, result } = await change(await this.read());
      const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ version: 1, tokens: records }, null, 2)}\n`, {
        mode: 0o600,
      });
      await chmod(temporary, 0o600);
      await rename(temporary, this.path);
      this.cache = undefined;
      return result;
    });
    this.writing = next.catch(() => {});
    return next;
  }
}

function info(record: AgentTokenRecord): AgentTokenInfo {
  const { hash: _hash, ...rest } = record;
  return rest;
}
