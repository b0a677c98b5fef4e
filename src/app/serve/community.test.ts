import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Community, ORGANISER } from "./community.ts";

const folder = () => mkdtemp(join(tmpdir(), "haggle-community-"));

describe("Community", () => {
  it("accepts each invite once, and signs in only with the right password", async () => {
    const community = new Community(await folder());
    const [invite] = await community.createInvites(1);
    const ana = await community.acceptInvite(invite!.code, "Ana", "ana-password");
    await expect(community.acceptInvite(invite!.code, "Bo", "bo-password")).rejects.toMatchObject({
      code: "invite/used",
    });
    await expect(community.acceptInvite("nope", "Bo", "bo-password")).rejects.toMatchObject({
      code: "invite/unknown",
    });
    expect((await community.login("ANA", "ana-password")).id).toBe(ana.id);
    await expect(community.login("ana", "wrong-password")).rejects.toMatchObject({ code: "login/wrong" });
    await expect(community.login("nobody", "ana-password")).rejects.toMatchObject({ code: "login/wrong" });
    const [second] = await community.createInvites(1);
    await expect(community.acceptInvite(second!.code, "ana", "other-password")).rejects.toMatchObject({
      code: "account/name-taken",
    });
  });

  it("keeps passwords and tokens hashed only", async () => {
    const dir = await folder();
    const community = new Community(dir);
    const [invite] = await community.createInvites(1);
    await community.acceptInvite(invite!.code, "Ana", "ana-password");
    const session = await community.startSession(ORGANISER);
    const organiser = await community.newOrganiserToken();
    const { readFile } = await import("node:fs/promises");
    const file = await readFile(join(dir, "community.json"), "utf8");
    for (const secret of ["ana-password", session, organiser, invite!.loginToken])
      expect(file).not.toContain(secret);
    expect(await community.sessionSubject(session)).toBe(ORGANISER);
    expect(await community.checkOrganiserToken(organiser)).toBe(true);
    expect(await community.checkOrganiserToken(`${organiser}x`)).toBe(false);
  });

  it("spends a one-time login link on its first use", async () => {
    const community = new Community(await folder());
    const [invite] = await community.createInvites(1);
    const account = await community.redeemLoginLink(invite!.loginToken);
    await expect(community.redeemLoginLink(invite!.loginToken)).rejects.toMatchObject({
      code: "login/link-used",
    });
    expect((await community.invite(invite!.code))?.usedBy).toBe(account.id);
  });

  it("loses no change when two processes write at once (the server and haggle invite)", async () => {
    const dir = await folder();
    const server = new Community(dir);
    const cli = new Community(dir);
    await Promise.all([
      ...Array.from({ length: 10 }, () => server.createInvites(2)),
      ...Array.from({ length: 10 }, () => cli.createInvites(3)),
    ]);
    expect((await server.data()).invites).toHaveLength(50);
  });
});
