import { type ParticipantInput, participantSchema } from "../../../domain/mandate.ts";
import { emptyState, genesisEvent } from "../../../engine/create-market.ts";
import { replay } from "../../../engine/replay.ts";
import { person } from "../../../engine/testing/fixtures.ts";
import { virtualClock } from "../../../runner/clock.ts";
import { MemorySink } from "../../../runner/event-sink.ts";
import { MarketHost } from "../../../runner/market-host.ts";

const START = Date.UTC(2026, 0, 5, 9);

/** Sam sells a bike and a lamp; Bea (who has an e-mail) wants a bike; Cal wants a lamp. */
export function slackPeople(): ParticipantInput[] {
  return [
    {
      ...person("sam", {
        items: [
          { id: "bike", title: "Road bike <!channel>", asking: 8000, reserve: 4321 },
          { id: "lamp", title: "Desk lamp", asking: 2500, reserve: 1357 },
        ],
        budget: 24_680,
      }),
    },
    {
      ...person("bea", {
        wants: [{ id: "w1", description: "a road bike", max: 6543, keywords: ["bike"] }],
        budget: 13_579,
      }),
      email: "bea@example.com",
    },
    person("cal", {
      wants: [{ id: "w1", description: "a desk lamp", max: 2134, keywords: ["lamp"] }],
      budget: 8642,
    }),
  ];
}

/** Every secret number of `slackPeople`, which must never reach Slack. */
export const SLACK_SECRETS = [4321, 1357, 24_680, 6543, 13_579, 2134, 8642];

/** A live market on a memory log, open, with `slackPeople` registered: the test acts through `submit`. */
export function liveHost(sink = new MemorySink()): { host: MarketHost; sink: MemorySink } {
  if (sink.events.length > 0) {
    const state = replay(sink.events, emptyState({ transcripts: "all" }));
    return { host: new MarketHost({ state, sink, clock: virtualClock(state.now) }), sink };
  }
  const genesis = genesisEvent({ marketId: "slack-test", currency: "USD" }, START);
  const host = new MarketHost({
    state: replay([genesis], emptyState({ transcripts: "all" })),
    sink,
    clock: virtualClock(START),
    genesis,
  });
  for (const input of slackPeople()) {
    host.apply(
      "market",
      { type: "register-participant", participant: participantSchema.parse(input) },
      START,
    );
  }
  host.apply("market", { type: "open-market" }, START);
  return { host, sink };
}
