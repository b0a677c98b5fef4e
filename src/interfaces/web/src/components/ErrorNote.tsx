import { ApiFailure } from "../api/client.ts";

/** An API refusal or any failure, in the server's own words, where the action was taken. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiFailure || error instanceof Error ? error.message : "Something went wrong.";
  const fields = error instanceof ApiFailure ? Object.entries(error.fields) : [];
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, fix]) => (
            <li key={field}>
              <code>{field}</code>: {fix}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message for one field of a refusal, when the server named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiFailure)) return undefined;
  if (error.fields[field]) return error.fields[field];
  return error.field === field ? error.message : undefined;
}
