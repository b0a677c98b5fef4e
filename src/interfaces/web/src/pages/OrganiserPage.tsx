import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { OrganiserLoginBody, SessionInfo } from "../../../http/api-types.ts";
import { post } from "../api/client.ts";
import { keys } from "../api/keys.ts";
import { useOrganiser, useSession } from "../api/queries.ts";
import { AgentText } from "../components/AgentText.tsx";
import { ErrorNote } from "../components/ErrorNote.tsx";
import { AnalysisPanel } from "../components/organiser/AnalysisPanel.tsx";
import { InviteList } from "../components/organiser/InviteList.tsx";
import { InviteMaker } from "../components/organiser/InviteMaker.tsx";
import { MarketControls } from "../components/organiser/MarketControls.tsx";
import { PeopleTable } from "../components/organiser/PeopleTable.tsx";
import { Totals } from "../components/organiser/Totals.tsx";
import { Link, navigate, useLocation } from "../router.tsx";

/** Signs the organiser in with the token from the link `haggle serve` printed, then drops it from the address. */
function useTokenLogin(token: string | null) {
  const client = useQueryClient();
  const login = useMutation({
    mutationFn: (body: OrganiserLoginBody) => post<SessionInfo>("/api/organiser/login", body),
    onSuccess: (session) => {
      client.setQueryData(keys.session, session);
      navigate("/organiser", { replace: true });
    },
  });
  const { mutate } = login;
  useEffect(() => {
    if (token) mutate({ token });
  }, [token, mutate]);
  return login;
}

export function OrganiserPage() {
  const { query } = useLocation();
  const token = query.get("token");
  const login = useTokenLogin(token);
  const session = useSession();
  const isOrganiser = session.data?.user?.role === "organiser";
  const organiser = useOrganiser(isOrganiser && !token);

  if (token || login.isPending) {
    return login.isError ? <ErrorNote error={login.error} /> : <p className="muted">Signing in…</p>;
  }
  if (login.isError) return <ErrorNote error={login.error} />;
  if (session.isPending) return <p className="muted">Loading…</p>;
  if (!isOrganiser) {
    return (
      <section className="narrow">
        <h1>Organiser</h1>
        <p>
          Open the organiser link that <code>haggle serve</code> printed when it started, or{" "}
          <Link to="/login">sign in</Link> with an organiser account.
        </p>
      </section>
    );
  }
  if (organiser.isPending) return <p className="muted">Loading the market…</p>;
  if (organiser.isError) return <ErrorNote error={organiser.error} />;
  const page = organiser.data;
  const unused = page.invites.filter((invite) => !invite.usedBy);
  return (
    <section className="organiser">
      <h1>
        <AgentText text={page.market.name} />
      </h1>
      <MarketControls market={page.market} />
      <Totals totals={page.totals} />
      <AnalysisPanel analysis={page.analysis} />
      <div className="columns">
        <section className="card" aria-label="People">
          <h2>People</h2>
          <PeopleTable people={page.people} />
        </section>
        <InviteMaker />
      </div>
      <section className="card">
        <InviteList invites={unused} title={`Unused invites (${unused.length})`} />
        {unused.length === 0 && <p className="muted">No unused invites.</p>}
      </section>
    </section>
  );
}
