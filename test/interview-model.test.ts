import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type LoopbackServer,
  startOpenAICompatibleServer,
} from "../src/agents/llm/testing/openai-compatible-server.ts";
import { startInterview } from "../src/interview/testing/drive-cli.ts";
import { scriptedInterviewer } from "../src/interview/testing/scripted-interviewer.ts";
import { loadParticipants } from "../src/runner/load-participants.ts";

describe("haggle interview --model (a conversation with a model)", () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("holds the conversation, catches a least-acceptable above asking, confirms, and saves a loadable file", async () => {
    server = await startOpenAICompatibleServer({ models: ["scripted"], respond: scriptedInterviewer });
    const dir = mkdtempSync(join(tmpdir(), "haggle-interview-model-"));
    const out = join(dir, "bo.yaml");
    const session = startInterview(["--model", "llm:openai-compatible:scripted", "--out", out], {
      HAGGLE_OPENAI_COMPATIBLE_URL: server.url,
    });
    await session.answer("What's your name?", "Bo Chen");
    await session.answer("What would you like to sell?", "A Kindle Paperwhite");
    await session.answer("What condition is it in", "like-new, with a scuffed corner");
    await session.answer("What's your asking price?", "abc");
    await session.answer(`Sorry, "abc" isn't a price I can use.`, "$60");
    await session.answer("the least you'd accept?", "$75");
    await session.answer("something you'd like to buy?", "A road bike");
    await session.answer("most you'd pay", "$150");
    await session.answer("total budget", "$200");
    await session.answer("how should your agent negotiate", "Polite and patient; never go first on price");
    // The code checks the structured output and sends the model back to ask again.
    await session.waitFor(
      "Some answers need another look: the least accepted for A Kindle Paperwhite ($75) is above its asking price ($60)",
    );
    await session.answer("The least you'd accept can't be above your asking price.", "$45");
    await session.waitFor("asking $60, least you accept $45 (secret)");
    await session.answer(`Save this to ${out}?`, "no");
    await session.answer("What should change?", "Ask $65 for the Kindle instead");
    await session.answer("What's your asking price?", "$65");
    await session.answer("least you'd accept", "$50");
    await session.waitFor("asking $65, least you accept $50 (secret)");
    await session.answer(`Save this to ${out}?`, "yes");
    expect(await session.end()).toBe(0);

    const [bo] = await loadParticipants([out], dir);
    expect(bo).toMatchObject({
      id: "bo-chen",
      name: "Bo Chen",
      mandate: {
        items: [
          {
            title: "A Kindle Paperwhite",
            condition: "like-new",
            flaws: ["a scuffed corner"],
            askingPrice: 6_500,
            reserve: 5_000,
          },
        ],
        wants: [{ description: "A road bike", maxPrice: 15_000 }],
        budget: 20_000,
        persona: "Polite and patient; never go first on price",
      },
    });
    // The mandate came from structured output: the last request asked for JSON.
    expect(server.requests.some((request) => request.response_format?.type === "json_object")).toBe(true);
    expect(server.requests[0]!.tools!.map((t) => t.function.name)).toEqual(["finish_interview"]);
  }, 60_000);

  it("exits with code 2 naming the fix when the model server cannot be reached", async () => {
    const session = startInterview(
      ["--model", "llm:openai-compatible:scripted", "--out", join(tmpdir(), "never.yaml")],
      {
        HAGGLE_OPENAI_COMPATIBLE_URL: "http://127.0.0.1:9/v1",
      },
    );
    expect(await session.end()).toBe(2);
    expect(session.stderr()).toMatch(
      /cannot reach the OpenAI-compatible server at http:\/\/127\.0\.0\.1:9\/v1/,
    );
  }, 30_000);
});
