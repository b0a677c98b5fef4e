import { type ReactNode, useEffect } from "react";
import { useMarketEvents } from "./api/events.ts";
import { useSession } from "./api/queries.ts";
import { ErrorNote } from "./components/ErrorNote.tsx";
import { Header } from "./components/Header.tsx";
import { ChannelPage } from "./pages/ChannelPage.tsx";
import { InvitePage } from "./pages/InvitePage.tsx";
import { ListingPage } from "./pages/ListingPage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { MePage } from "./pages/MePage.tsx";
import { OrganiserPage } from "./pages/OrganiserPage.tsx";
import { match, navigate, useLocation } from "./router.tsx";
import { visibleText } from "./text-pieces.ts";

/** The page for a path; `signedIn` says whether it needs a session. */
function route(path: string): { page: ReactNode; signedIn: boolean } {
  const invite = match("/invite/:code", path);
  if (invite) return { page: <InvitePage code={invite.code!} />, signedIn: false };
  if (path === "/login") return { page: <LoginPage />, signedIn: false };
  // The organiser's page signs in with ?token= itself.
  if (path === "/organiser") return { page: <OrganiserPage />, signedIn: false };
  if (path === "/me") return { page: <MePage />, signedIn: true };
  const listing = match("/listings/:id", path);
  if (listing) return { page: <ListingPage id={listing.id!} />, signedIn: true };
  if (path === "/") return { page: <ChannelPage />, signedIn: true };
  return {
    page: (
      <section>
        <h1>Not found</h1>
        <p>There is no page at this address.</p>
      </section>
    ),
    signedIn: false,
  };
}

export function App() {
  const location = useLocation();
  const session = useSession();
  const user = session.data?.user;
  const stream = useMarketEvents(Boolean(user));
  const { page, signedIn } = route(location.path);
  const mustSignIn = signedIn && session.isSuccess && !user;
  useEffect(() => {
    if (mustSignIn) navigate("/login", { replace: true });
  }, [mustSignIn]);
  useEffect(() => {
    const name = session.data?.market.name;
    document.title = name ? `${visibleText(name)} · Haggle` : "Haggle";
  }, [session.data?.market.name]);
  return (
    <>
      <Header session={session.data} stream={user ? stream : undefined} />
      <main>
        {session.isError ? (
          <ErrorNote error={session.error} />
        ) : signedIn && !user ? (
          <p className="muted">Loading…</p>
        ) : (
          page
        )}
      </main>
    </>
  );
}
