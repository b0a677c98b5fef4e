import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haggle } from "./support/haggle-cli.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-invite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function servedMarket(name: string, url: string): string {
  const dir = join(root, "runs", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "serve.json"),
    JSON.stringify({ version: 1, phase: "waiting", createdAt: "2026-12-06T09:00:00Z", url }),
  );
  return dir;
}

describe("haggle invite", () => {
  it("makes invite and one-time login links as CSV for the served market here, stored hashed beside it", async () => {
    const dir = servedMarket("club", "http://club.example:8080");
    const { stdout, code } = await haggle(["invite", "--count", "3", "--csv"], { cwd: root });
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split("\n");
    expect(header).toBe("code,invite_url,login_url");
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const [code, invite, login] = row.split(",");
      expect(invite).toBe(`http://club.example:8080/invite/${code}`);
      expect(login).toMatch(/^http:\/\/club\.example:8080\/login\/[\w-]{40,}$/);
      // The login token itself is never stored, only its hash.
      expect(readFileSync(join(dir, "community.json"), "utf8")).not.toContain(login!.split("/").at(-1));
    }
    expect(JSON.parse(readFileSync(join(dir, "community.json"), "utf8")).invites).toHaveLength(3);
  });

  it("asks which market when there are several, and says what a bad count should be", async () => {
    servedMarket("office", "http://office.example");
    const several = await haggle(["invite", "--count", "1"], { cwd: root });
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(
      /several served markets under runs\/ \(club, office\): say which with --dir/,
    );
    const bad = await haggle(["invite", "--count", "0", "--dir", join(root, "runs", "club")], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--count 0: give a whole number from 1 to 1000/);
  });
});
