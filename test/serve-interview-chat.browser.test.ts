/**
 * The interview as a conversation, in the browser: `haggle serve` with `interview: { model }` (a
 * scripted model on a loopback OpenAI-compatible server), a person talks it through, the interviewer's
 * write-up fills their form, and they review and confirm it there. What the interviewer says is text,
 * even when it quotes markup back. The server is killed mid-conversation: started again, it shows
 * the conversation and takes it up where it was, without asking the model again for what it said.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { scriptedInterviewer } from "../src/interview/testing/scripted-interviewer.ts";
import { launchChromium, testChromium } from "./support/chromium.ts";
import { repoRoot } from "./support/haggle-cli.ts";
import { type ServedMarket, startServe } from "./support/serve-process.ts";

const CHROMIUM = testChromium().path;
const ARTIFACTS = join(repoRoot, "test", "artifacts", "serve");
const root = mkdtempSync(join(tmpdir(), "haggle-serve-chat-"));

describe.skipIf(!CHROMIUM)("the interview as a conversation in the browser", () => {
  let model: LoopbackServer;
  let server: ServedMarket;
  let modelCalls = 0;
  let browser: Browser;

  const serve = () =>
    startServe(["--config", join(root, "market.yaml"), "--dir", join(root, "served")], {
      HAGGLE_OPENAI_COMPATIBLE_URL: model.url,
    });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    model = await startOpenAICompatibleServer({
      models: ["scripted"],
      respond: (request) => {
        modelCalls++;
        return scriptedInterviewer(request);
      },
    });
    const config = join(root, "market.yaml");
    writeFileSync(
      config,
      [
        "name: chat-market",
        "days: 1",
        "speed: 60",
        "interview:",
        "  model: llm:openai-compatible:scripted",
      ].join("\n"),
    );
    server = await serve();
    browser = await launchChromium(CHROMIUM!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) await server.stop();
    await model?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("talks until it has everything, fills the form, and the person confirms it", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(`${server.url}/organiser?token=${server.organiserToken}`);
    await page.getByLabel("Number of invites").fill("1");
    await page.getByRole("button", { name: "Make invites" }).click();
    const invite = (await page.locator(".invite-url").first().textContent())!.trim();
    await context.clearCookies();

    await page.goto(invite);
    await page.getByLabel("Your name").fill("Cy");
    await page.getByLabel("Password", { exact: true }).fill("cy-password");
    await page.getByLabel("Repeat password").fill("cy-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Your interview" }).waitFor();

    await page.getByRole("button", { name: "Talk it through with an interviewer" }).click();
    const chat = page.getByRole("region", { name: "Interview conversation" });
    await chat.getByText("What's your name?").waitFor();
    const say = async (message: string, expectNext: string | RegExp) => {
      await chat.getByLabel("Your answer").fill(message);
      await chat.getByRole("button", { name: "Send" }).click();
      await chat.getByText(expectNext).last().waitFor();
    };
    await say("Cy Park", "What would you like to sell?");
    await say("A Kindle Paperwhite", /What condition is it in/);
    await say("like-new, with a scuffed corner", "What's your asking price?");

    // Killed mid-conversation and started again (a new port: cookies ignore ports, so Cy stays signed in).
    await server.kill();
    server = await serve();
    const callsBefore = modelCalls;
    await page.goto(`${server.url}/me`);
    await page.getByRole("button", { name: "Talk it through with an interviewer" }).click();
    await chat.getByText("What's your asking price?").waitFor();
    expect(await chat.locator(".chat-line.from-me").allTextContents()).toEqual([
      "YouCy Park",
      "YouA Kindle Paperwhite",
      "Youlike-new, with a scuffed corner",
    ]);
    // Shown from what the server kept: the model was not asked again.
    expect(modelCalls).toBe(callsBefore);
    // Not a price, and markup at that: the interviewer quotes it back, as text.
    await say("<img src=x onerror=alert(1)>", `"<img src=x onerror=alert(1)>" isn't a price I can use`);
    // The next answer replays the earlier turns from their recording, then asks the model once.
    expect(modelCalls).toBe(callsBefore + 1);
    await say("$60", "And the least you'd accept? It stays secret.");
    await say("$45", "Is there something you'd like to buy?");
    await say("A road bike", "What's the most you'd pay for it?");
    await say("$150", "What's your total budget for buying?");
    await say("$200", "Last one: how should your agent negotiate for you?");
    await chat.getByLabel("Your answer").fill("Polite and patient");
    await chat.getByRole("button", { name: "Send" }).click();
    await chat.getByRole("button", { name: "Check my form" }).waitFor();
    expect(await page.locator("main img").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "interview-chat.png"), fullPage: true });

    // The conversation's write-up is the form, to check and confirm as if typed.
    await chat.getByRole("button", { name: "Check my form" }).click();
    await expect.poll(() => page.getByLabel("Item 1 title").inputValue()).toBe("A Kindle Paperwhite");
    expect(await page.getByLabel("Item 1 least I'd accept").inputValue()).toBe("$45");
    expect(await page.getByLabel("Want 1 most I'd pay").inputValue()).toBe("$150");
    expect(await page.getByLabel("Budget").inputValue()).toBe("$200");
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: "My deals" }).waitFor();
    expect(await page.locator("section.mandate").textContent()).toContain("$45.00");

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
