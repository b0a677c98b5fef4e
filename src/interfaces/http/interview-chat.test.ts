import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLanguageModel } from "../../agents/llm/providers.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../../agents/llm/testing/openai-compatible-server.ts";
import { createAgent } from "../../agents/registry.ts";
import { InterviewChats } from "../../app/serve/interview-chat.ts";
import { MarketSession } from "../../app/serve/market-session.ts";
import { parseServeConfig } from "../../app/serve/serve-config.ts";
import { scriptedInterviewer } from "../../interview/testing/scripted-interviewer.ts";
import { createHttpApp } from "./server.ts";
import { ApiClient } from "./testing/api-client.ts";

describe("the interview as a conversation, in the browser's API", () => {
  let model: LoopbackServer;
  let session: MarketSession;

  beforeAll(async () => {
    model = await startOpenAICompatibleServer({ models: ["scripted"], respond: scriptedInterviewer });
  });
  afterAll(async () => {
    await session?.stop();
    await model.close();
  });

  it("talks until it has everything, then fills the form for the person to review and confirm", async () => {
    const dir = await mkdtemp(join(tmpdir(), "haggle-chat-"));
    session = await MarketSession.start({
      dir,
      config: parseServeConfig({
        name: "chat-market",
        interview: { model: "llm:openai-compatible:scripted" },
      }),
      configDir: dir,
      createAgent,
    });
    const chats = new InterviewChats(() =>
      createLanguageModel("llm:openai-compatible:scripted", {
        env: { HAGGLE_OPENAI_COMPATIBLE_URL: model.url },
      }),
    );
    const app = createHttpApp({ session, baseUrl: () => "http://localhost", interviewChats: chats });
    const organiser = new ApiClient(app);
    await organiser.post("/api/organiser/login", { token: await session.community.newOrganiserToken() });
    const [invite] = (await organiser.post("/api/organiser/invites", { count: 1 })).body;
    const bo = new ApiClient(app);
    const signed = await bo.post(`/api/invites/${invite.code}/accept`, {
      name: "Bo",
      password: "bo-password",
    });
    expect(signed.body.market.interviewChat).toBe(true);

    const first = await bo.post("/api/me/interview/chat", {});
    expect(first.body.messages.join(" ")).toMatch(/What's your name\?/);
    const answers = ["Bo Chen", "A Kindle Paperwhite", "like-new, with a scuffed corner", "abc"];
    let last = first;
    for (const message of answers) last = await bo.post("/api/me/interview/chat", { message });
    expect(last.body.messages.join(" ")).toMatch(/"abc" isn't a price I can use/);
    for (const message of ["$60", "$45", "A road bike", "$150", "$200", "Polite and patient"]) {
      last = await bo.post("/api/me/interview/chat", { message });
    }
    expect(last.body.done).toBe(true);
    expect(last.body.form).toMatchObject({
      name: "Bo Chen",
      items: [{ title: "A Kindle Paperwhite", askingPrice: "$60", reserve: "$45" }],
      wants: [{ description: "A road bike", maxPrice: "$150" }],
      budget: "$200",
    });
    expect((await bo.post("/api/me/interview/chat", { message: "" })).body.error.field).toBe("message");
    // The form now holds the answers; the person confirms there, as after typing them.
    const page = (await bo.get("/api/me")).body;
    expect(page.interview.form.items[0].reserve).toBe("$45");
    expect(page.interview.errors).toEqual({});
    expect((await bo.post("/api/me/interview/confirm")).body.participantId).toBe("bo-chen");
    expect((await bo.post("/api/me/interview/chat", { message: "hi" })).status).toBe(409);
  }, 60_000);
});
