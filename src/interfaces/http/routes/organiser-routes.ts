import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono } from "hono";
import { z } from "zod";
import type { MarketSession } from "../../../app/serve/market-session.ts";
import { marketTotals, organiserInvites, organiserPeople } from "../../../app/serve/pages/organiser-page.ts";
import { analyzeFolder } from "../../report/analyze-folder.ts";
import type { Invite, OrganiserPage } from "../api-types.ts";
import { ApiRequestError } from "../http-error.ts";
import { marketInfo } from "../market-info.ts";
import { readBody } from "../request-body.ts";
import { type AppEnv, requireOrganiser } from "../session-auth.ts";

const inviteBody = z
  .object({
    count: z
      .number({ error: "count: how many people to invite, e.g. 10" })
      .int({ error: "count: a whole number" })
      .min(1, { error: "count: at least 1" })
      .max(1000, { error: "count: at most 1,000 at a time" }),
  })
  .strict();

/** The organiser's page: invites, who joined, the market's switch, totals, and the analysis. */
export function organiserRoutes(
  session: MarketSession,
  baseUrl: () => string,
  log: (line: string) => void = console.error,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const analysisDir = join(session.options.dir, "analysis");
  let analysing: Promise<void> | undefined;

  const page = async (): Promise<OrganiserPage> => {
    const data = await session.community.data();
    const state = await session.state();
    // After the close the report is made at once, so the page's link is ready when it is clicked.
    if (session.phase === "closed" && !analysing && !existsSync(join(analysisDir, "report.html"))) {
      void analyse().catch((error: Error) => log(`the analysis failed: ${error.message}`));
    }
    return {
      market: await marketInfo(session),
      people: organiserPeople(data.accounts),
      invites: organiserInvites(data.invites, baseUrl()),
      totals: marketTotals(state),
      ...(session.phase === "closed"
        ? {
            analysis: { ready: existsSync(join(analysisDir, "report.html")), url: "/api/organiser/analysis" },
          }
        : {}),
    };
  };

  /** Analyses the run again when the survey has changed since the last report. */
  const analyse = async () => {
    const report = join(analysisDir, "report.html");
    const survey = join(session.runDir, "survey.json");
    const stale =
      !existsSync(report) || (existsSync(survey) && statSync(survey).mtimeMs > statSync(report).mtimeMs);
    if (!stale) return;
    analysing ??= analyzeFolder(session.runDir, { out: analysisDir })
      .then(() => undefined)
      .finally(() => {
        analysing = undefined;
      });
    await analysing;
  };

  app.use("/api/organiser/*", async (c, next) => {
    if (c.req.path !== "/api/organiser/login") requireOrganiser(c);
    await next();
  });

  app.get("/api/organiser", async (c) => c.json(await page()));

  app.post("/api/organiser/invites", async (c) => {
    const { count } = await readBody(c, inviteBody);
    const made = await session.community.createInvites(count);
    const invites: Invite[] = made.map(({ code, loginToken }) => ({
      code,
      url: `${baseUrl()}/invite/${code}`,
      loginUrl: `${baseUrl()}/login/${loginToken}`,
    }));
    return c.json(invites);
  });

  app.post("/api/organiser/market/open", async (c) => {
    await session.openMarket();
    await session.whenRunning();
    return c.json(await page());
  });

  app.post("/api/organiser/market/close", async (c) => {
    await session.closeMarket();
    return c.json(await page());
  });

  app.get("/api/organiser/analysis", async (c) => {
    if (session.phase !== "closed") {
      throw new ApiRequestError(
        "The analysis is made once the market has closed.",
        "analysis/not-closed",
        undefined,
        "conflict",
      );
    }
    await analyse();
    const html = await readFile(join(analysisDir, "report.html"), "utf8");
    // The report is the analyst's own page: no script of it may reach this site's cookies or API.
    c.header("content-security-policy", "sandbox allow-scripts; default-src 'self' 'unsafe-inline' data:");
    if (c.req.query("download") !== undefined) {
      c.header("content-disposition", 'attachment; filename="report.html"');
    }
    return c.html(html);
  });

  app.get("/api/organiser/analysis/results.json", async (c) => {
    if (session.phase !== "closed") {
      throw new ApiRequestError(
        "The analysis is made once the market has closed.",
        "analysis/not-closed",
        undefined,
        "conflict",
      );
    }
    await analyse();
    c.header("content-disposition", 'attachment; filename="results.json"');
    c.header("content-type", "application/json");
    return c.body(await readFile(join(analysisDir, "results.json"), "utf8"));
  });

  return app;
}
