import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { LoginBody, SessionInfo } from "../../../http/api-types.ts";
import { post } from "../api/client.ts";
import { keys } from "../api/keys.ts";
import { ErrorNote } from "../components/ErrorNote.tsx";
import { Field } from "../components/Field.tsx";
import { navigate, useLocation } from "../router.tsx";

export function LoginPage() {
  const client = useQueryClient();
  const { query } = useLocation();
  const linkUsed = query.get("link") === "used";
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation({
    mutationFn: (body: LoginBody) => post<SessionInfo>("/api/login", body),
    onSuccess: (session) => {
      client.setQueryData(keys.session, session);
      navigate(session.user?.role === "organiser" ? "/organiser" : "/");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ name: name.trim(), password });
  };
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      {linkUsed && (
        <div className="error" role="alert">
          <p>
            That login link has been used already: each works once. Sign in with your name and password, or
            ask the organiser for a new link.
          </p>
        </div>
      )}
      <form onSubmit={submit} className="card">
        <Field label="Name" value={name} onChange={setName} autoComplete="username" required />
        <Field
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        <ErrorNote error={login.error} />
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="muted">New here? Open the invite link the organiser gave you.</p>
    </section>
  );
}
