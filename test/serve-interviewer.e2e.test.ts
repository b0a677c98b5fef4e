/**
 * Who interviews people in a served market: with no model in the config, the server offers a
 * conversation when it has a provider's API key and says which model, else the guided form only.
 * No model is called here: a conversation starts only when someone asks for one.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HttpSession, startServe } from "./support/serve-process.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-serve-interviewer-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function interviewOffer(name: string, env: Record<string, string>) {
  const config = join(root, `${name}.yaml`);
  writeFileSync(config, `name: ${name}\ndays: 1\n`);
  const served = await startServe(["--config", config, "--dir", join(root, name)], env);
  try {
    const organiser = new HttpSession(served.url);
    await organiser.call("POST", "/api/organiser/login", { token: served.organiserToken });
    const [invite] = (await organiser.call("POST", "/api/organiser/invites", { count: 1 })).body;
    const person = new HttpSession(served.url);
    const signed = await person.call("POST", `/api/invites/${invite.code}/accept`, {
      name: "Eve",
      password: "eve-password",
    });
    const line = served
      .stdout()
      .split("\n")
      .find((text) => text.startsWith("Interviews:"));
    return { line, chat: signed.body.market.interviewChat as boolean };
  } finally {
    await served.stop();
  }
}

describe("haggle serve's interviewer", () => {
  it("is the guided form when the server has no key", async () => {
    const { line, chat } = await interviewOffer("no-key", {});
    expect(line).toMatch(/^Interviews: the guided form \(set ANTHROPIC_API_KEY or OPENAI_API_KEY/);
    expect(chat).toBe(false);
  }, 60_000);

  it("is a conversation with the key's provider when the server has one", async () => {
    const { line, chat } = await interviewOffer("with-key", {
      ANTHROPIC_API_KEY: "placeholder-for-the-test",
    });
    expect(line).toBe(
      "Interviews: the guided form, or a conversation with llm:anthropic:claude-haiku-4-5 (ANTHROPIC_API_KEY is set)",
    );
    expect(chat).toBe(true);
  }, 60_000);
});
