import { Field, SelectField } from "../Field.tsx";
import { CONDITIONS, type ItemDraft } from "./blank.ts";

interface Props {
  index: number;
  item: ItemDraft;
  errors: Record<string, string>;
  onChange: (item: ItemDraft) => void;
  onRemove: () => void;
}

/** One thing to sell: what it is, its state, its asking price and the least the person would accept. */
export function ItemFields({ index, item, errors, onChange, onRemove }: Props) {
  const n = index + 1;
  const set = (key: keyof ItemDraft) => (value: string) => onChange({ ...item, [key]: value });
  const error = (key: keyof ItemDraft) => errors[`items.${index}.${key}`];
  return (
    <fieldset className="card item">
      <legend>Item {n} to sell</legend>
      <Field
        label={`Item ${n} title`}
        value={item.title}
        onChange={set("title")}
        error={error("title")}
        placeholder="Trek road bike"
      />
      <Field
        label={`Item ${n} description`}
        value={item.description}
        onChange={set("description")}
        error={error("description")}
        multiline
      />
      <div className="row">
        <SelectField
          label={`Item ${n} condition`}
          value={item.condition}
          onChange={set("condition")}
          error={error("condition")}
          options={CONDITIONS.map((value) => ({ value, label: value }))}
        />
        <Field
          label={`Item ${n} category`}
          value={item.category}
          onChange={set("category")}
          error={error("category")}
          placeholder="sports"
        />
      </div>
      <Field
        label={`Item ${n} flaws`}
        value={item.flaws}
        onChange={set("flaws")}
        error={error("flaws")}
        hint="Comma-separated, or leave blank."
      />
      <Field
        label={`Item ${n} facts to mention`}
        value={item.facts ?? ""}
        onChange={set("facts")}
        error={error("facts")}
        multiline
        placeholder="serviced last spring"
        hint="Your agent says these in its first message about the item, and when asked. One a line."
      />
      <div className="row">
        <Field
          label={`Item ${n} asking price`}
          value={item.askingPrice}
          onChange={set("askingPrice")}
          error={error("askingPrice")}
          inputMode="decimal"
          placeholder="$40"
        />
        <Field
          label={`Item ${n} least I'd accept`}
          value={item.reserve}
          onChange={set("reserve")}
          error={error("reserve")}
          inputMode="decimal"
          hint="Secret: only your agent knows it."
        />
      </div>
      <button type="button" className="secondary" onClick={onRemove}>
        Remove item {n}
      </button>
    </fieldset>
  );
}
