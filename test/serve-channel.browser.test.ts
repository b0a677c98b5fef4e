/**
 * The channel page of `haggle serve` in headless Chromium, with a market busy enough to page: a
 * person reads older posts a page at a time, narrows the channel by search, category and person, and
 * each filter shows only what matches. The organiser's copy buttons put each link on the clipboard.
 * Screenshots go to test/artifacts/serve/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, testChromium } from "./support/chromium.ts";
import { repoRoot } from "./support/haggle-cli.ts";
import { HttpSession, type ServedMarket, startServe } from "./support/serve-process.ts";

const CHROMIUM = testChromium().path;
const ARTIFACTS = join(repoRoot, "test", "artifacts", "serve");
const root = mkdtempSync(join(tmpdir(), "haggle-serve-channel-"));
/** The channel's page size (the web app asks for 50 posts at a time). */
const PAGE = 50;

const entryTexts = (page: Page) => page.locator("ul.channel li.entry").allTextContents();

describe.skipIf(!CHROMIUM)("the channel in the browser", () => {
  let server: ServedMarket;
  let browser: Browser;
  let invite: { code: string; url: string };
  let posts: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = join(root, "market.yaml");
    // 30 built-in people list and advertise at the opening: well over two pages of posts.
    writeFileSync(
      config,
      [
        "name: channel-market",
        "seed: 4",
        "days: 2",
        "speed: 600",
        "population: { generate: { participants: 30 } }",
      ].join("\n"),
    );
    server = await startServe(["--config", config, "--dir", join(root, "served")]);
    const organiser = new HttpSession(server.url);
    await organiser.call("POST", "/api/organiser/login", { token: server.organiserToken });
    [invite] = (await organiser.call("POST", "/api/organiser/invites", { count: 1 })).body;
    await organiser.call("POST", "/api/organiser/market/open", {});
    const reader = new HttpSession(server.url);
    await reader.call("POST", "/api/organiser/login", { token: server.organiserToken });
    for (const until = Date.now() + 60_000; ; ) {
      const answer = await reader.call("GET", "/api/channel?limit=200");
      const entries = answer.body.entries ?? [];
      if (answer.status !== 200) throw new Error(`channel: ${JSON.stringify(answer.body)}`);
      if (entries.length > 2 * PAGE + 5) break;
      if (Date.now() > until) throw new Error(`only ${entries.length} posts after a minute`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    browser = await launchChromium(CHROMIUM!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("copies the organiser's invite and login links", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/organiser?token=${server.organiserToken}`);
    // (Runs in the page; this file is typed for Node, without the DOM.)
    const clipboard = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      );
    // The organiser sees an invite's links only as it is made (the server keeps codes hashed).
    await page.getByLabel("Number of invites").fill("1");
    await page.getByRole("button", { name: "Make invites" }).click();
    // A new invite comes with its one-time login link (the list of unused invites has no login links).
    const loginButton = page.getByRole("button", { name: /^Copy one-time login link / });
    const code = (await loginButton.getAttribute("aria-label"))!.split(" ").at(-1)!;
    const url = `${server.url}/invite/${code}`;
    // Listed twice (new, and unused): either button copies the same link.
    const copyInvite = page.getByRole("button", { name: `Copy invite link ${code}` }).first();
    await copyInvite.click();
    await expect.poll(clipboard).toBe(url);
    await expect.poll(() => copyInvite.textContent()).toBe("Copied");
    await page.screenshot({ path: join(ARTIFACTS, "organiser-copied.png"), fullPage: true });
    await loginButton.click();
    const login = await clipboard();
    expect(login).toMatch(new RegExp(`^${server.url}/.+`));
    expect(login).not.toBe(url);
    // The login link signs its person in, in a browser of their own.
    const theirs = await browser.newContext();
    const their = await theirs.newPage();
    await their.goto(login);
    await their.waitForURL(/\/me$/);
    await theirs.close();
    await context.close();
  });

  it("pages through older posts and filters by search, category and person", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(invite.url);
    await page.getByLabel("Your name").fill("Reader");
    await page.getByLabel("Password", { exact: true }).fill("reader-password");
    await page.getByLabel("Repeat password").fill("reader-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/me$/);
    const stream = page.waitForRequest((request) => request.url().includes("/api/events"));
    await page.goto(`${server.url}/`);
    await page.locator("ul.channel li.entry").first().waitFor();
    // The live stream starts where the page's reads are, not at the market's first event.
    const after = Number(new URL((await stream).url()).searchParams.get("after"));
    expect(after).toBeGreaterThan(2 * PAGE);

    // Older posts: a page at a time, each post once, newest first throughout.
    expect(await page.locator("ul.channel li.entry").count()).toBe(PAGE);
    await page.getByRole("button", { name: "Older posts" }).click();
    await expect.poll(() => page.locator("ul.channel li.entry").count()).toBe(2 * PAGE);
    const twoPages = await entryTexts(page);
    const times = await page
      .locator("ul.channel li.entry time")
      .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ""));
    expect(times).toHaveLength(2 * PAGE);
    expect(new Set(twoPages).size).toBeGreaterThan(2 * PAGE - 5);
    posts = twoPages.length;
    await page.screenshot({ path: join(ARTIFACTS, "channel-older-posts.png") });

    // Search: every post shown mentions the word.
    const word = (await page.locator("ul.channel li.entry.kind-sale p.text").first().textContent())!
      .split(/\s+/)
      .find((part) => part.length >= 5)!;
    await page.getByLabel("Search").fill(word);
    await expect
      .poll(async () => {
        const texts = await entryTexts(page);
        return texts.length > 0 && texts.every((text) => text.toLowerCase().includes(word.toLowerCase()));
      })
      .toBe(true);
    expect((await entryTexts(page)).length).toBeLessThan(posts);
    await page.getByLabel("Search").fill("");

    // Category: every post shown has its tag.
    const category = page.getByLabel("Category");
    const options = await category.locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(2);
    const chosen = options[1]!;
    await category.selectOption(chosen);
    await expect
      .poll(async () => {
        const tags = await page
          .locator("ul.channel li.entry")
          .evaluateAll((nodes) => nodes.map((node) => node.querySelector(".tag")?.textContent ?? ""));
        return tags.length > 0 && tags.every((tag) => tag === chosen);
      })
      .toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "channel-category.png") });
    await category.selectOption("");

    // Person: every post shown is theirs.
    const person = page.getByLabel("Person");
    const name = (await person.locator("option").nth(3).textContent())!;
    await person.selectOption({ label: name });
    await expect
      .poll(async () => {
        const who = await page.locator("ul.channel li.entry .who").allTextContents();
        return who.length > 0 && who.every((text) => text === name);
      })
      .toBe(true);
    // Back to everyone: the first page again.
    await person.selectOption("");
    await expect.poll(() => page.locator("ul.channel li.entry").count()).toBeGreaterThanOrEqual(PAGE);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
