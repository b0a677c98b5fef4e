import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { ChatTurn } from "../../../../http/api-types.ts";
import { post } from "../../api/client.ts";
import { AgentText } from "../AgentText.tsx";
import { ErrorNote, fieldError } from "../ErrorNote.tsx";
import { Field } from "../Field.tsx";

interface Line {
  from: "interviewer" | "me";
  text: string;
}

/**
 * The interview as a conversation with the server's model. When it has everything, its write-up
 * fills the form (the server saves it), and `onDone` takes the person there to review and confirm.
 */
export function InterviewChat({ onDone }: { onDone: () => void }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [answer, setAnswer] = useState("");
  const [finished, setFinished] = useState(false);
  const send = useMutation({
    mutationFn: (body: { message?: string }) => post<ChatTurn>("/api/me/interview/chat", body),
    onSuccess: (turn, body) => {
      setLines((old) => [
        ...old,
        ...(body.message ? [{ from: "me" as const, text: body.message }] : []),
        ...turn.messages.map((text) => ({ from: "interviewer" as const, text })),
      ]);
      if (body.message) setAnswer("");
      if (turn.done && turn.form) setFinished(true);
    },
  });
  // The interviewer speaks first: one opening request, even if the page renders twice.
  const started = useRef(false);
  const { mutate } = send;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({});
  }, [mutate]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = answer.trim();
    if (message && !send.isPending) send.mutate({ message });
  };
  // Enter sends, Shift+Enter starts a new line.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <section className="chat" aria-label="Interview conversation">
      <ol className="chat-lines" aria-live="polite">
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the conversation only grows
          <li key={index} className={`chat-line from-${line.from}`}>
            <span className="who">{line.from === "me" ? "You" : "Interviewer"}</span>
            <p className="text">
              <AgentText text={line.text} />
            </p>
          </li>
        ))}
        {send.isPending && <li className="chat-line from-interviewer muted">…</li>}
      </ol>
      {finished ? (
        <div className="banner">
          <p>The interviewer has filled in your form. Check it, change anything, then review and confirm.</p>
          <button type="button" onClick={onDone}>
            Check my form
          </button>
        </div>
      ) : (
        <form onSubmit={submit} className="chat-form" onKeyDown={onKeyDown}>
          <Field
            label="Your answer"
            value={answer}
            onChange={setAnswer}
            multiline
            error={fieldError(send.error, "message")}
          />
          <button type="submit" disabled={send.isPending || !answer.trim()}>
            Send
          </button>
        </form>
      )}
      {send.isError && !fieldError(send.error, "message") && <ErrorNote error={send.error} />}
    </section>
  );
}
