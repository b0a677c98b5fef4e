/**
 * `haggle serve` end to end in headless Chromium, as its users meet it: the organiser opens the link
 * the server printed, makes invites and opens the market; two people accept invites in their own
 * browsers, do the interview (one sells what the other wants, at prices that overlap) and confirm;
 * their agents trade; each sees the deal arrive without reloading, sees only their own secrets, hands
 * over and answers the survey; `haggle analyze` on the run then reports their answers. Agent and owner
 * text that looks like markup stays text. Screenshots of every page go to test/artifacts/serve/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haggle, repoRoot } from "./support/haggle-cli.ts";
import { type ServedMarket, startServe } from "./support/serve-process.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(repoRoot, "test", "artifacts", "serve");

/** Owner-written text that would be markup, a script or a link if it were ever rendered as HTML. */
const HOSTILE =
  "<script>alert('xss')</script><img src=x onerror=alert('img')> [free](javascript:alert('md')) **bold** \u202Egnp.exe\u202C";

/** Distinctive secret amounts, so finding one on a page can only mean it leaked. */
const ANN = { name: "Ann Seller", password: "ann-password-1", reserve: "83.17", budget: "41.29" };
const BOB = { name: "Bob Buyer", password: "bob-password-1", maxPrice: "97.43", budget: "143.57" };
const SECRETS = {
  ann: [ANN.reserve, ANN.budget, "$7.31"],
  bob: [BOB.maxPrice, BOB.budget, "$5.43"],
};

const root = mkdtempSync(join(tmpdir(), "haggle-serve-browser-"));
const serveDir = join(root, "serve");

/** A page that records what must never happen: a dialog (a script ran), an uncaught error. */
interface Watched {
  page: Page;
  dialogs: string[];
  errors: string[];
}

async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const watched: Watched = { page, dialogs: [], errors: [] };
  page.on("dialog", async (dialog) => {
    watched.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => watched.errors.push(error.message));
  return watched;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Accepts an invite and fills the interview with the given form, then reviews and confirms it. */
async function joinAndConfirm(
  page: Page,
  invite: string,
  who: typeof ANN | typeof BOB,
  fill: (page: Page) => Promise<void>,
  label: string,
): Promise<void> {
  await page.goto(invite);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("browser-market");
  await shot(page, `invite-${label}`);
  await page.getByLabel("Your name").fill(who.name);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByLabel("Repeat password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/me$/);
  await page.getByRole("heading", { name: "Your interview" }).waitFor();
  await fill(page);
  await page.getByText("All changes saved").waitFor();
  await shot(page, `interview-${label}`);
  await page.getByRole("button", { name: "Review" }).click();
  await page.getByRole("heading", { name: "Review your mandate" }).waitFor();
  await shot(page, `review-${label}`);
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("heading", { name: "My deals" }).waitFor();
}

/** The page's visible text and its markup, for searching for what must not be there. */
async function everything(page: Page): Promise<string> {
  return `${await page.locator("body").textContent()}\n${await page.content()}`;
}

describe("haggle serve in the browser", () => {
  let server: ServedMarket;
  let organiserUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is needed at ${CHROMIUM} for the browser tests: .ci/run installs it (apt-get install chromium)`,
      );
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = join(root, "market.yaml");
    // Three market days in about three minutes (closed by the organiser sooner), a few built-in people, everyone on the strong tier.
    writeFileSync(
      config,
      [
        "name: browser-market",
        "seed: 11",
        "days: 3",
        "speed: 1440",
        "negotiations: public",
        "population:",
        "  generate:",
        "    participants: 4",
        "agents:",
        "  all: engine:strong",
      ].join("\n"),
    );
    // As a user starts it; it builds the web app first if its sources changed.
    server = await startServe(["--config", config, "--dir", serveDir]);
    organiserUrl = `${server.url}/organiser?token=${server.organiserToken}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (server.child.exitCode === null) await server.kill();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it("organiser invites, two people trade, hand over and rate; analyze reports their answers", async () => {
    const viewport = { width: 1100, height: 900 };
    const organiserContext = await browser.newContext({ viewport });
    const organiser = await watchedPage(organiserContext);
    const o = organiser.page;

    // The organiser: the printed link signs in and drops the token from the address.
    await o.goto(organiserUrl);
    await o.waitForURL(/\/organiser$/);
    await o.getByRole("heading", { name: "browser-market" }).waitFor();
    await o.getByLabel("Number of invites").fill("2");
    await o.getByRole("button", { name: "Make invites" }).click();
    const links = o.locator(".invites").filter({ hasText: "2 new invite links" }).locator(".invite-url");
    await expect.poll(() => links.count()).toBe(2);
    const [annInvite, bobInvite] = (await links.allTextContents()).map((text) => text.trim());
    expect(annInvite).toMatch(/\/invite\/\S+$/);
    await shot(o, "organiser-invites");
    // The CSV is made in the browser from the same links.
    const [download] = await Promise.all([
      o.waitForEvent("download"),
      o
        .locator(".invites")
        .filter({ hasText: "2 new invite links" })
        .getByRole("button", { name: "Download CSV" })
        .click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("code,url,login_url,used_by");
    expect(csv).toContain(annInvite);
    expect(csv).toContain(bobInvite);

    // Two people, each in a browser of their own.
    const annContext = await browser.newContext({ viewport });
    const bobContext = await browser.newContext({ viewport });
    const ann = await watchedPage(annContext);
    const bob = await watchedPage(bobContext);

    // Bad input on the invite form is refused beside the field, naming the fix.
    await ann.page.goto(annInvite!);
    await ann.page.getByLabel("Your name").fill(ANN.name);
    await ann.page.getByLabel("Password", { exact: true }).fill("short");
    await ann.page.getByLabel("Repeat password").fill("shorter");
    await ann.page.getByRole("button", { name: "Create account" }).click();
    await ann.page.getByText("The two passwords differ").waitFor();
    await ann.page.getByLabel("Repeat password").fill("short");
    await ann.page.getByRole("button", { name: "Create account" }).click();
    await ann.page.getByText("use at least 8 characters").waitFor();
    await shot(ann.page, "invite-error");

    await joinAndConfirm(
      ann.page,
      annInvite!,
      ANN,
      async (page) => {
        await page.getByRole("button", { name: "Add an item to sell" }).click();
        await page.getByLabel("Item 1 title").fill("Brompton folding bike");
        await page.getByLabel("Item 1 description").fill("Six-speed Brompton, folds small, serviced in May.");
        await page.getByLabel("Item 1 condition").selectOption("good");
        await page.getByLabel("Item 1 category").fill("sports");
        await page.getByLabel("Item 1 asking price").fill("$120");
        // A bad answer first: the server's check shows beside the field, naming the fix.
        await page.getByLabel("Item 1 least I'd accept").fill("$500");
        await page.getByText(/is above your asking price/).waitFor();
        await shot(page, "interview-error-ann");
        await page.getByLabel("Item 1 least I'd accept").fill(`$${ANN.reserve}`);
        await page.getByRole("button", { name: "Add an item to sell" }).click();
        await page.getByLabel("Item 2 title").fill(HOSTILE);
        await page.getByLabel("Item 2 description").fill(HOSTILE);
        await page.getByLabel("Item 2 asking price").fill("$15");
        await page.getByLabel("Item 2 least I'd accept").fill("$7.31");
        await page.getByLabel("Budget").fill(`$${ANN.budget}`);
        await page.getByLabel("Persona").fill("friendly, patient, keen to see the bike go to a good home");
      },
      "ann",
    );
    // An invite works once, and a made-up one not at all: each says so plainly.
    await bob.page.goto(annInvite!);
    await bob.page.getByText("This invite has already been used.").waitFor();
    await shot(bob.page, "invite-used");
    await bob.page.goto(`${server.url}/invite/not-a-real-code`);
    await bob.page.getByText("This invite code is not one of this market's.").waitFor();

    await joinAndConfirm(
      bob.page,
      bobInvite!,
      BOB,
      async (page) => {
        await page.getByRole("button", { name: "Add something you want" }).click();
        await page.getByLabel("Want 1 description").fill("Brompton folding bike");
        await page.getByLabel("Want 1 most I'd pay").fill(`$${BOB.maxPrice}`);
        await page.getByRole("button", { name: "Add an item to sell" }).click();
        await page.getByLabel("Item 1 title").fill("Anglepoise desk lamp");
        await page.getByLabel("Item 1 asking price").fill("$9");
        await page.getByLabel("Item 1 least I'd accept").fill("$5.43");
        await page.getByLabel("Budget").fill(`$${BOB.budget}`);
        await page.getByLabel("Persona").fill("brisk and businesslike");
      },
      "bob",
    );

    // The organiser's page, left open, shows both interviews finished; then the market opens.
    await expect
      .poll(() => o.locator("table.people").getByText("confirmed").count(), { timeout: 20_000 })
      .toBe(2);
    await o.getByRole("button", { name: "Open the market" }).click();
    await o.getByRole("button", { name: "Close the market" }).waitFor();

    // Each person's page stays loaded: the deal must arrive over the live stream, not by a reload.
    for (const { page } of [ann, bob])
      await page.evaluate(() => Object.assign(globalThis, { __notReloaded: true }));
    const annDeal = ann.page.locator("article.deal").filter({ hasText: "Brompton folding bike" });
    const bobDeal = bob.page.locator("article.deal").filter({ hasText: "Brompton folding bike" });
    await annDeal.getByRole("button", { name: /Handed over/ }).waitFor({ timeout: 150_000 });
    await bobDeal.getByRole("button", { name: /Handed over/ }).waitFor({ timeout: 30_000 });
    for (const { page } of [ann, bob]) {
      expect(await page.evaluate(() => (globalThis as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    }
    await expect.poll(() => annDeal.textContent()).toContain("Sold to Bob Buyer");
    await expect.poll(() => bobDeal.textContent()).toContain("Bought from Ann Seller");
    const price = /for \$(\d+\.\d\d)/.exec((await annDeal.textContent()) ?? "")?.[1];
    expect(price, "the deal's price").toBeDefined();
    expect(Number(price)).toBeGreaterThanOrEqual(Number(ANN.reserve));
    expect(Number(price)).toBeLessThanOrEqual(Number(BOB.maxPrice));
    // The memo is there for both sides, and the agent can be paused and started again.
    const memo = await annDeal.getByRole("link", { name: "memo (Markdown)" }).getAttribute("href");
    for (const { page } of [ann, bob]) {
      const response = await page.request.get(`${server.url}${memo}`);
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain("Brompton folding bike");
    }
    await ann.page.getByRole("button", { name: "Pause my agent" }).click();
    await ann.page.getByText("Your agent is paused.").waitFor();
    await ann.page.getByRole("button", { name: "Resume my agent" }).click();
    await ann.page.getByText("Your agent is trading.").waitFor();
    // A token for an agent of Bob's own over MCP: shown once, listed, revoked.
    const tokens = bob.page.getByRole("region", { name: "My own agent over MCP" });
    await tokens.getByLabel("Token label").fill("my laptop");
    await tokens.getByRole("button", { name: "Make a token" }).click();
    expect(await tokens.locator("code.token").textContent()).toMatch(/^\S{40,}$/);
    await tokens.getByText("my laptop").waitFor();
    await shot(bob.page, "me-bob-token");
    await tokens.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => tokens.getByRole("button", { name: "Revoke" }).count()).toBe(0);
    await shot(ann.page, "me-ann-deal");
    await ann.page.getByRole("link", { name: "Channel" }).click();
    await ann.page.getByRole("heading", { name: "# market" }).waitFor();
    await ann.page.locator("li.entry").first().waitFor();
    await ann.page.screenshot({ path: join(ARTIFACTS, "channel-ann.png") });
    await ann.page.goBack();
    await ann.page.getByRole("heading", { name: "My deals" }).waitFor();
    await shot(bob.page, "me-bob-deal");
    await shot(o, "organiser-open");

    // Each sees their own secrets on their page, and nobody else's on any page.
    expect(await ann.page.locator("section.mandate").textContent()).toContain(`$${ANN.reserve}`);
    expect(await bob.page.locator("section.mandate").textContent()).toContain(`$${BOB.maxPrice}`);
    // A deal's price is public to its two sides; a secret it happens to equal is not searched for.
    const notThePrice = (secrets: string[]) => secrets.filter((secret) => secret.replace("$", "") !== price);
    const listingLink = bob.page.getByRole("link", { name: "Brompton folding bike" }).first();
    const listingPath = await listingLink.getAttribute("href");
    expect(listingPath).toMatch(/^\/listings\//);
    for (const [who, page, others] of [
      ["ann", ann.page, notThePrice(SECRETS.bob)],
      ["bob", bob.page, notThePrice(SECRETS.ann)],
    ] as const) {
      for (const path of ["/me", "/", listingPath!]) {
        await page.goto(`${server.url}${path}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const text = await everything(page);
        for (const secret of others) expect(text, `${who} on ${path}`).not.toContain(secret);
      }
    }
    await shot(bob.page, "listing-bob");
    await bob.page.screenshot({ path: join(ARTIFACTS, "listing-thread.png") });

    // The channel: hostile owner text is shown as the characters typed, and nothing runs or is injected.
    // Ann's posts only (the person filter): the built-in people's chatter has pushed hers down the page.
    await bob.page.goto(`${server.url}/`);
    await bob.page.getByLabel("Person").selectOption({ label: ANN.name });
    const hostileEntry = bob.page.locator("li.entry").filter({ hasText: "<script>alert('xss')</script>" });
    await hostileEntry.first().waitFor({ timeout: 60_000 });
    expect(await hostileEntry.first().textContent()).toContain("[free](javascript:alert('md')) **bold**");
    await shot(bob.page, "channel-bob");
    await bob.page.getByLabel("Search").fill("Brompton");
    await expect
      .poll(() => bob.page.locator("li.entry").filter({ hasText: "<script>" }).count(), { timeout: 10_000 })
      .toBe(0);
    await bob.page.getByLabel("Search").fill("");
    const hostileListing = await hostileEntry.first().getByRole("link").getAttribute("href");
    await bob.page.goto(`${server.url}${hostileListing}`);
    await bob.page.getByRole("heading", { level: 1 }).filter({ hasText: "<img src=x" }).waitFor();
    await bob.page.waitForLoadState("networkidle");
    await shot(bob.page, "listing-hostile");
    for (const { page } of [ann, bob]) {
      if (!page.url().endsWith(hostileListing!)) await page.goto(`${server.url}${hostileListing}`);
      await page.getByRole("heading", { level: 1 }).filter({ hasText: "<img src=x" }).waitFor();
      expect(await page.locator("img").count()).toBe(0);
      expect(await page.locator("script:not([src^='/assets/'])").count()).toBe(0);
      expect(await page.locator("a[href^='javascript:' i]").count()).toBe(0);
      expect(await page.locator("main strong, main b, main em").filter({ hasText: "bold" }).count()).toBe(0);
      // The bidi override is named, not obeyed: "gnp.exe" cannot pass for "exe.png".
      const main = await page.locator("main").textContent();
      expect(main).toContain("U+202Egnp.exeU+202C");
      expect(main).not.toContain("\u202E");
    }

    // Hand-over and the survey, each on their own page.
    for (const [page, fairness, satisfaction, wouldPay] of [
      [ann.page, "6", "7", "yes"],
      [bob.page, "4", "5", "no"],
    ] as const) {
      await page.goto(`${server.url}/me`);
      const deal = page.locator("article.deal").filter({ hasText: "Brompton folding bike" });
      await deal.getByRole("button", { name: /Handed over/ }).click();
      await expect.poll(() => deal.getByRole("button", { name: /Handed over/ }).isDisabled()).toBe(true);
      await deal.getByLabel(/^Fairness of deal/).selectOption(fairness);
      await deal.getByLabel(/^Satisfaction with deal/).selectOption(satisfaction);
      await deal.getByLabel(/^Would you pay/).selectOption(wouldPay);
      await deal.getByRole("button", { name: "Send answers" }).click();
      await deal.getByText(`Your answers: fairness ${fairness}/7, satisfaction ${satisfaction}/7`).waitFor();
    }
    await expect.poll(() => annDeal.textContent(), { timeout: 15_000 }).toContain("Bob Buyer ✓ done");
    await shot(ann.page, "me-ann-after");
    await shot(bob.page, "me-bob-after");

    // Signing in again: a wrong password is refused where it was typed, the right one opens the channel.
    const laterContext = await browser.newContext({ viewport });
    const later = await watchedPage(laterContext);
    await later.page.goto(`${server.url}/me`);
    await later.page.waitForURL(/\/login$/);
    await later.page.getByLabel("Name").fill(BOB.name);
    await later.page.getByLabel("Password").fill("not-his-password");
    await later.page.getByRole("button", { name: "Sign in" }).click();
    await later.page.getByRole("alert").waitFor();
    await shot(later.page, "login-refused");
    await later.page.getByLabel("Password").fill(BOB.password);
    await later.page.getByRole("button", { name: "Sign in" }).click();
    await later.page.getByRole("heading", { name: "# market" }).waitFor();

    // The organiser closes the market and reads the analysis.
    await o.getByRole("button", { name: "Close the market" }).click();
    await o.getByRole("button", { name: "Yes, close it" }).click();
    await o.getByRole("heading", { name: "Analysis" }).waitFor({ timeout: 60_000 });
    await o.frameLocator("iframe.report").locator("body").waitFor({ timeout: 120_000 });
    await o.waitForTimeout(1_000);
    await shot(o, "organiser-closed");

    for (const watched of [organiser, ann, bob, later]) {
      expect(watched.dialogs).toEqual([]);
      expect(watched.errors).toEqual([]);
    }

    // `haggle analyze` on the market's run folder reports the two answers (fairness 6 and 4: 5.00).
    const out = join(root, "analysis");
    const analysed = await haggle(["analyze", join(serveDir, "market"), "--out", out]);
    expect(analysed.code, analysed.stderr).toBe(0);
    expect(analysed.stdout).toMatch(/People rated their deals' fairness 5\.00/);
  }, 420_000);
});
