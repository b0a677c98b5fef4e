import type { Hono } from "hono";

/** A browser's view of the API in tests: one cookie jar, JSON in and out, through `app.request`. */
export class ApiClient {
  private cookie: string | undefined;
  /** Every body this client received, for searching them for secrets. */
  readonly seen: string[] = [];

  constructor(
    private readonly app: Hono<never> | Hono<any>,
    private readonly origin = "http://localhost",
  ) {}

  get cookieHeader(): string | undefined {
    return this.cookie;
  }

  async raw(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const response = await this.app.request(`${this.origin}${path}`, {
      method,
      headers: {
        host: new URL(this.origin).host,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = response.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0]!.endsWith("=") ? undefined : set.split(";")[0];
    return response;
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; text: string }> {
    const response = await this.raw(method, path, body);
    const text = await response.text();
    this.seen.push(text);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed as T, text };
  }

  get<T = any>(path: string) {
    return this.call<T>("GET", path);
  }

  post<T = any>(path: string, body: unknown = {}) {
    return this.call<T>("POST", path, body);
  }

  put<T = any>(path: string, body: unknown) {
    return this.call<T>("PUT", path, body);
  }
}
