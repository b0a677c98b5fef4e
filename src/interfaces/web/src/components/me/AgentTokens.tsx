import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { AgentTokenView, CreatedAgentToken, CreateTokenBody } from "../../../../http/api-types.ts";
import { post, segment } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";
import { useTokens } from "../../api/queries.ts";
import { AgentText } from "../AgentText.tsx";
import { ErrorNote, fieldError } from "../ErrorNote.tsx";
import { Field } from "../Field.tsx";

/** Tokens that let an agent of my own act for me over MCP: made (shown once), listed, revoked. */
export function AgentTokens() {
  const client = useQueryClient();
  const tokens = useTokens(true);
  const [label, setLabel] = useState("");
  const refresh = () => void client.invalidateQueries({ queryKey: keys.tokens });
  const make = useMutation({
    mutationFn: (body: CreateTokenBody) => post<CreatedAgentToken>("/api/me/tokens", body),
    onSuccess: () => {
      setLabel("");
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => post<AgentTokenView>(`/api/me/tokens/${segment(id)}/revoke`),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    make.mutate(label.trim() ? { label: label.trim() } : {});
  };
  const live = (tokens.data ?? []).filter((token) => !token.revokedAt);
  return (
    <section className="card" aria-label="My own agent over MCP">
      <h2>My own agent over MCP</h2>
      <p className="muted">
        An agent of your own, given a token, acts for you over MCP at{" "}
        <code>{`${window.location.origin}/mcp`}</code> (as <code>Authorization: Bearer</code>), beside the
        agent here. The market checks every action it takes against your limits. Revoke a token to stop it.
      </p>
      <form onSubmit={submit} className="inline-form">
        <Field
          label="Token label"
          value={label}
          onChange={setLabel}
          placeholder="my laptop"
          error={fieldError(make.error, "label")}
        />
        <button type="submit" disabled={make.isPending}>
          Make a token
        </button>
      </form>
      {make.isError && !fieldError(make.error, "label") && <ErrorNote error={make.error} />}
      {make.data && (
        <div className="banner" role="status">
          <p>Your new token, shown only this once:</p>
          <code className="token">{make.data.token}</code>
        </div>
      )}
      {tokens.isError && <ErrorNote error={tokens.error} />}
      {live.length > 0 && (
        <ul className="plain">
          {live.map((token) => (
            <li key={token.id}>
              <code>{token.id}</code> {token.label && <AgentText text={token.label} />}{" "}
              <span className="muted">made {new Date(token.createdAt).toLocaleString()}</span>{" "}
              <button
                type="button"
                className="secondary small"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(token.id)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={revoke.error} />
    </section>
  );
}
