import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { InterviewBody, InterviewForm, InterviewState, MyPage } from "../../../../http/api-types.ts";
import { ApiFailure, put } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";

const DELAY_MS = 500;

export type SaveStatus = "saved" | "editing" | "saving" | "failed";

/**
 * Keeps the draft on the server as the person types: a PUT once typing pauses, the server's errors
 * (by field path) from the latest answer only, and `flush` to save at once (before the review).
 */
export function useAutosave(form: InterviewForm, initialErrors: Record<string, string>) {
  const client = useQueryClient();
  const [errors, setErrors] = useState(initialErrors);
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [failure, setFailure] = useState<unknown>(undefined);
  const latest = useRef(0);
  const saved = useRef(JSON.stringify(form));

  const save = useCallback(
    async (draft: InterviewForm): Promise<InterviewState | undefined> => {
      const text = JSON.stringify(draft);
      const request = ++latest.current;
      setStatus("saving");
      try {
        const body: InterviewBody = { form: draft };
        const state = await put<InterviewState>("/api/me/interview", body);
        if (request === latest.current) {
          saved.current = text;
          setErrors(state.errors);
          setFailure(undefined);
          setStatus("saved");
          client.setQueryData<MyPage>(keys.me, (page) => (page ? { ...page, interview: state } : page));
        }
        return state;
      } catch (error) {
        if (request === latest.current) {
          // A field the server refused outright ("form.items.0.title: keep it under 400 characters")
          // is shown beside that field, like the interview's own checks.
          if (error instanceof ApiFailure && error.field?.startsWith("form.")) {
            const path = error.field.slice("form.".length);
            setErrors((old) => ({ ...old, [path]: error.message }));
          }
          setFailure(error);
          setStatus("failed");
        }
        return undefined;
      }
    },
    [client],
  );

  useEffect(() => {
    if (JSON.stringify(form) === saved.current) return;
    setStatus("editing");
    const timer = setTimeout(() => void save(form), DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, save]);

  // Leaving before the last change reached the server asks first.
  useEffect(() => {
    if (status === "saved") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status]);

  const flush = useCallback(() => save(form), [form, save]);
  return { errors, status, failure, flush };
}
