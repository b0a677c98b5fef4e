import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { participantSchema } from "../../domain/mandate.ts";
import { emptyState, genesisEvent } from "../../engine/create-market.ts";
import { replay } from "../../engine/replay.ts";
import { person } from "../../engine/testing/fixtures.ts";
import { virtualClock } from "../../runner/clock.ts";
import { MemorySink } from "../../runner/event-sink.ts";
import { MarketHost } from "../../runner/market-host.ts";
import { endpointPath } from "./endpoint-path.ts";
import { connectToRunningHost } from "./host-client.ts";
import { serveHostLocally } from "./host-endpoint.ts";

const root = mkdtempSync(join(tmpdir(), "haggle-endpoint-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function openHost(): MarketHost {
  const genesis = genesisEvent({ marketId: "local", currency: "USD" }, 1_000);
  const host = new MarketHost({
    state: replay([genesis], emptyState({ transcripts: "all" })),
    sink: new MemorySink(),
    clock: virtualClock(1_000),
    genesis,
  });
  for (const id of ["ann", "ben"]) {
    host.apply(
      "market",
      { type: "register-participant", participant: participantSchema.parse(person(id)) },
      1_000,
    );
  }
  host.apply("market", { type: "open-market" }, 1_000);
  return host;
}

/** A raw request on the socket, as anything else on the machine could send. */
function raw(socketPath: string, method: string, path: string, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ socketPath, method, path }, (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("a running market's local endpoint", () => {
  it("serves reads and submits to its owner only, answers bad requests with 400, and goes with the host", async () => {
    const dir = join(root, "run");
    const host = openHost();
    await serveHostLocally(host, dir);
    const socket = endpointPath(dir);
    expect(statSync(socket).mode & 0o777).toBe(0o600);

    const client = (await connectToRunningHost(dir))!;
    expect(client).toBeDefined();
    const said = await client.submit("ann", { type: "send-message", where: "channel", text: "hello" });
    expect(said.ok).toBe(true);
    const refused = await client.submit("ann", { type: "confirm-deal", dealId: "D1" });
    expect(refused).toMatchObject({ ok: false, code: expect.stringMatching(/^deal\//) });
    const state = await client.state();
    expect(state.seq).toBe(host.state.seq);
    expect([...state.messages.values()].map((message) => message.text)).toContain("hello");

    expect((await raw(socket, "POST", "/submit", "{not json")).status).toBe(400);
    expect((await raw(socket, "POST", "/submit", JSON.stringify({ actor: 1 }))).status).toBe(400);
    expect((await raw(socket, "GET", "/events?fromSeq=-3")).status).toBe(400);
    expect((await raw(socket, "DELETE", "/everything")).status).toBe(404);

    await host.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(socket)).toBe(false);
    expect(await connectToRunningHost(dir)).toBeUndefined();
  });
});
