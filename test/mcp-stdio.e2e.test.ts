import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";
import type { MarketEvent } from "../src/engine/event.ts";
import { replay } from "../src/engine/replay.ts";
import { connectToRunningHost } from "../src/interfaces/local/host-client.ts";
import { openPgliteStore } from "../src/store/index.ts";
import { haggle, repoRoot } from "./support/haggle-cli.ts";
import { startMcpMarket } from "./support/mcp-market.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-mcp-stdio-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[] };

/** `haggle mcp ...` started by the official SDK's stdio client, as a desktop MCP client starts it. */
async function stdioClient(args: string[], token: string) {
  const transport = new StdioClientTransport({
    command: "node",
    args: [join(repoRoot, "bin/haggle.js"), "mcp", ...args],
    env: { ...(process.env as Record<string, string>), HAGGLE_TOKEN: token },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const client = new Client({ name: "desktop", version: "1.0.0" });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close();
    throw error;
  }
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, {
      timeout: 60_000,
    })) as ToolResult;
    const text = result.content.map((part) => part.text ?? "").join("");
    return { result, text, data: result.isError ? undefined : JSON.parse(text) };
  };
  return { client, call, stderr: () => stderr };
}

function start(args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn("node", [join(repoRoot, "bin/haggle.js"), ...args], { stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

async function logOf(dir: string): Promise<MarketEvent[]> {
  const marketId = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).marketId as string;
  const store = await openPgliteStore(join(dir, "db"));
  try {
    return await store.read(marketId);
  } finally {
    await store.close();
  }
}

describe("haggle mcp over stdio", () => {
  it("serves a running market's run folder for one participant; a silent remote agent does not stop the market", {
    timeout: 180_000,
  }, async () => {
    const config = join(root, "remote.yaml");
    // A market day in about 25 real seconds; p001 is played from outside, p002 never shows up.
    writeFileSync(
      config,
      [
        "name: remote-check",
        "seed: 9",
        "clock: wall",
        "speed: 3456",
        "days: 1",
        "population:",
        "  generate:",
        "    participants: 8",
        "agents:",
        "  explicit: { p001: remote, p002: remote }",
        "  default: engine:strong",
        "remote: { turnDeadline: 90m }",
      ].join("\n"),
    );
    const dir = join(root, "run");
    const run = start(["run", "--config", config, "--out", dir]);
    for (let attempt = 0; attempt < 600 && !(await connectToRunningHost(dir)); attempt++) await sleep(50);

    const created = await haggle(["token", "create", "--as", "p001", "--run", dir, "--json"]);
    expect(created.code, created.stderr).toBe(0);
    const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
    expect(readFileSync(join(dir, "agent-tokens.json"), "utf8")).not.toContain(token);
    expect((await haggle(["token", "create", "--as", "p999", "--run", dir])).code).toBe(2);

    const wrong = await haggle(["mcp", "--market", dir, "--token", "hgl_wrong"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not valid/);

    const p001 = await stdioClient(["--market", dir], token);
    const view = (await p001.call("my_view")).data;
    expect(view.me.id).toBe("p001");
    expect(view.me.mandate.items.length).toBeGreaterThan(0);
    const item = view.me.mandate.items.find(
      (candidate: { id: string }) =>
        !view.me.listings.some((listing: { itemId: string }) => listing.itemId === candidate.id),
    );
    const posted = await p001.call("post_listing", { itemId: item.id, text: "From my own agent" });
    expect(posted.result.isError, posted.text).toBeFalsy();
    const mine = await p001.call("search_listings", { includeMine: true, query: item.title });
    expect(mine.data.listings.map((listing: { seller: { id: string } }) => listing.seller.id)).toContain(
      "p001",
    );
    const malformed = await p001.call("make_offer", { price: -5 });
    expect(malformed.result.isError).toBe(true);
    expect(malformed.text).toMatch(/Input validation error/);

    // The scheduler's turns reach the outside agent through wait_for_changes, with a deadline.
    let cursor = view.cursor as string;
    let turn: { number: number; at: number; deadline: number } | undefined = view.turn;
    for (let i = 0; i < 10 && !turn; i++) {
      const waited = (await p001.call("wait_for_changes", { cursor, timeoutSeconds: 5 })).data;
      cursor = waited.cursor;
      turn = waited.turn;
    }
    expect(turn).toBeDefined();
    expect(turn!.deadline - turn!.at).toBe(90 * 60_000);

    // Revoked from the CLI while the stdio server runs: the next call is refused.
    expect((await haggle(["token", "revoke", id, "--run", dir])).code).toBe(0);
    const refused = await p001.call("my_view");
    expect(refused.result.isError).toBe(true);
    expect(JSON.parse(refused.text).error.code).toBe("token/revoked");
    const listed = JSON.parse((await haggle(["token", "list", "--run", dir, "--json"])).stdout);
    expect(listed).toEqual([
      expect.objectContaining({ id, participant: "p001", revokedAt: expect.any(String) }),
    ]);
    await p001.client.close();

    // Both remote agents were silent most of the time: the market still ran to its close and replays.
    expect(await run.exited).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).status).toBe("finished");
    const log = await logOf(dir);
    const state = replay(log);
    expect(state.status).toBe("closed");
    expect(log.some((event) => event.type === "listing-posted" && event.actor === "p001")).toBe(true);
    expect(log.some((event) => event.actor === "p002" && event.type !== "participant-registered")).toBe(
      false,
    );
  });

  it("bridges stdio to a market server's /mcp URL", { timeout: 120_000 }, async () => {
    const market = await startMcpMarket(join(root, "bridge"), 60);
    try {
      const { token } = await market.tokens.create("ann");
      const ann = await stdioClient(["--market", market.url.href], token);
      const view = (await ann.call("my_view")).data;
      expect(view.me.id).toBe("ann");
      const said = await ann.call("send_message", { where: "channel", text: "hello from a desktop client" });
      expect(said.result.isError, said.text).toBeFalsy();
      expect([...market.host.state.messages.values()].map((message) => message.text)).toContain(
        "hello from a desktop client",
      );
      await ann.client.close();

      // A wrong token: the server's 401 reaches the client as an error of its first request.
      await expect(stdioClient(["--market", market.url.href], "hgl_not-a-token")).rejects.toThrow(
        /401|unauthorized|not valid/,
      );
    } finally {
      await market.stop();
    }
  });
});
