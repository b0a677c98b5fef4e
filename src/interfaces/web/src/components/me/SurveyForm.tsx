import { type FormEvent, useState } from "react";
import type { MyDeal, SurveyAnswer } from "../../../../http/api-types.ts";
import { segment } from "../../api/client.ts";
import { ErrorNote } from "../ErrorNote.tsx";
import { SelectField } from "../Field.tsx";
import { useMeAction } from "./useMeAction.ts";

const SCALE = [
  { value: "", label: "choose…" },
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: String(n) })),
];

/** The three questions after a deal; once answered, the answers. */
export function SurveyForm({ deal }: { deal: MyDeal }) {
  const answer = useMeAction<SurveyAnswer>(`/api/me/deals/${segment(deal.id)}/survey`);
  const [fairness, setFairness] = useState("");
  const [satisfaction, setSatisfaction] = useState("");
  const [wouldPay, setWouldPay] = useState("");
  const [missing, setMissing] = useState(false);
  if (deal.survey) {
    return (
      <p className="survey-done">
        Your answers: fairness {deal.survey.fairness}/7, satisfaction {deal.survey.satisfaction}/7, would pay:{" "}
        {deal.survey.wouldPay ? "yes" : "no"}.
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fairness || !satisfaction || !wouldPay) {
      setMissing(true);
      return;
    }
    setMissing(false);
    answer.mutate({
      fairness: Number(fairness),
      satisfaction: Number(satisfaction),
      wouldPay: wouldPay === "yes",
    });
  };
  return (
    <form className="survey" onSubmit={submit} aria-label={`Survey for deal ${deal.id}`}>
      <h4>How did this deal go?</h4>
      <div className="row">
        <SelectField
          label={`Fairness of deal ${deal.id} (1 very unfair, 7 very fair)`}
          value={fairness}
          onChange={setFairness}
          options={SCALE}
          error={missing && !fairness ? "Choose 1 to 7." : undefined}
        />
        <SelectField
          label={`Satisfaction with deal ${deal.id} (1 very unhappy, 7 very happy)`}
          value={satisfaction}
          onChange={setSatisfaction}
          options={SCALE}
          error={missing && !satisfaction ? "Choose 1 to 7." : undefined}
        />
        <SelectField
          label={`Would you pay for an agent like this? (deal ${deal.id})`}
          value={wouldPay}
          onChange={setWouldPay}
          options={[
            { value: "", label: "choose…" },
            { value: "yes", label: "yes" },
            { value: "no", label: "no" },
          ]}
          error={missing && !wouldPay ? "Choose yes or no." : undefined}
        />
      </div>
      <ErrorNote error={answer.error} />
      <button type="submit" disabled={answer.isPending}>
        Send answers
      </button>
    </form>
  );
}
