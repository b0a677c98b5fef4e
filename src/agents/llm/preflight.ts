import { LlmConfigError } from "./errors.ts";
import { type Env, type LlmConnectionOptions, resolveLlmConnection } from "./providers.ts";

export interface PreflightOptions extends Omit<LlmConnectionOptions, "env"> {
  /** How long to wait for an OpenAI-compatible server's GET /models. */
  timeoutMs?: number;
}

function modelListed(ids: readonly string[], modelId: string): boolean {
  return ids.some(
    (id) => id === modelId || id === `${modelId}:latest` || id.replace(/:latest$/, "") === modelId,
  );
}

async function checkCompatibleServer(
  baseURL: string,
  modelId: string,
  apiKey: string | undefined,
  options: PreflightOptions,
): Promise<void> {
  const url = `${baseURL}/models`;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
  } catch (error) {
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${options.timeoutMs ?? 3000} ms`
        : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
    throw new LlmConfigError(
      `cannot reach the OpenAI-compatible server at ${baseURL} (GET /models: ${reason}): start the server or fix HAGGLE_OPENAI_COMPATIBLE_URL`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new LlmConfigError(
      `the OpenAI-compatible server at ${baseURL} refused the key (HTTP ${response.status}): set HAGGLE_OPENAI_COMPATIBLE_API_KEY`,
    );
  }
  if (!response.ok) return; // Some servers have no /models; the server is up, which is what we check.
  let ids: string[] = [];
  try {
    const body = (await response.json()) as { data?: { id?: unknown }[] };
    ids = (body.data ?? []).flatMap((entry) => (typeof entry.id === "string" ? [entry.id] : []));
  } catch {
    return;
  }
  if (ids.length > 0 && !modelListed(ids, modelId)) {
    const shown = ids.slice(0, 12).join(", ");
    throw new LlmConfigError(
      `the OpenAI-compatible server at ${baseURL} has no model "${modelId}"; it serves ${shown}${ids.length > 12 ? ", ..." : ""}`,
    );
  }
}

/**
 * Checks, before a market starts, that every `llm:` spec can run: the provider is known, its API key
 * is set, and an OpenAI-compatible server answers GET /models (with a short timeout) and serves the
 * model. Other specs are ignored. Throws an LlmConfigError (bad input: exit code 2) naming the fix.
 * @example await preflightAgentSpecs(["engine:strong", "llm:anthropic:claude-haiku-4-5"])
 */
export async function preflightAgentSpecs(
  specs: readonly string[],
  env: Env = process.env,
  options: PreflightOptions = {},
): Promise<void> {
  const unique = [...new Set(specs.map((spec) => spec.trim()))].filter((spec) => spec.startsWith("llm:"));
  const checks: Promise<void>[] = [];
  const servers = new Set<string>();
  for (const spec of unique) {
    const connection = resolveLlmConnection(spec, { ...options, env });
    if (connection.provider !== "openai-compatible") continue;
    const key = `${connection.baseURL}\n${connection.modelId}`;
    if (servers.has(key)) continue;
    servers.add(key);
    checks.push(checkCompatibleServer(connection.baseURL!, connection.modelId, connection.apiKey, options));
  }
  await Promise.all(checks);
}
