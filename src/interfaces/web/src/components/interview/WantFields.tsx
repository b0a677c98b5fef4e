import { Field } from "../Field.tsx";
import type { WantDraft } from "./blank.ts";

interface Props {
  index: number;
  want: WantDraft;
  errors: Record<string, string>;
  onChange: (want: WantDraft) => void;
  onRemove: () => void;
}

/** One thing to buy and the most the person would pay for it. */
export function WantFields({ index, want, errors, onChange, onRemove }: Props) {
  const n = index + 1;
  return (
    <fieldset className="card want">
      <legend>Want {n}</legend>
      <Field
        label={`Want ${n} description`}
        value={want.description}
        onChange={(description) => onChange({ ...want, description })}
        error={errors[`wants.${index}.description`]}
        placeholder="a road bike"
      />
      <Field
        label={`Want ${n} most I'd pay`}
        value={want.maxPrice}
        onChange={(maxPrice) => onChange({ ...want, maxPrice })}
        error={errors[`wants.${index}.maxPrice`]}
        inputMode="decimal"
        hint="Secret: only your agent knows it."
      />
      <button type="button" className="secondary" onClick={onRemove}>
        Remove want {n}
      </button>
    </fieldset>
  );
}
