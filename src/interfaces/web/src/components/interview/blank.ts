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
});

export const blankWant = (): WantDraft => ({ description: "", maxPrice: "" });

/** The paths of the fields this form shows, so errors for anything else are listed on their own. */
export function shownPaths(form: InterviewForm): Set<string> {
  const paths = new Set(["name", "budget", "persona", "instructions"]);
  form.items.forEach((_, index) => {
    for (const key of Object.keys(blankItem())) paths.add(`items.${index}.${key}`);
  });
  form.wants.forEach((_, index) => {
    for (const key of Object.keys(blankWant())) paths.add(`wants.${index}.${key}`);
  });
  return paths;
}
