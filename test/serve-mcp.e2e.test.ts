import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, describe, expect, it } from "vitest";
import { HttpSession, type ServedMarket, startServe } from "./support/serve-process.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-serve-mcp-"));
let served: ServedMarket | undefined;
afterAll(async () => {
  await served?.kill().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

describe("haggle serve's /mcp", () => {
  it("lets a person's own agent act for them with a token made on their page, and nobody else", async () => {
    const config = join(root, "market.yaml");
    writeFileSync(
      config,
      "name: mcp-market\nseed: 2\ndays: 1\nspeed: 600\npopulation: { generate: { participants: 4 } }\n",
    );
    served = await startServe(["--config", config, "--dir", join(root, "served")]);
    const organiser = new HttpSession(served.url);
    await organiser.call("POST", "/api/organiser/login", { token: served.organiserToken });
    const [invite] = (await organiser.call("POST", "/api/organiser/invites", { count: 1 })).body;
    const eve = new HttpSession(served.url);
    await eve.call("POST", `/api/invites/${invite.code}/accept`, { name: "Eve", password: "eve-password" });
    expect((await eve.call("POST", "/api/me/tokens", {})).status).toBe(409);
    await eve.call("PUT", "/api/me/interview", {
      form: {
        name: "Eve",
        items: [
          {
            title: "Blue kettle",
            description: "",
            condition: "good",
            flaws: "",
            category: "home",
            askingPrice: "$20",
            reserve: "$14.33",
          },
        ],
        wants: [],
        budget: "0",
        persona: "",
        instructions: "",
      },
    });
    await eve.call("POST", "/api/me/interview/confirm", {});
    await organiser.call("POST", "/api/organiser/market/open", {});
    const made = await eve.call("POST", "/api/me/tokens", { label: "my desktop agent" });
    expect(made.body.token).toMatch(/^hgl_/);
    expect((await eve.call("GET", "/api/me/tokens")).body).toHaveLength(1);

    const url = new URL(`${served.url}/mcp`);
    const wrong = await fetch(url, {
      method: "POST",
      headers: {
        authorization: "Bearer hgl_not-a-token",
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }),
    });
    expect(wrong.status).toBe(401);

    const client = new Client({ name: "eve-agent", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: { headers: { authorization: `Bearer ${made.body.token}` } },
      }),
    );
    const view = (await client.callTool({ name: "my_view", arguments: {} })) as {
      content: { text: string }[];
    };
    expect(view.content[0]!.text).toContain("Blue kettle");
    expect(view.content[0]!.text).toContain("1433");
    await client.close();

    // Revoked on her page, the token stops working at once.
    await eve.call("POST", `/api/me/tokens/${made.body.record.id}/revoke`, {});
    const revoked = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${made.body.token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }),
    });
    expect(revoked.status).toBe(401);
    await served.stop();
    served = undefined;
  }, 90_000);
});
