import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { Community } from "../../../app/serve/community.ts";
import { loadServeConfig } from "../../../app/serve/serve-config.ts";
import { defaultServeDir, servedMarketsIn, servedUrl } from "../../../app/serve/serve-folder.ts";
import { HaggleError } from "../../../domain/errors.ts";
import { emit } from "../output.ts";

interface InviteOptions {
  count: string;
  dir?: string;
  config?: string;
  url?: string;
  csv?: boolean;
  json?: boolean;
}

/** With no folder given: the one served market under runs/, or a clear error. */
async function theOnlyServedMarket(): Promise<string> {
  if (existsSync("serve.json")) return ".";
  const found = await servedMarketsIn();
  if (found.length === 1) return found[0]!;
  throw new HaggleError(
    found.length === 0
      ? "no served market here: give --dir (the folder haggle serve printed) or --config"
      : `several served markets under runs/ (${found.map((dir) => basename(dir)).join(", ")}): say which with --dir`,
    { kind: "bad-input", code: "invite/which-market" },
  );
}

export function register(program: Command): void {
  program
    .command("invite")
    .description("Make invite links (each with a one-time login link) for a served market")
    .option("--count <n>", "how many people to invite", "1")
    .option(
      "--dir <dir>",
      "the served market's folder (what haggle serve printed; default: the one under runs/)",
    )
    .option("--config <file>", "or the market config: its folder is runs/<name>")
    .option("--url <url>", "the address people open (default: where haggle serve last listened)")
    .option("--csv", "print a CSV (code,invite_url,login_url) to hand to a mail merge")
    .option("--json", "machine-readable output")
    .action(async (options: InviteOptions) => {
      const count = Number(options.count);
      if (!Number.isInteger(count) || count < 1 || count > 1000) {
        throw new HaggleError(`--count ${options.count}: give a whole number from 1 to 1000`, {
          kind: "bad-input",
          code: "invite/bad-count",
        });
      }
      const dir = resolve(
        options.dir ??
          (options.config
            ? defaultServeDir((await loadServeConfig(options.config)).run.name)
            : await theOnlyServedMarket()),
      );
      if (!existsSync(join(dir, "serve.json"))) {
        throw new HaggleError(
          `${dir} is not a served market's folder: give --dir (the folder haggle serve printed) or --config`,
          { kind: "not-found", code: "invite/no-market" },
        );
      }
      const base = (options.url ?? (await servedUrl(dir)) ?? "http://127.0.0.1:8080").replace(/\/$/, "");
      const made = await new Community(dir).createInvites(count);
      const rows = made.map(({ code, loginToken }) => ({
        code,
        inviteUrl: `${base}/invite/${code}`,
        loginUrl: `${base}/login/${loginToken}`,
      }));
      if (options.csv) {
        process.stdout.write(
          `code,invite_url,login_url\n${rows.map((r) => `${r.code},${r.inviteUrl},${r.loginUrl}`).join("\n")}\n`,
        );
        return;
      }
      emit(Boolean(options.json), rows, () =>
        [
          `${rows.length} invite${rows.length === 1 ? "" : "s"} for ${dir}. Each person opens their invite link (to choose a password) or their login link (one use):`,
          ...rows.map((r) => `  ${r.inviteUrl}\n    login once: ${r.loginUrl}`),
        ].join("\n"),
      );
    });
}
