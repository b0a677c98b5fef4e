import type { PauseBody } from "../../../../http/api-types.ts";
import { ErrorNote } from "../ErrorNote.tsx";
import { useMeAction } from "./useMeAction.ts";

/** Stops my agent taking turns, and starts it again. */
export function PauseToggle({ paused }: { paused: boolean }) {
  const pause = useMeAction<PauseBody>("/api/me/pause");
  return (
    <div className="pause">
      <span>
        Your agent is <strong>{paused ? "paused" : "trading"}</strong>.
      </span>{" "}
      <button
        type="button"
        className="secondary"
        aria-pressed={paused}
        disabled={pause.isPending}
        onClick={() => pause.mutate({ paused: !paused })}
      >
        {paused ? "Resume my agent" : "Pause my agent"}
      </button>
      <ErrorNote error={pause.error} />
    </div>
  );
}
