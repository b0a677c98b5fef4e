import type { InterviewForm } from "../../../../http/api-types.ts";

export type ItemDraft = InterviewForm["items"][number];
export type WantDraft = InterviewForm["wants"][number];

export const CONDITIONS = ["new", "like-new", "good", "fair", "poor"] as const;

export const blankItem = (): ItemDraft => ({
  title: "",
  description: "",
  condition: "good",
  flaws: "",
  category: "",
  askingPrice: "",
  reserve: "",
  facts: "",
});

export const blankWant = (): WantDraft => ({ description: "", maxPrice: "" });

/** The paths of the fields this form shows, so errors for anything else are listed on their own. */
export function shownPaths(form: InterviewForm): Set<string> {
  const paths = new Set(["name", "budget", "persona", "instructions", "avoid", "meeting", "language"]);
  form.items.forEach((_, index) => {
    for (const key of Object.keys(blankItem())) paths.add(`items.${index}.${key}`);
  });
  form.wants.forEach((_, index) => {
    for (const key of Object.keys(blankWant())) paths.add(`wants.${index}.${key}`);
  });
  return paths;
}

/** The value at a field path ("items.0.reserve") of a form, or undefined when there is none. */
export function valueAt(form: InterviewForm, path: string): string | undefined {
  let value: unknown = form;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" ? value : undefined;
}

/**
 * The errors to show now: a field's once the person has written in it (or it was filled before), and
 * every one once they asked for the review, so an empty new form is not all red at first sight.
 */
export function errorsToShow(
  errors: Record<string, string>,
  form: InterviewForm,
  initial: InterviewForm,
  all: boolean,
): Record<string, string> {
  if (all) return errors;
  const shown: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const now = valueAt(form, path);
    if (now !== undefined && (now.trim() !== "" || now !== (valueAt(initial, path) ?? "")))
      shown[path] = message;
  }
  return shown;
}
