import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { ChatConversation, ChatTurn } from "../../../../http/api-types.ts";
import { get, post } from "../../api/client.ts";
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
      const said = turn.messages.map((text) => ({ from: "interviewer" as const, text }));
      // No message: the conversation (re)starts with the interviewer's opening.
      setLines((old) =>
        body.message ? [...old, { from: "me" as const, text: body.message }, ...said] : said,
      );
      if (body.message) setAnswer("");
      setFinished(Boolean(turn.done && turn.form));
    },
  });
  // The conversation so far is kept by the server (across reloads and restarts): shown again, or, when
  // there is none, the interviewer speaks first. One opening request, even if the page renders twice.
  const started = useRef(false);
  const { mutate } = send;
  const [loadError, setLoadError] = useState<unknown>();
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    get<ChatConversation>("/api/me/interview/chat").then((kept) => {
      if (kept.lines.length === 0) mutate({});
      else {
        setLines(kept.lines);
        setFinished(kept.done);
      }
    }, setLoadError);
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
      {loadError !== undefined && <ErrorNote error={loadError} />}
      {lines.length > 0 && (
        <p>
          <button
            type="button"
            className="secondary small"
            disabled={send.isPending}
            onClick={() => send.mutate({})}
          >
            Start the conversation over
          </button>
        </p>
      )}
    </section>
  );
}
