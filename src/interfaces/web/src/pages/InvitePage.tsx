import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { AcceptInviteBody, SessionInfo } from "../../../http/api-types.ts";
import { post, segment } from "../api/client.ts";
import { keys } from "../api/keys.ts";
import { useInvite } from "../api/queries.ts";
import { AgentText } from "../components/AgentText.tsx";
import { ErrorNote, fieldError } from "../components/ErrorNote.tsx";
import { Field } from "../components/Field.tsx";
import { Link, navigate } from "../router.tsx";

const REFUSED = {
  used: "This invite has already been used. Each invite makes one account: sign in instead, or ask the organiser for a new one.",
  unknown:
    "This invite code is not one of this market's. Check the link, or ask the organiser for a new one.",
} as const;

/** An invite link: the market's name and a form to make an account with the code. */
export function InvitePage({ code }: { code: string }) {
  const invite = useInvite(code);
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation({
    mutationFn: (body: AcceptInviteBody) => post<SessionInfo>(`/api/invites/${segment(code)}/accept`, body),
    onSuccess: (session) => {
      client.setQueryData(keys.session, session);
      navigate("/me");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    accept.mutate({ name: name.trim(), password });
  };

  if (invite.isPending) return <p className="muted">Checking your invite…</p>;
  if (invite.isError) {
    return (
      <section className="narrow">
        <h1>Invite</h1>
        <ErrorNote error={invite.error} />
      </section>
    );
  }
  const info = invite.data;
  if (info.status !== "unused") {
    return (
      <section className="narrow">
        <h1>
          <AgentText text={info.market || "Invite"} />
        </h1>
        <div className="error" role="alert">
          <p>{REFUSED[info.status]}</p>
        </div>
        <p>
          Already have an account? <Link to="/login">Sign in</Link>.
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <p className="eyebrow">You are invited to</p>
      <h1>
        <AgentText text={info.market} />
      </h1>
      <p>
        Make an account. Then tell your agent what you sell and what you want, and it trades for you in the
        market.
      </p>
      <form onSubmit={submit} className="card">
        <Field
          label="Your name"
          value={name}
          onChange={setName}
          autoComplete="name"
          required
          error={fieldError(accept.error, "name")}
          hint="Others in the market see this name."
        />
        <Field
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          required
          error={fieldError(accept.error, "password")}
        />
        <Field
          label="Repeat password"
          type="password"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
          required
          error={mismatch ? "The two passwords differ: type the same password twice." : undefined}
        />
        {accept.isError && !fieldError(accept.error, "name") && !fieldError(accept.error, "password") && (
          <ErrorNote error={accept.error} />
        )}
        <button type="submit" disabled={accept.isPending}>
          {accept.isPending ? "Creating…" : "Create account"}
        </button>
      </form>
    </section>
  );
}
