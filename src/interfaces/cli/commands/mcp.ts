import { resolve } from "node:path";
import type { Command } from "commander";
import { AgentTokens } from "../../../app/agent-tokens.ts";
import { openRunHost } from "../../../app/open-run-host.ts";
import { HostError } from "../../../runner/host-error.ts";
import { readRunRecord } from "../../../runner/run-folder.ts";
import { endpointMarket } from "../../mcp/endpoint-market.ts";
import { hostMarket, type McpMarket } from "../../mcp/market-port.ts";
import { bridgeStdioToHttp, serveMcpOverStdio } from "../../mcp/stdio.ts";
import { UsageError } from "../errors.ts";

export function register(program: Command): void {
  program
    .command("mcp")
    .description(
      "Serve a market to an MCP client over stdio, acting for the token's participant (for desktop MCP clients)",
    )
    .requiredOption(
      "--market <run folder | URL>",
      "a running market's run folder on this machine, or a market server's MCP URL (http://host/mcp)",
    )
    .option("--token <token>", "the agent token (haggle token create), or set HAGGLE_TOKEN")
    .option("--db <url>", "the PostgreSQL URL a finished run used, if any (or HAGGLE_DB)")
    .action(async (options: { market: string; token?: string; db?: string }) => {
      const token = options.token ?? process.env.HAGGLE_TOKEN;
      if (!token) {
        throw new UsageError(
          "give the agent token: --token <token> or HAGGLE_TOKEN (haggle token create makes one)",
        );
      }
      if (/^https?:\/\//i.test(options.market)) {
        let url: URL;
        try {
          url = new URL(options.market);
        } catch {
          throw new UsageError(
            `--market ${options.market} is not a URL: write it like http://localhost:8080/mcp`,
          );
        }
        await bridgeStdioToHttp(url, token);
        return;
      }
      const dir = resolve(options.market);
      const record = await readRunRecord(dir);
      const tokens = new AgentTokens(dir);
      const identity = await tokens.verify(token);
      if (!identity) {
        throw new HostError(
          "forbidden",
          "token/invalid",
          `this token is not valid for the run in ${dir}: it is unknown or was revoked (haggle token list --run ${options.market})`,
        );
      }
      let market: McpMarket | undefined = await endpointMarket(dir);
      let release = async () => {};
      if (!market && record.status === "finished") {
        // A finished market still has deals to hand over and threads to read: a host is opened on
        // its log for as long as the client stays (other commands wait for it meanwhile).
        const opened = await openRunHost(dir, options.db);
        market = hostMarket(opened.host);
        release = () => opened.close();
      }
      if (!market) {
        throw new HostError(
          "unavailable",
          "mcp/no-market",
          `no market is running for ${dir}: start it (haggle run, or haggle resume ${options.market}), then connect again`,
        );
      }
      try {
        await serveMcpOverStdio({ market, participant: identity.participant, tokens, token });
      } finally {
        await release();
      }
      // Long polls to the market may still be open: the client has gone, so this process is done.
      process.exit(0);
    });
}
