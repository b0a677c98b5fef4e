/**
 * The HTTP API's shapes, shared by the server (src/interfaces/http) and the web app
 * (src/interfaces/web), which imports them with `import type` only. Money is integer cents;
 * times are market-clock milliseconds unless named `...Iso`. Every error answer is `ApiError`.
 *
 * Routes (all JSON; mutations need the session cookie, `content-type: application/json` and a
 * same-origin request):
 *
 * | Method | Path                                  | Who        | Answer                    |
 * |--------|---------------------------------------|------------|---------------------------|
 * | GET    | /api/session                          | anyone     | SessionInfo               |
 * | GET    | /api/invites/:code                    | anyone     | InviteInfo                |
 * | POST   | /api/invites/:code/accept             | anyone     | SessionInfo (sets cookie) |
 * | POST   | /api/login                            | anyone     | SessionInfo (sets cookie) |
 * | GET    | /login/:token                         | anyone     | 302 to / (one-time link)  |
 * | POST   | /api/organiser/login                  | anyone     | SessionInfo (token)       |
 * | POST   | /api/logout                           | signed in  | { ok: true }              |
 * | GET    | /api/me                               | person     | MyPage                    |
 * | PUT    | /api/me/interview                     | person     | InterviewState (saves)    |
 * | POST   | /api/me/interview/confirm             | person     | MyPage                    |
 * | GET    | /api/me/interview/chat                | person     | ChatConversation          |
 * | POST   | /api/me/interview/chat                | person     | ChatTurn body { message? } |
 * | POST   | /api/me/pause                         | person     | MyPage  body { paused }   |
 * | POST   | /api/me/deals/:id/handover            | person     | MyPage                    |
 * | POST   | /api/me/deals/:id/survey              | person     | MyPage  body SurveyAnswer |
 * | GET    | /api/me/deals/:id/memo.md | memo.pdf  | person     | the memo document         |
 * | GET    | /api/channel?category&person&q&after&limit | signed in | ChannelPage           |
 * | GET    | /api/people                           | signed in  | PersonRef[]               |
 * | GET    | /api/listings/:id                     | signed in  | ListingPage               |
 * | GET    | /api/threads/:id                      | signed in  | ThreadTranscript          |
 * | GET    | /api/events (SSE; Last-Event-ID)      | signed in  | event: market, id = seq   |
 * | GET    | /api/organiser                        | organiser  | OrganiserPage             |
 * | POST   | /api/organiser/invites                | organiser  | Invite[]  body { count }  |
 * | POST   | /api/organiser/market/open            | organiser  | OrganiserPage             |
 * | POST   | /api/organiser/market/close           | organiser  | OrganiserPage             |
 * | GET    | /api/organiser/analysis               | organiser  | text/html report          |
 * | GET    | /api/organiser/analysis/results.json  | organiser  | the results (download)    |
 */
import type { ThreadSummary, ThreadTranscript } from "../../app/queries/index.ts";
import type { PersonRef } from "../../app/queries/person-ref.ts";
import type { InterviewForm } from "../../app/serve/interview-form.ts";

export type { InterviewForm, PersonRef, ThreadSummary, ThreadTranscript };

/** Every error answer: a stable code, the field at fault when there is one, and the fix in words. */
export interface ApiError {
  error: { code: string; message: string; field?: string; fields?: Record<string, string> };
}

/** Where the market is: waiting for the organiser to open it, running, or closed. */
export type MarketPhase = "waiting" | "open" | "closed";

export interface MarketInfo {
  name: string;
  phase: MarketPhase;
  currency: string;
  /** Market time now, and when it opened and closes (market-clock ms), once open. */
  now?: number;
  openedAt?: number;
  closesAt?: number;
  /** Market minutes per real minute. */
  speed: number;
  /** Highest log sequence number written: the SSE stream's position. */
  lastSeq: number;
  /** Whether negotiations are readable by everyone (as in a Slack channel) or only by their two sides. */
  negotiations: "public" | "private";
  /** Whether people may be interviewed in a conversation with a model (POST /api/me/interview/chat). */
  interviewChat: boolean;
}

export type Role = "person" | "organiser";

export interface SessionInfo {
  /** Absent when not signed in. */
  user?: { id: string; name: string; role: Role; participantId?: string };
  market: MarketInfo;
}

export interface InviteInfo {
  code: string;
  market: string;
  /** "unused" can be accepted; "used" and "unknown" are refused with a clear message. */
  status: "unused" | "used" | "unknown";
}

export interface Invite {
  code: string;
  /** The link to hand out: `<base>/invite/<code>`. */
  url: string;
  /** A one-time login link for people who will not choose a password. */
  loginUrl?: string;
  usedBy?: string;
}

export interface InterviewState {
  form: InterviewForm;
  /** Problems by field path ("items.0.reserve", "budget"), each naming the fix; empty when all is well. */
  errors: Record<string, string>;
  /**
   * What the agent will and will not do of the person's wishes, in plain lines (from the form, once
   * it is complete); empty otherwise.
   */
  wishes: string[];
  /** True once confirmed: the agent represents the person from then on. */
  confirmed: boolean;
}

/** The interview conversation so far (GET /api/me/interview/chat): kept across reloads and restarts. */
export interface ChatConversation {
  lines: { from: "interviewer" | "me"; text: string }[];
  /** The interviewer had everything: the answers are in the form. */
  done: boolean;
}

/** The interviewer's answer to a message (POST /api/me/interview/chat); `form` once it has everything. */
export interface ChatTurn {
  messages: string[];
  done: boolean;
  form?: InterviewForm;
}

export interface MandateView {
  items: { id: string; title: string; condition: string; askingPrice: number; reserve: number }[];
  wants: { id: string; description: string; maxPrice: number }[];
  budget: number;
  persona: string;
  instructions: string;
}

export interface MyDeal {
  id: string;
  threadId: string;
  item: string;
  role: "seller" | "buyer";
  counterpart: PersonRef;
  price: number;
  status: string;
  handOver: { seller: boolean; buyer: boolean };
  /** My answers to this deal's survey, once given. */
  survey?: SurveyAnswer;
}

export interface SurveyAnswer {
  /** 1-7. */
  fairness: number;
  /** 1-7. */
  satisfaction: number;
  wouldPay: boolean;
}

export interface MyPage {
  account: { id: string; name: string };
  interview: InterviewState;
  /** Set once the interview is confirmed. */
  participantId?: string;
  /** Only mine, only to me. */
  mandate?: MandateView;
  /** Whether my agent is paused (it takes no turns while paused). */
  paused: boolean;
  /** Whether I am in the market yet (the market may still be waiting to open). */
  joined: boolean;
  spent: number;
  earned: number;
  available?: number;
  listings: { id: string; title: string; askingPrice: number; status: string }[];
  wantAds: { id: string; description: string; status: string }[];
  threads: ThreadSummary[];
  deals: MyDeal[];
}

export interface ChannelEntry {
  id: string;
  kind: "for sale" | "looking for" | "message";
  at: number;
  from: PersonRef;
  /** Agent-written: render as text. */
  text: string;
  category?: string;
  askingPrice?: number;
  status?: string;
  /** For a listing: its negotiations the viewer may read. */
  threads?: number;
}

export interface ChannelPage {
  entries: ChannelEntry[];
  next?: string;
  /** Every category in the market, for the filter (the server sends it; added with the web app). */
  categories?: string[];
}

export interface ListingPage {
  id: string;
  title: string;
  description: string;
  condition: string;
  category: string;
  flaws: string[];
  askingPrice: number;
  status: string;
  seller: PersonRef;
  threads: ThreadSummary[];
}

/** One event on the SSE stream (`event: market`, `id: <seq>`): what changed, for the page to refetch. */
export interface MarketEventMessage {
  seq: number;
  type: string;
  at: number;
  /** Ids the event touches, so a page can refetch only what changed. */
  listingId?: string;
  threadId?: string;
  dealId?: string;
  participantId?: string;
  /** When the server appended it (wall-clock ms), while it is recent: for measuring the stream's delay. */
  appendedAt?: number;
}

export interface OrganiserPage {
  market: MarketInfo;
  people: {
    accountId: string;
    name: string;
    participantId?: string;
    interview: "not started" | "in progress" | "confirmed";
    joined: boolean;
    paused: boolean;
  }[];
  invites: Invite[];
  totals: { participants: number; listings: number; threads: number; deals: number; volume: number };
  /** After the close: the analysis' headline and where to read it. */
  analysis?: { ready: boolean; url: string };
}

/** Request bodies (the web app sends these; added with the web app, additive). */
export interface AcceptInviteBody {
  name: string;
  password: string;
}

export interface LoginBody {
  name: string;
  password: string;
}

export interface OrganiserLoginBody {
  token: string;
}

export interface CreateInvitesBody {
  count: number;
}

export interface InterviewBody {
  form: InterviewForm;
}

/** One of my agent's MCP tokens as listed (`GET /api/me/tokens`): never the token itself. */
export interface AgentTokenView {
  id: string;
  participant: string;
  createdAt: string;
  label?: string;
  revokedAt?: string;
}

/** A token just made (`POST /api/me/tokens`): `token` is shown this once. */
export interface CreatedAgentToken {
  token: string;
  record: AgentTokenView;
}

export interface CreateTokenBody {
  label?: string;
}

export interface PauseBody {
  paused: boolean;
}
