import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { InterviewState } from "../../../../http/api-types.ts";
import { keys } from "../../api/keys.ts";
import { InterviewChat } from "./InterviewChat.tsx";
import { InterviewEditor } from "./InterviewEditor.tsx";

/**
 * The interview before it is confirmed: the guided form, or, when the server has a model for it, a
 * conversation that fills the form in. Either way the person reviews and confirms the form.
 */
export function InterviewSection({ interview, chat }: { interview: InterviewState; chat: boolean }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<"form" | "chat">("form");
  // A new editor after the conversation, started from the form it filled in.
  const [version, setVersion] = useState(0);
  const backToForm = async () => {
    await client.refetchQueries({ queryKey: keys.me });
    setVersion((n) => n + 1);
    setMode("form");
  };
  return (
    <>
      {chat && (
        <div className="mode-switch">
          <button
            type="button"
            className={mode === "form" ? undefined : "secondary"}
            aria-pressed={mode === "form"}
            onClick={() => setMode("form")}
          >
            Fill in the form
          </button>
          <button
            type="button"
            className={mode === "chat" ? undefined : "secondary"}
            aria-pressed={mode === "chat"}
            onClick={() => setMode("chat")}
          >
            Talk it through with an interviewer
          </button>
        </div>
      )}
      {mode === "chat" ? (
        <InterviewChat onDone={() => void backToForm()} />
      ) : (
        <InterviewEditor key={version} initial={interview} />
      )}
    </>
  );
}
