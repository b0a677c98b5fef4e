import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InterviewForm, MyPage } from "../../../../http/api-types.ts";
import { post } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";
import { AgentText } from "../AgentText.tsx";
import { ErrorNote } from "../ErrorNote.tsx";

const or = (text: string, fallback: string) => (text.trim() ? text : fallback);

/** The mandate and persona as the agent will get them, and the confirmation that starts the agent. */
export function InterviewReview({
  form,
  errors,
  wishes,
  onBack,
}: {
  form: InterviewForm;
  errors: Record<string, string>;
  /** What the agent will and will not do of the person's wishes, from the server. */
  wishes: string[];
  onBack: () => void;
}) {
  const client = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => post<MyPage>("/api/me/interview/confirm"),
    onSuccess: (page) => client.setQueryData(keys.me, page),
  });
  return (
    <section className="review" aria-label="Review">
      <h2>Review your mandate</h2>
      <p>
        Your agent will trade within these limits. The least you accept, the most you pay and your budget stay
        secret: only you and your agent see them.
      </p>
      <div className="card">
        <h3>Selling</h3>
        {form.items.length === 0 ? (
          <p className="muted">Nothing.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Condition</th>
                <th scope="col">Asking</th>
                <th scope="col">Least I'd accept</th>
              </tr>
            </thead>
            <tbody>
              {form.items.map((item, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a read-only copy of the form's rows
                <tr key={index}>
                  <td>
                    <AgentText text={item.title} />
                  </td>
                  <td>{item.condition}</td>
                  <td>{item.askingPrice}</td>
                  <td>{item.reserve}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Buying</h3>
        {form.wants.length === 0 ? (
          <p className="muted">Nothing.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Looking for</th>
                <th scope="col">Most I'd pay</th>
              </tr>
            </thead>
            <tbody>
              {form.wants.map((want, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a read-only copy of the form's rows
                <tr key={index}>
                  <td>
                    <AgentText text={want.description} />
                  </td>
                  <td>{want.maxPrice}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <strong>Budget:</strong> {or(form.budget, "none")}
        </p>
        <h3>Persona</h3>
        <p className="text">
          <AgentText text={or(form.persona, "No persona: your agent will be plain and polite.")} />
        </p>
        <h3>Instructions</h3>
        <p className="text">
          <AgentText text={or(form.instructions, "None.")} />
        </p>
        {wishes.length > 0 && (
          <>
            <h3>Your wishes</h3>
            <ul className="wishes">
              {wishes.map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list of lines
                <li key={index}>
                  <AgentText text={line.trim()} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {Object.keys(errors).length > 0 && (
        <div className="error" role="alert">
          <p>Fix these first:</p>
          <ul>
            {Object.entries(errors).map(([path, fix]) => (
              <li key={path}>{fix}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorNote error={confirm.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          Back to edit
        </button>
        <button
          type="button"
          onClick={() => confirm.mutate()}
          disabled={confirm.isPending || Object.keys(errors).length > 0}
        >
          {confirm.isPending ? "Confirming…" : "Confirm"}
        </button>
      </div>
    </section>
  );
}
