import type { ApiError } from "../../../http/api-types.ts";

/** A refusal from the API, or a failure to reach it, carrying the server's code, message and fields. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly fields: Record<string, string>;

  constructor(status: number, body: ApiError["error"]) {
    super(body.message);
    this.name = "ApiFailure";
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.fields = body.fields ?? {};
  }
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

type Method = "GET" | "POST" | "PUT";

/**
 * One call to the API: JSON in, JSON out, the session cookie sent along. A refusal throws an
 * ApiFailure with the server's own message; an unreachable server or a non-JSON answer throws one too.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(body !== undefined || method !== "GET" ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : method !== "GET" ? { body: "{}" } : {}),
    });
  } catch {
    throw new ApiFailure(0, { code: "unreachable", message: "The server cannot be reached. Is it running?" });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (isApiError(parsed)) throw new ApiFailure(response.status, parsed.error);
    throw new ApiFailure(response.status, {
      code: "http",
      message: `The server answered ${response.status} ${response.statusText}.`.replace(" .", "."),
    });
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body);
export const put = <T>(path: string, body?: unknown) => api<T>("PUT", path, body);

/** A path with query parameters, leaving out the empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** A path segment from an id, so an id can never reach outside its route. */
export const segment = (id: string) => encodeURIComponent(id);
