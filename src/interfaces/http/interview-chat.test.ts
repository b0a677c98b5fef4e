import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLanguageModel } from "../../agents/llm/providers.ts";
import { resilientModel } from "../../agents/llm/resilient-model.ts";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../../agents/llm/testing/openai-compatible-server.ts";
import { createAgent } from "../../agents/registry.ts";
import { ChatTranscripts } from "../../app/serve/chat-transcripts.ts";
import { InterviewChats } from "../../app/serve/interview-chat.ts";
import { MarketSession } from "../../app/serve/market-session.ts";
import { parseServeConfig } from "../../app/serve/serve-config.ts";
import { scriptedInterviewer } from "../../interview/testing/scripted-interviewer.ts";
import { createHttpApp } from "./server.ts";
import { ApiClient } from "./testing/api-client.ts";

describe("the interview as a conversation, in the browser's API", () => {
  let model: LoopbackServer;
  let session: MarketSession;
  let modelCalls = 0;

  beforeAll(async () => {
    model = await startOpenAICompatibleServer({
      models: ["scripted"],
      respond: (request) => {
        modelCalls++;
        return scriptedInterviewer(request);
      },
    });
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

  it("keeps each conversation: a restarted server shows it and takes it up without asking the model again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "haggle-chat-kept-"));
    const chatsIn = () =>
      new InterviewChats(
        (recorder) =>
          resilientModel(
            createLanguageModel("llm:openai-compatible:scripted", {
              env: { HAGGLE_OPENAI_COMPATIBLE_URL: model.url },
            }),
            { recorder },
          ),
        new ChatTranscripts(dir),
      );
    const before = chatsIn();
    modelCalls = 0;
    await before.send("a1", undefined);
    for (const message of ["Di Lopez", "A desk lamp", "good"]) await before.send("a1", message);
    const kept = await before.conversation("a1");
    expect(kept.done).toBe(false);
    expect(kept.lines.filter((line) => line.from === "me").map((line) => line.text)).toEqual([
      "Di Lopez",
      "A desk lamp",
      "good",
    ]);
    expect(kept.lines.at(-1)).toEqual({ from: "interviewer", text: "What's your asking price?" });
    const perTurn = modelCalls;

    // A new server process: nothing in memory but what was kept.
    const after = chatsIn();
    expect(await after.conversation("a1")).toEqual(kept);
    const callsBefore = modelCalls;
    const turn = await after.send("a1", "abc");
    expect(turn.messages.join(" ")).toMatch(/"abc" isn't a price I can use/);
    // The four earlier turns came from the recording: only this one reached the model.
    expect(modelCalls - callsBefore).toBeLessThanOrEqual(perTurn / 4);
    let last = turn;
    for (const message of ["$20", "$15", "A road bike", "$150", "$200", "Friendly"])
      last = await after.send("a1", message);
    expect(last.done).toBe(true);
    expect(last.form).toMatchObject({ name: "Di Lopez", items: [{ title: "A desk lamp", reserve: "$15" }] });
    expect((await after.conversation("a1")).done).toBe(true);

    // Starting over forgets it.
    await after.send("a1", undefined);
    expect((await after.conversation("a1")).lines.every((line) => line.from === "interviewer")).toBe(true);
  }, 60_000);
});
