import { z } from "zod";
import { UpstreamError } from "@/lib/errors";
import { realSleep, type Sleep } from "../github/client";

/** How the client reaches GitLab and how patient it is. */
export interface GitlabClientOptions {
  /** The instance, e.g. https://gitlab.com (the API is under /api/v4 and /api/graphql). */
  url: string;
  token: string;
  /** The environment variable the token came from, named in errors instead of the token. */
  tokenEnv: string;
  signal?: AbortSignal;
  sleep?: Sleep;
  /** In [0, 1), for backoff jitter. */
  random?: () => number;
  now?: () => number;
  /** Attempts per request on network errors and 5xx (default 5). */
  maxAttempts?: number;
  /** Rate-limit waits per request before giving up (default 10). */
  maxRateLimitWaits?: number;
  /** At or below this many requests left in the window, every request waits for `RateLimit-Reset` (default 5). */
  lowRemaining?: number;
  /** Told before every wait, so a terminal can say why nothing moves. */
  onWait?: (ms: number, reason: string) => void;
}

/** One page of a REST list: its items and the next page's number (`X-Next-Page`), null on the last. */
export interface RestPage<T> {
  items: T[];
  nextPage: string | null;
  /** `X-Total`, when GitLab counts (it stops counting above 10,000). */
  total: number | null;
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 30_000;
/** GitLab's windows are a minute long; a 429 that names no time waits one. */
const DEFAULT_RATE_WAIT_MS = 60_000;
const MAX_WAIT_MS = 15 * 60_000;
const TIMEOUT_MS = 30_000;

class Retry extends Error {
  constructor(
    message: string,
    readonly kind: "network" | "server" | "rate_limit",
    readonly waitMs: number | null,
  ) {
    super(message);
  }
}

/** Seconds or an HTTP date, as `Retry-After` may say; null when absent or unreadable. */
function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; error_description?: unknown };
    const m = body.message ?? body.error_description ?? body.error;
    if (m) return (typeof m === "string" ? m : JSON.stringify(m)).slice(0, 300);
  } catch {
    // not JSON: the raw text
  }
  return text.slice(0, 200).trim();
}

/**
 * GitLab's REST API v4 and GraphQL API with the fault handling every stream
 * needs: retries with exponential backoff and jitter on network errors and
 * 5xx; 429s waited out (`Retry-After`, else `RateLimit-Reset`); and, when
 * `RateLimit-Remaining` runs low, every request of the sync (all projects
 * share the client) waits for the window's reset. 401/403 are typed errors
 * naming the token's variable, never the token.
 */
export class GitlabClient {
  /** HTTP requests sent, retries included. */
  requests = 0;
  private pausedUntil = 0;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  constructor(private readonly options: GitlabClientOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
  }

  /** `GET /api/v4/<path>` with `query`, the body parsed with `schema` as a list. */
  async list<T>(
    path: string,
    query: Record<string, string | null | undefined>,
    schema: z.ZodType<T>,
  ): Promise<RestPage<T>> {
    const url = new URL(`${this.options.url}/api/v4/${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined) url.searchParams.set(k, v);
    const { body, headers } = await this.send(url, { method: "GET" });
    const items = this.parse(body, z.array(schema), url.pathname);
    const next = headers.get("x-next-page");
    const total = headers.get("x-total");
    return { items, nextPage: next ? next : null, total: total ? Number(total) : null };
  }

  /** `GET /api/v4/<path>`, one object. */
  async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(`${this.options.url}/api/v4/${path}`);
    const { body } = await this.send(url, { method: "GET" });
    return this.parse(body, schema, url.pathname);
  }

  /** A GraphQL document; `data` parsed with `schema`. Errors in the answer fail the request (the caller reports the project). */
  async graphql<T>(document: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(`${this.options.url}/api/graphql`);
    const { body } = await this.send(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document, variables }),
    });
    const answer = body as { data?: unknown; errors?: { message?: string }[] };
    if (answer.errors?.length)
      throw new UpstreamError(
        `GitLab GraphQL: ${this.scrub(answer.errors.map((e) => e.message ?? "error").join("; ")).slice(0, 300)}`,
        "client",
      );
    return this.parse(answer.data, schema, "/api/graphql");
  }

  private parse<T>(body: unknown, schema: z.ZodType<T>, where: string): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UpstreamError(
        `GitLab: unexpected answer from ${where} at ${issue.path.join(".") || "(body)"}: ${issue.message}`,
        "client",
      );
    }
    return parsed.data;
  }

  private async send(url: URL, init: RequestInit): Promise<{ body: unknown; headers: Headers }> {
    const { signal } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 5;
    const maxWaits = this.options.maxRateLimitWaits ?? 10;
    const where = url.pathname;
    let failures = 0;
    let waits = 0;
    for (;;) {
      signal?.throwIfAborted();
      const until = this.pausedUntil;
      if (until - this.now() > 0) {
        await this.wait(until - this.now(), "rate limit nearly spent: waiting for its reset");
        // That wait covered this reset; a later answer may ask for the next one.
        if (this.pausedUntil === until) this.pausedUntil = 0;
      }
      try {
        return await this.attempt(url, init, where);
      } catch (error) {
        if (!(error instanceof Retry)) throw error;
        if (error.kind === "rate_limit") {
          if (++waits > maxWaits)
            throw new UpstreamError(`GitLab kept rate-limiting ${where} after ${maxWaits} waits`, "rate_limit");
          await this.wait(error.waitMs ?? DEFAULT_RATE_WAIT_MS, error.message);
          continue;
        }
        if (++failures >= maxAttempts)
          throw new UpstreamError(`GitLab request failed ${failures} times, last: ${error.message}`, error.kind);
        const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
        await this.wait(
          backoff / 2 + (this.options.random ?? Math.random)() * (backoff / 2),
          `${error.message}: retrying`,
        );
      }
    }
  }

  private async attempt(url: URL, init: RequestInit, where: string): Promise<{ body: unknown; headers: Headers }> {
    const { signal } = this.options;
    this.requests++;
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: {
          accept: "application/json",
          "private-token": this.options.token,
          "user-agent": "altimeter",
          ...(init.headers as Record<string, string> | undefined),
        },
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), ...(signal ? [signal] : [])]),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new Retry(`cannot reach ${url.host} (${this.scrub((error as Error).message)})`, "network", null);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new Retry(`connection to ${url.host} dropped (${(error as Error).message})`, "network", null);
    }
    this.observe(response.headers);
    if (response.ok) {
      try {
        return { body: JSON.parse(text), headers: response.headers };
      } catch {
        throw new UpstreamError(`GitLab: ${where} did not answer JSON`, "client");
      }
    }
    const detail = this.scrub(errorDetail(text));
    if (response.status === 401 || response.status === 403)
      throw new UpstreamError(
        `GitLab: ${response.status} ${response.status === 401 ? "unauthorized" : "forbidden"} on ${where} (${detail || "no detail"}); check the token in $${this.options.tokenEnv} (a personal, group or project access token with the read_api scope)`,
        "auth",
      );
    if (response.status === 429) {
      const now = this.now();
      const reset = Number(response.headers.get("ratelimit-reset"));
      const wait =
        retryAfterMs(response.headers.get("retry-after"), now) ??
        (Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : null);
      throw new Retry(`rate limited on ${where}`, "rate_limit", wait);
    }
    if (response.status >= 500)
      throw new Retry(`${response.status} from ${where}${detail ? ` (${detail})` : ""}`, "server", null);
    if (response.status === 404)
      throw new UpstreamError(`GitLab: ${where} not found, or the token cannot read it`, "client");
    throw new UpstreamError(`GitLab: ${response.status} from ${where}${detail ? `: ${detail}` : ""}`, "client");
  }

  /** Pauses every request until the window resets when `RateLimit-Remaining` runs low. */
  private observe(headers: Headers): void {
    const remaining = headers.get("ratelimit-remaining");
    const reset = headers.get("ratelimit-reset");
    if (remaining === null || reset === null) return;
    if (Number(remaining) <= (this.options.lowRemaining ?? 5)) {
      const at = Number(reset) * 1000;
      if (Number.isFinite(at)) this.pausedUntil = Math.max(this.pausedUntil, at);
    }
  }

  private async wait(ms: number, reason: string): Promise<void> {
    const bounded = Math.min(Math.max(0, ms), MAX_WAIT_MS);
    this.options.onWait?.(bounded, reason);
    await this.sleep(bounded, this.options.signal);
  }

  /** The token never leaves in a message, whatever GitLab echoed back. */
  private scrub(text: string): string {
    return this.options.token ? text.split(this.options.token).join("[token]") : text;
  }
}
