import { useMemo, useRef, useState } from "react";
import { useChannel, usePeople, useSession } from "../api/queries.ts";
import { ChannelEntryRow } from "../components/ChannelEntryRow.tsx";
import { ErrorNote } from "../components/ErrorNote.tsx";
import { visibleText } from "../text-pieces.ts";
import { useDebounced } from "../useDebounced.ts";

/** The market's shared channel: listings, want ads and messages, newest first, updated live. */
export function ChannelPage() {
  const session = useSession();
  const people = usePeople();
  const [category, setCategory] = useState("");
  const [person, setPerson] = useState("");
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const channel = useChannel({ category, person, q });
  const entries = useMemo(() => channel.data?.pages.flatMap((page) => page.entries) ?? [], [channel.data]);

  // The server lists the market's categories; those seen in entries are kept too, so a chosen one stays.
  const seen = useRef(new Set<string>());
  for (const name of channel.data?.pages[0]?.categories ?? []) seen.current.add(name);
  for (const entry of entries) if (entry.category) seen.current.add(entry.category);
  const categories = [...seen.current].sort();
  const phase = session.data?.market.phase;

  return (
    <section>
      <h1 className="channel-title"># market</h1>
      {phase === "waiting" && (
        <p className="banner">The market has not opened yet. Listings appear here once it does.</p>
      )}
      {phase === "closed" && (
        <p className="banner">The market is closed. What happened stays readable here.</p>
      )}
      <search className="filters" aria-label="Filters">
        <div className="field">
          <label htmlFor="filter-search">Search</label>
          <input
            id="filter-search"
            type="search"
            value={search}
            placeholder="bike, lamp, books…"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-category">Category</label>
          <select id="filter-category" value={category} onChange={(event) => setCategory(event.target.value)}>
            <option value="">All categories</option>
            {categories.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-person">Person</label>
          <select id="filter-person" value={person} onChange={(event) => setPerson(event.target.value)}>
            <option value="">Everyone</option>
            {(people.data ?? []).map((ref) => (
              <option key={ref.id} value={ref.id}>
                {visibleText(ref.name)}
              </option>
            ))}
          </select>
        </div>
      </search>
      {channel.isError && <ErrorNote error={channel.error} />}
      {channel.isPending ? (
        <p className="muted">Loading the channel…</p>
      ) : entries.length === 0 ? (
        <p className="muted">Nothing here{q || category || person ? " matches these filters" : " yet"}.</p>
      ) : (
        <ul className="channel" aria-label="Channel">
          {entries.map((entry) => (
            <ChannelEntryRow key={`${entry.kind}-${entry.id}`} entry={entry} />
          ))}
        </ul>
      )}
      {channel.hasNextPage && (
        <button
          type="button"
          className="secondary"
          disabled={channel.isFetchingNextPage}
          onClick={() => void channel.fetchNextPage()}
        >
          {channel.isFetchingNextPage ? "Loading…" : "Older posts"}
        </button>
      )}
    </section>
  );
}
