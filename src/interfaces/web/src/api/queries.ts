import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type {
  AgentTokenView,
  ChannelPage,
  InviteInfo,
  ListingPage,
  MyPage,
  OrganiserPage,
  PersonRef,
  SessionInfo,
  ThreadTranscript,
} from "../../../http/api-types.ts";
import { get, segment, withQuery } from "./client.ts";
import { type ChannelFilters, keys } from "./keys.ts";

// The reads every page and the channel make first: the server announces these exact URLs with the page
// so the browser fetches them early (src/interfaces/http/page-preloads.ts; preloads.test.ts).
export const SESSION_URL = "/api/session";
export const PEOPLE_URL = "/api/people";
export const ME_URL = "/api/me";
export const listingUrl = (id: string) => `/api/listings/${segment(id)}`;
const PAGE = 50;
export const channelUrl = (filters: ChannelFilters, after?: string) =>
  withQuery("/api/channel", {
    category: filters.category,
    person: filters.person,
    q: filters.q,
    after,
    limit: PAGE,
  });

export const useSession = () =>
  useQuery({ queryKey: keys.session, queryFn: () => get<SessionInfo>(SESSION_URL) });

export const useInvite = (code: string) =>
  useQuery({
    queryKey: keys.invite(code),
    queryFn: () => get<InviteInfo>(`/api/invites/${segment(code)}`),
    retry: false,
  });

/** The channel, newest first, a page at a time: `next` is the cursor for the page after. */
export const useChannel = (filters: ChannelFilters) =>
  useInfiniteQuery({
    queryKey: keys.channelWith(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => get<ChannelPage>(channelUrl(filters, pageParam)),
    getNextPageParam: (last) => last.next,
  });

export const usePeople = () =>
  useQuery({ queryKey: keys.people, queryFn: () => get<PersonRef[]>(PEOPLE_URL) });

export const useListing = (id: string) =>
  useQuery({ queryKey: keys.listing(id), queryFn: () => get<ListingPage>(listingUrl(id)) });

export const useThread = (id: string) =>
  useQuery({
    queryKey: keys.thread(id),
    queryFn: () => get<ThreadTranscript>(`/api/threads/${segment(id)}`),
  });

/** My agent's MCP tokens; only once I am a participant (the interview confirmed). */
export const useTokens = (enabled: boolean) =>
  useQuery({ queryKey: keys.tokens, queryFn: () => get<AgentTokenView[]>("/api/me/tokens"), enabled });

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: () => get<MyPage>(ME_URL) });

/**
 * The organiser's page. People signing up and finishing their interview are not market events, so
 * the page also asks again every few seconds while it is on screen.
 */
export const useOrganiser = (enabled = true) =>
  useQuery({
    queryKey: keys.organiser,
    queryFn: () => get<OrganiserPage>("/api/organiser"),
    enabled,
    refetchInterval: 4_000,
  });
