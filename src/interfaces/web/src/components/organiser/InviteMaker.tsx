import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { CreateInvitesBody, Invite } from "../../../../http/api-types.ts";
import { post } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";
import { ErrorNote, fieldError } from "../ErrorNote.tsx";
import { Field } from "../Field.tsx";
import { InviteList } from "./InviteList.tsx";

/** Makes a batch of single-use invite links. */
export function InviteMaker() {
  const client = useQueryClient();
  const [count, setCount] = useState("5");
  const [invalid, setInvalid] = useState<string | undefined>();
  const make = useMutation({
    mutationFn: (body: CreateInvitesBody) => post<Invite[]>("/api/organiser/invites", body),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.organiser }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1) {
      setInvalid("Give a whole number of invites, 1 or more.");
      return;
    }
    setInvalid(undefined);
    make.mutate({ count: n });
  };
  return (
    <section className="card" aria-label="Invite people">
      <h2>Invite people</h2>
      <form onSubmit={submit} className="inline-form">
        <Field
          label="Number of invites"
          type="number"
          value={count}
          onChange={setCount}
          error={invalid ?? fieldError(make.error, "count")}
        />
        <button type="submit" disabled={make.isPending}>
          Make invites
        </button>
      </form>
      {make.isError && !fieldError(make.error, "count") && <ErrorNote error={make.error} />}
      {make.data && <InviteList invites={make.data} title={`${make.data.length} new invite links`} />}
    </section>
  );
}
