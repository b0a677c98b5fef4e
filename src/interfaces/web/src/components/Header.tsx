import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "../../../http/api-types.ts";
import { post } from "../api/client.ts";
import type { StreamState } from "../api/events.ts";
import { Link, navigate } from "../router.tsx";
import { AgentText } from "./AgentText.tsx";

const PHASE: Record<SessionInfo["market"]["phase"], string> = {
  waiting: "waiting to open",
  open: "open",
  closed: "closed",
};

export function Header({
  session,
  stream,
}: {
  session: SessionInfo | undefined;
  stream: StreamState | undefined;
}) {
  const client = useQueryClient();
  const logout = useMutation({
    mutationFn: () => post<{ ok: true }>("/api/logout"),
    onSettled: () => {
      client.clear();
      navigate("/login");
    },
  });
  const user = session?.user;
  return (
    <header className="top">
      <div className="brand">
        <Link to="/">Haggle</Link>
        {session && (
          <span className="market-name">
            <AgentText text={session.market.name} />{" "}
            <span className={`badge phase-${session.market.phase}`}>{PHASE[session.market.phase]}</span>
          </span>
        )}
      </div>
      <nav aria-label="Main">
        {user && <Link to="/">Channel</Link>}
        {user?.role === "person" && <Link to="/me">My page</Link>}
        {user?.role === "organiser" && <Link to="/organiser">Organiser</Link>}
        {user && stream && (
          <span className={`stream stream-${stream}`} title="Live updates">
            {stream === "live" ? "live" : stream === "connecting" ? "connecting…" : "reconnecting…"}
          </span>
        )}
        {user ? (
          <span className="who-am-i">
            <AgentText text={user.name} />{" "}
            <button type="button" className="link" onClick={() => logout.mutate()}>
              Sign out
            </button>
          </span>
        ) : (
          <Link to="/login">Sign in</Link>
        )}
      </nav>
    </header>
  );
}
