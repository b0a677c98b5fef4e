/** The react-query keys of every API read, in one place so the live stream can invalidate them. */
export const keys = {
  session: ["session"] as const,
  channel: ["channel"] as const,
  channelWith: (filters: ChannelFilters) => ["channel", filters] as const,
  people: ["people"] as const,
  listings: ["listing"] as const,
  listing: (id: string) => ["listing", id] as const,
  threads: ["thread"] as const,
  thread: (id: string) => ["thread", id] as const,
  me: ["me"] as const,
  tokens: ["tokens"] as const,
  organiser: ["organiser"] as const,
  invite: (code: string) => ["invite", code] as const,
};

export interface ChannelFilters {
  category: string;
  person: string;
  q: string;
}
