/**
 * A browser left open on the channel while `haggle serve` is killed with SIGKILL and started again
 * on the same address: its live stream reconnects by itself (EventSource, Last-Event-ID) and the page
 * goes on updating, without a reload.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/haggle-cli.ts";
import { type ServedMarket, startServe } from "./support/serve-process.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(repoRoot, "test", "artifacts", "serve");
const root = mkdtempSync(join(tmpdir(), "haggle-serve-reconnect-"));
const running: ServedMarket[] = [];

/** A port free right now, so the server can be started again at the same address. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("a browser across a server restart", () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is needed at ${CHROMIUM} for the browser tests: .ci/run installs it (apt-get install chromium)`,
      );
    }
    mkdirSync(ARTIFACTS, { recursive: true });
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
  });

  afterAll(async () => {
    await browser?.close();
    for (const served of running) await served.kill().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });

  it("reconnects its live stream by itself and goes on updating the page", async () => {
    const config = join(root, "market.yaml");
    // A market day in a minute and a half of market time that goes on after the restart.
    writeFileSync(
      config,
      [
        "name: reconnect-market",
        "seed: 9",
        "days: 1",
        "speed: 960",
        "population:",
        "  generate: { participants: 8, itemsPerPerson: [1, 2], wantsPerPerson: [1, 2] }",
        "agents:",
        "  all: engine:strong",
      ].join("\n"),
    );
    const port = String(await freePort());
    const args = ["--config", config, "--dir", join(root, "served"), "--port", port, "--host", "127.0.0.1"];
    const first = await startServe(args);
    running.push(first);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${first.url}/organiser?token=${first.organiserToken}`);
    await page.getByRole("button", { name: "Open the market" }).click();
    await page.getByRole("button", { name: "Close the market" }).waitFor();
    await page.getByRole("link", { name: "Channel" }).click();
    await page.getByRole("heading", { name: "# market" }).waitFor();
    await page.locator("li.entry").first().waitFor({ timeout: 60_000 });
    await page.locator(".stream-live").waitFor();
    await page.evaluate(() => Object.assign(globalThis, { __notReloaded: true }));

    // Let some negotiations start, then kill the server mid-market.
    const channel = page.getByRole("list", { name: "Channel" });
    const atStart = await channel.textContent();
    await expect.poll(() => channel.textContent(), { timeout: 60_000 }).not.toBe(atStart);
    await first.kill();
    await page.locator(".stream-reconnecting").waitFor({ timeout: 15_000 });
    const whileDown = await channel.textContent();

    // Started again at the same address: the page's stream comes back by itself, and the page moves on.
    const second = await startServe(args);
    running.push(second);
    await page.locator(".stream-live").waitFor({ timeout: 60_000 });
    await expect.poll(() => channel.textContent(), { timeout: 60_000 }).not.toBe(whileDown);
    expect(await page.evaluate(() => (globalThis as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "channel-after-restart.png") });
    expect(errors).toEqual([]);
    await second.stop();
  }, 240_000);
});
