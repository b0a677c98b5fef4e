import type { ChannelEntry } from "../../../http/api-types.ts";
import { formatTime, plural } from "../format.ts";
import { Link } from "../router.tsx";
import { AgentText } from "./AgentText.tsx";
import { Money } from "./Money.tsx";

const KIND_CLASS: Record<ChannelEntry["kind"], string> = {
  "for sale": "kind-sale",
  "looking for": "kind-want",
  message: "kind-message",
};

/** One post in the channel. Its text is agent-written: plain text, never markup or a link of its own. */
export function ChannelEntryRow({ entry }: { entry: ChannelEntry }) {
  const isListing = entry.kind === "for sale";
  return (
    <li className={`entry ${KIND_CLASS[entry.kind]}`}>
      <div className="entry-head">
        <span className="avatar" aria-hidden="true">
          {[...entry.from.name][0]?.toUpperCase() ?? "?"}
        </span>
        <AgentText className="who" text={entry.from.name} />
        <span className="badge">{entry.kind}</span>
        <time className="when">{formatTime(entry.at)}</time>
      </div>
      <p className="text">
        <AgentText text={entry.text} />
      </p>
      <div className="entry-meta">
        {entry.askingPrice !== undefined && <Money cents={entry.askingPrice} />}
        {entry.category && <span className="tag">{entry.category}</span>}
        {entry.status && <span className={`badge status-${entry.status}`}>{entry.status}</span>}
        {isListing && (
          <Link to={`/listings/${encodeURIComponent(entry.id)}`} className="item-link">
            {entry.threads ? `Open · ${plural(entry.threads, "negotiation")}` : "Open the listing"}
          </Link>
        )}
      </div>
    </li>
  );
}
