import { type ReactNode, useId } from "react";

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The problem with this field, naming the fix; shown beside it. */
  error?: string | undefined;
  hint?: ReactNode;
  type?: "text" | "password" | "number" | "search";
  multiline?: boolean;
  autoComplete?: string;
  required?: boolean;
  placeholder?: string;
  inputMode?: "decimal" | "numeric" | "text";
}

/** A labelled input with its error beside it (linked by aria-describedby, so readers hear both). */
export function Field(props: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [props.error ? errorId : "", props.hint ? hintId : ""].filter(Boolean).join(" ");
  const common = {
    id,
    value: props.value,
    "aria-invalid": props.error ? true : undefined,
    "aria-describedby": described || undefined,
    required: props.required,
    placeholder: props.placeholder,
  };
  return (
    <div className={props.error ? "field invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? "text"}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      {props.hint && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={errorId} className="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

interface SelectProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string | undefined;
}

export function SelectField(props: SelectProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={props.error ? "field invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.error && (
        <small id={errorId} className="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}
