import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import { createLanguageModel } from "../../../agents/llm/providers.ts";
import { resilientModel } from "../../../agents/llm/resilient-model.ts";
import { createAgent, preflightAgentSpecs } from "../../../agents/registry.ts";
import { AgentTokens } from "../../../app/agent-tokens.ts";
import { ChatTranscripts } from "../../../app/serve/chat-transcripts.ts";
import { InterviewChats } from "../../../app/serve/interview-chat.ts";
import { MarketSession } from "../../../app/serve/market-session.ts";
import { interviewModelFor, loadServeConfig } from "../../../app/serve/serve-config.ts";
import { defaultServeDir } from "../../../app/serve/serve-folder.ts";
import type { MarketHost } from "../../../runner/market-host.ts";
import { createHttpApp, listen } from "../../http/server.ts";
import { serveHostLocally } from "../../local/host-endpoint.ts";
import { mcpHttpHandler } from "../../mcp/http.ts";
import { hostMarket } from "../../mcp/market-port.ts";
import { parseSlackBlock, slackSecrets } from "../../slack/config.ts";
import { mirrorServedMarket } from "../../slack/served-market-mirror.ts";
import { ensureWebBuild } from "../../web/build.ts";

interface ServeOptions {
  config: string;
  dir?: string;
  port: string;
  host: string;
  db?: string;
  web?: string;
}

/** The built web app: the folder given, else the package's own build (made when missing or stale). */
async function webDir(given: string | undefined): Promise<string | undefined> {
  if (given) return resolve(given);
  return ensureWebBuild();
}

function portOf(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port ${text}: give a port number from 1 to 65535 (or 0 for any free one)`);
  }
  return port;
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("Serve a live market people join, watch and trade in from the browser")
    .requiredOption("--config <file>", "the market config (YAML): name, days, speed, agents, built-in people")
    .option("--dir <dir>", "where the market, its people and their answers are kept (default: runs/<name>)")
    .option("--port <port>", "the port to listen on", "8080")
    .option("--host <host>", "the address to listen on (0.0.0.0 for everyone on the network)", "127.0.0.1")
    .option(
      "--db <url>",
      "a PostgreSQL URL for the event log (default: embedded PGlite in the folder; or HAGGLE_DB)",
    )
    .addOption(new Option("--web <dir>", "a built web app to serve").hideHelp())
    .action(async (options: ServeOptions) => {
      const port = portOf(options.port);
      const config = await loadServeConfig(options.config);
      // The interviewer: the config's model, or (by default) one of the provider whose key is set.
      const interviewer = interviewModelFor(config);
      config.interviewModel = interviewer?.model ?? "off";
      // A missing key or an unreachable model server is said before anyone is invited.
      if (interviewer) await preflightAgentSpecs([interviewer.model]);
      const dir = resolve(options.dir ?? defaultServeDir(config.run.name));
      const interviewChats = interviewer
        ? new InterviewChats(
            (recorder) =>
              resilientModel(createLanguageModel(interviewer.model), { retry: { maxRetries: 3 }, recorder }),
            new ChatTranscripts(dir),
          )
        : undefined;
      const endpoints: Promise<() => Promise<void>>[] = [];
      // The Slack mirror (off without a slack: block): checked, and its secrets read, before anything starts.
      const slack = parseSlackBlock(config.run.slack, options.config);
      const secrets = slack ? slackSecrets(slack) : undefined;
      let slackMirror: ReturnType<typeof mirrorServedMarket> | undefined;
      const hostsBeforeMirror: MarketHost[] = [];
      const session = await MarketSession.start({
        dir,
        config,
        configDir: dirname(resolve(options.config)),
        ...((options.db ?? process.env.HAGGLE_DB) ? { db: options.db ?? process.env.HAGGLE_DB } : {}),
        createAgent,
        log: (line) => process.stderr.write(`haggle: ${line}\n`),
        onHost: (host: MarketHost) => {
          const started = serveHostLocally(host, session.runDir);
          started.catch((error: Error) =>
            process.stderr.write(`haggle: no local endpoint: ${error.message}\n`),
          );
          endpoints.push(started);
          if (slackMirror) slackMirror.follow(host);
          else hostsBeforeMirror.push(host);
        },
      });
      if (slack && secrets) {
        slackMirror = mirrorServedMarket({
          session,
          slack,
          secrets,
          log: (line) => process.stderr.write(`haggle: ${line}\n`),
        });
        for (const host of hostsBeforeMirror) slackMirror.follow(host);
      }
      let base = "";
      const web = await webDir(options.web);
      // Outside agents act for one person each over MCP, with a token made on that person's page.
      const mcp = mcpHttpHandler({
        tokens: new AgentTokens(session.runDir),
        resolveMarket: () => {
          const host = session.liveHost;
          return host && !host.closed ? hostMarket(host) : undefined;
        },
      });
      const app = createHttpApp({
        session,
        baseUrl: () => base,
        mounts: [
          { path: "/mcp", fetch: (request) => mcp.fetch(request) },
          ...(slackMirror ? [slackMirror.mount] : []),
        ],
        ...(interviewChats ? { interviewChats } : {}),
        ...(web ? { webDir: web } : {}),
        log: (line) => process.stderr.write(`haggle: ${line}\n`),
      });
      const { server, port: bound } = await listen(app, port, options.host);
      const shown = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
      base =
        config.publicUrl?.replace(/\/$/, "") ??
        `http://${shown.includes(":") ? `[${shown}]` : shown}:${bound}`;
      await session.setUrl(base);
      const token = await session.community.newOrganiserToken();
      process.stdout.write(
        [
          `Haggle market "${config.run.name}" is served at ${base}  (${session.phase})`,
          `Organiser page (keep this link private): ${base}/organiser?token=${token}`,
          `Invite people there, or: npx haggle invite --dir ${dir} --count 10`,
          interviewer
            ? `Interviews: the guided form, or a conversation with ${interviewer.model} (${interviewer.why})`
            : "Interviews: the guided form (set ANTHROPIC_API_KEY or OPENAI_API_KEY, or interview.model in the config, for conversations)",
          `Everything is kept in ${dir}; stop with Ctrl-C and start again with the same command to go on.`,
          "",
        ].join("\n"),
      );
      await new Promise<void>((resolveStop) => {
        let stopping = false;
        const stop = () => {
          if (stopping) process.exit(130);
          stopping = true;
          process.stderr.write("\nhaggle: stopping (the market goes on from here at the next start)\n");
          resolveStop();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      server.close();
      await mcp.close();
      await session.stop();
      await slackMirror?.stop();
      for (const started of endpoints) await (await started.catch(() => async () => {}))();
      process.exit(0);
    });
}
