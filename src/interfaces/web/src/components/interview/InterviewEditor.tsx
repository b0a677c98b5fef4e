import { useState } from "react";
import type { InterviewForm, InterviewState } from "../../../../http/api-types.ts";
import { ErrorNote } from "../ErrorNote.tsx";
import { Field } from "../Field.tsx";
import { blankItem, blankWant, errorsToShow, shownPaths } from "./blank.ts";
import { InterviewReview } from "./InterviewReview.tsx";
import { ItemFields } from "./ItemFields.tsx";
import { type SaveStatus, useAutosave } from "./useAutosave.ts";
import { WantFields } from "./WantFields.tsx";

const STATUS: Record<SaveStatus, string> = {
  saved: "All changes saved",
  editing: "Editing…",
  saving: "Saving…",
  failed: "Not saved",
};

/** The guided interview: every field saved as typed and checked by the server, then a review. */
export function InterviewEditor({ initial }: { initial: InterviewState }) {
  const [form, setForm] = useState<InterviewForm>(initial.form);
  const [reviewing, setReviewing] = useState(false);
  const [wishes, setWishes] = useState<string[]>(initial.wishes);
  const [askedForReview, setAskedForReview] = useState(false);
  const { errors: allErrors, status, failure, flush } = useAutosave(form, initial.errors);
  const errors = errorsToShow(allErrors, form, initial.form, askedForReview);
  const update = (patch: Partial<InterviewForm>) => setForm((current) => ({ ...current, ...patch }));
  const shown = shownPaths(form);
  const other = Object.entries(errors).filter(([path]) => !shown.has(path));

  if (reviewing) {
    return (
      <InterviewReview form={form} errors={allErrors} wishes={wishes} onBack={() => setReviewing(false)} />
    );
  }

  const review = async () => {
    setAskedForReview(true);
    const state = await flush();
    if (state) setWishes(state.wishes);
    if (state && Object.keys(state.errors).length === 0) setReviewing(true);
    else document.querySelector<HTMLElement>(".interview [aria-invalid='true']")?.focus();
  };

  return (
    <form className="interview" onSubmit={(event) => event.preventDefault()} aria-label="Interview">
      <p className="save-status" aria-live="polite">
        {STATUS[status]}
      </p>
      {failure !== undefined && <ErrorNote error={failure} />}
      <section>
        <h2>You</h2>
        <Field
          label="Your name"
          value={form.name}
          onChange={(name) => update({ name })}
          error={errors.name}
        />
      </section>

      <section>
        <h2>What you sell</h2>
        {form.items.length === 0 && (
          <p className="muted">Nothing yet. Add each thing you would like to sell.</p>
        )}
        {form.items.map((item, index) => (
          <ItemFields
            // Items have no id until confirmed; their place is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are only appended or removed
            key={index}
            index={index}
            item={item}
            errors={errors}
            onChange={(next) => update({ items: form.items.map((old, i) => (i === index ? next : old)) })}
            onRemove={() => update({ items: form.items.filter((_, i) => i !== index) })}
          />
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => update({ items: [...form.items, blankItem()] })}
        >
          Add an item to sell
        </button>
      </section>

      <section>
        <h2>What you want</h2>
        {form.wants.length === 0 && <p className="muted">Nothing yet. Add each thing you are looking for.</p>}
        {form.wants.map((want, index) => (
          <WantFields
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are only appended or removed
            key={index}
            index={index}
            want={want}
            errors={errors}
            onChange={(next) => update({ wants: form.wants.map((old, i) => (i === index ? next : old)) })}
            onRemove={() => update({ wants: form.wants.filter((_, i) => i !== index) })}
          />
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => update({ wants: [...form.wants, blankWant()] })}
        >
          Add something you want
        </button>
        <Field
          label="Budget"
          value={form.budget}
          onChange={(budget) => update({ budget })}
          error={errors.budget}
          inputMode="decimal"
          hint="The most you will spend in all. Secret: only your agent knows it."
        />
      </section>

      <section>
        <h2>Your agent</h2>
        <Field
          label="Persona"
          value={form.persona}
          onChange={(persona) => update({ persona })}
          error={errors.persona}
          multiline
          placeholder="friendly, chatty, hates haggling"
          hint="How your agent should come across when it negotiates."
        />
        <Field
          label="Instructions"
          value={form.instructions}
          onChange={(instructions) => update({ instructions })}
          error={errors.instructions}
          multiline
          placeholder="sell the bike first, be firm on price"
          hint='Write wishes plainly: "never sell to Dave", "mention it was serviced last spring", "speak French", "ask lots of questions". The review shows which ones your agent acts on.'
        />
        <Field
          label="People not to trade with"
          value={form.avoid ?? ""}
          onChange={(avoid) => update({ avoid })}
          error={errors.avoid}
          placeholder="Dave, Eve"
          hint="Names, comma-separated. The market refuses any deal with them. Only you see this."
        />
        <Field
          label="Meeting and pick-up terms"
          value={form.meeting ?? ""}
          onChange={(meeting) => update({ meeting })}
          error={errors.meeting}
          placeholder="evenings near the station"
          hint="Your agent states them when a deal is agreed; they go in the deal's memo. Items are handed over in person."
        />
        <Field
          label="Language"
          value={form.language ?? ""}
          onChange={(language) => update({ language })}
          error={errors.language}
          placeholder="English"
          hint="English, French, Spanish or German."
        />
      </section>

      {other.length > 0 && (
        <div className="error" role="alert">
          <ul>
            {other.map(([path, fix]) => (
              <li key={path}>{fix}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" onClick={() => void review()} disabled={status === "saving"}>
        Review
      </button>
    </form>
  );
}
