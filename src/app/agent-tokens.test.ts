import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AGENT_TOKENS_FILE, AgentTokens } from "./agent-tokens.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-tokens-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("agent tokens", () => {
  it("acts for one participant, is stored only hashed, and is refused once revoked", async () => {
    const dir = mkdtempSync(join(root, "run-"));
    const tokens = new AgentTokens(dir);
    expect(await tokens.list()).toEqual([]);
    const ann = await tokens.create("ann", { label: "ann's agent" });
    const ben = await tokens.create("ben");
    expect(ann.token).toMatch(/^hgl_[A-Za-z0-9_-]{43}$/);
    expect(ann.token).not.toBe(ben.token);

    const file = readFileSync(join(dir, AGENT_TOKENS_FILE), "utf8");
    expect(file).not.toContain(ann.token);
    expect(file).not.toContain(ann.token.slice(4));
    expect(statSync(join(dir, AGENT_TOKENS_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(await tokens.list())).not.toMatch(/hash/);

    expect(await tokens.verify(ann.token)).toEqual({ participant: "ann", tokenId: ann.record.id });
    // Another reader of the same folder (a server) sees what this one wrote.
    expect(await new AgentTokens(dir).verify(ben.token)).toEqual({
      participant: "ben",
      tokenId: ben.record.id,
    });
    for (const wrong of ["", "hgl_", `${ann.token}x`, ann.token.slice(0, -1), ann.token.slice(4)]) {
      expect(await tokens.verify(wrong)).toBeUndefined();
    }

    // A person revoking from their own page finds only their own tokens.
    await expect(tokens.revoke(ann.record.id, { participant: "ben" })).rejects.toMatchObject({
      code: "token/not-found",
    });
    const revoked = await new AgentTokens(dir).revoke(ann.record.id, { participant: "ann" });
    expect(revoked).toMatchObject({ id: ann.record.id, participant: "ann", revokedAt: expect.any(String) });
    expect(await tokens.verify(ann.token)).toBeUndefined();
    expect(await tokens.verify(ben.token)).toMatchObject({ participant: "ben" });
    await expect(tokens.revoke(ann.record.id)).rejects.toMatchObject({ code: "token/revoked" });
    await expect(tokens.revoke("tok_nope")).rejects.toMatchObject({
      code: "token/not-found",
      kind: "not-found",
    });
  });

  it("takes concurrent creates in one process without losing any, and refuses a file it did not write", async () => {
    const dir = mkdtempSync(join(root, "run-"));
    const tokens = new AgentTokens(dir);
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => tokens.create(`p${i}`)));
    expect((await tokens.list()).map((token) => token.participant).sort()).toEqual(
      made.map((token) => token.record.participant).sort(),
    );
    writeFileSync(join(dir, AGENT_TOKENS_FILE), "{not json");
    await expect(new AgentTokens(dir).verify(made[0]!.token)).rejects.toMatchObject({
      code: "token/bad-file",
    });
  });
});
