import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { MarketInfo, OrganiserPage } from "../../../../http/api-types.ts";
import { post } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";
import { ErrorNote } from "../ErrorNote.tsx";

/** Opens the market (agents start trading) and closes it (the analysis follows). */
export function MarketControls({ market }: { market: MarketInfo }) {
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (what: "open" | "close") => post<OrganiserPage>(`/api/organiser/market/${what}`),
    onSuccess: (page) => {
      client.setQueryData(keys.organiser, page);
      void client.invalidateQueries({ queryKey: keys.session });
    },
  });
  const closing = act.isPending && act.variables === "close";
  // Closing cannot be undone: a second click confirms it, without a browser dialog.
  const [sure, setSure] = useState(false);
  return (
    <div className="controls">
      <p>
        The market is <strong>{market.phase === "waiting" ? "waiting to open" : market.phase}</strong>
        {market.phase !== "closed" && ` · ${market.speed} market minutes a minute`}.
      </p>
      {market.phase === "waiting" && (
        <button type="button" disabled={act.isPending} onClick={() => act.mutate("open")}>
          Open the market
        </button>
      )}
      {market.phase === "open" && !sure && (
        <button type="button" className="danger" disabled={act.isPending} onClick={() => setSure(true)}>
          Close the market
        </button>
      )}
      {market.phase === "open" && sure && (
        <span className="confirm">
          Agents stop trading and the analysis runs.{" "}
          <button
            type="button"
            className="danger"
            disabled={act.isPending}
            onClick={() => act.mutate("close")}
          >
            {closing ? "Closing…" : "Yes, close it"}
          </button>{" "}
          <button type="button" className="secondary" disabled={act.isPending} onClick={() => setSure(false)}>
            Keep it open
          </button>
        </span>
      )}
      <ErrorNote error={act.error} />
    </div>
  );
}
