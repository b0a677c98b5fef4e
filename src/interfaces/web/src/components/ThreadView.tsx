import type { ThreadTranscript } from "../../../http/api-types.ts";
import { useThread } from "../api/queries.ts";
import { formatTime } from "../format.ts";
import { AgentText } from "./AgentText.tsx";
import { ErrorNote } from "./ErrorNote.tsx";
import { Money } from "./Money.tsx";

type Turn =
  | { kind: "message"; key: string; at: number; from: string; text: string }
  | { kind: "offer"; key: string; at: number; from: string; price: number; status: string; version: number };

/** Messages and offers in the order they were made (by time; a message before an offer at the same time). */
export function turnsOf(thread: ThreadTranscript): Turn[] {
  const turns: Turn[] = [
    ...thread.messages.map(
      (message): Turn => ({
        kind: "message",
        key: `m-${message.id}`,
        at: message.at,
        from: message.from.name,
        text: message.text,
      }),
    ),
    ...thread.offers.map(
      (offer): Turn => ({
        kind: "offer",
        key: `o-${offer.id}-${offer.version}`,
        at: offer.at,
        from: offer.from.name,
        price: offer.price,
        status: offer.status,
        version: offer.version,
      }),
    ),
  ];
  return turns.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "message" ? -1 : 1));
}

/** One negotiation's transcript. Everything in it is agent-written and rendered as plain text. */
export function ThreadView({ id }: { id: string }) {
  const thread = useThread(id);
  if (thread.isPending) return <p className="muted">Loading the thread…</p>;
  if (thread.isError) return <ErrorNote error={thread.error} />;
  const data = thread.data;
  if (data.transcript === "dropped") {
    return (
      <p className="muted">This negotiation ended without a deal; its words are kept only in the log.</p>
    );
  }
  const turns = turnsOf(data);
  if (turns.length === 0) return <p className="muted">Nothing said yet.</p>;
  return (
    <ol className="transcript">
      {turns.map((turn) => (
        <li key={turn.key} className={`turn ${turn.kind}`}>
          <AgentText className="who" text={turn.from} />
          <time className="when">{formatTime(turn.at)}</time>
          {turn.kind === "message" ? (
            <p className="text">
              <AgentText text={turn.text} />
            </p>
          ) : (
            <p className="offer">
              Offer <Money cents={turn.price} />
              {turn.version > 1 ? ` (revision ${turn.version})` : ""}{" "}
              <span className="status">{turn.status}</span>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
