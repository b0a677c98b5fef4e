import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useMarketEvents } from "./api/events.ts";
import { useSession } from "./api/queries.ts";
import { ErrorNote } from "./components/ErrorNote.tsx";
import { Header } from "./components/Header.tsx";
import { ChannelPage } from "./pages/ChannelPage.tsx";
import { match, navigate, useLocation } from "./router.tsx";
import { visibleText } from "./text-pieces.ts";

// The channel is what most people open first, so it comes with the app; the other pages load when
// first opened, which keeps the script the channel waits for smaller (see page-preloads.ts).
const InvitePage = lazy(() => import("./pages/InvitePage.tsx").then((m) => ({ default: m.InvitePage })));
const ListingPage = lazy(() => import("./pages/ListingPage.tsx").then((m) => ({ default: m.ListingPage })));
const LoginPage = lazy(() => import("./pages/LoginPage.tsx").then((m) => ({ default: m.LoginPage })));
const MePage = lazy(() => import("./pages/MePage.tsx").then((m) => ({ default: m.MePage })));
const OrganiserPage = lazy(() =>
  import("./pages/OrganiserPage.tsx").then((m) => ({ default: m.OrganiserPage })),
);

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
  const stream = useMarketEvents(Boolean(user), session.data?.market.lastSeq);
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
          <Suspense fallback={<p className="muted">Loading…</p>}>{page}</Suspense>
        )}
      </main>
    </>
  );
}
