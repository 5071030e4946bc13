import { setTimeout as delay } from "node:timers/promises";
import { graphql } from "@octokit/graphql";
import { z } from "zod";
import { UpstreamError } from "@/lib/errors";
import { classifyFault } from "./faults";

/** Waits `ms`, or rejects when `signal` aborts. Injected by tests so retries take no time. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The default sleep: a real timer that an abort cuts short. */
export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/** How the client reaches GitHub and how patient it is. */
export interface GithubClientOptions {
  /** The GraphQL endpoint: https://api.github.com/graphql, or https://HOST/api/graphql on GitHub Enterprise Server. */
  apiUrl: string;
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
  /** Below this many points left, the next request waits for the reset (default 50). */
  lowRemaining?: number;
  /** Told before every wait, so a terminal can say why nothing moves. */
  onWait?: (ms: number, reason: string) => void;
}

const RateLimitSchema = z.object({ cost: z.number(), remaining: z.number(), resetAt: z.string() });

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 30_000;
/** GitHub asks to wait at least a minute after a secondary rate limit that names no time. */
const SECONDARY_WAIT_MS = 60_000;
/** A primary limit resets within the hour; anything longer is a bad header, not a reason to hang. */
const MAX_WAIT_MS = 65 * 60_000;

/**
 * GraphQL requests to GitHub through @octokit/graphql, with the fault handling
 * every stream needs: retries with exponential backoff and jitter on network
 * errors and 5xx, waits on primary and secondary rate limits (retry-after,
 * x-ratelimit-reset, or `rateLimit.remaining` running low), and typed errors
 * for the rest. Counts requests made and rate-limit points spent.
 */
export class GithubClient {
  /** HTTP requests sent, retries included. */
  requests = 0;
  /** Sum of `rateLimit.cost` over the answers. */
  points = 0;
  private waitUntil = 0;
  private readonly request: typeof graphql;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  constructor(private readonly options: GithubClientOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.request = graphql.defaults({
      url: options.apiUrl,
      headers: { authorization: `bearer ${options.token}`, "user-agent": "altimeter" },
      request: { signal: options.signal },
    });
  }

  /** Runs one document and parses its data with `schema`; a payload that does not fit is an UpstreamError naming the path. */
  async query<T>(document: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const raw = await this.send(document, variables);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UpstreamError(
        `unexpected answer from GitHub at ${issue.path.join(".") || "(root)"}: ${issue.message}`,
        "client",
      );
    }
    return parsed.data;
  }

  private async send(document: string, variables: Record<string, unknown>): Promise<unknown> {
    const { signal } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 5;
    const maxWaits = this.options.maxRateLimitWaits ?? 10;
    let failures = 0;
    let waits = 0;
    for (;;) {
      signal?.throwIfAborted();
      if (this.waitUntil > 0) {
        const ms = this.waitUntil - this.now();
        this.waitUntil = 0;
        if (ms > 0) await this.wait(ms, "rate limit nearly spent: waiting for its reset");
      }
      this.requests++;
      try {
        const data = await this.request(document, variables);
        this.observe(data);
        return data;
      } catch (error) {
        if (typeof error === "object" && error !== null && "data" in error)
          this.observe((error as { data: unknown }).data);
        const fault = classifyFault(error, this.options.tokenEnv, this.now(), signal);
        if (fault.action === "abort") throw fault.error;
        if (fault.action === "fail") throw this.redact(fault.error);
        if (fault.action === "wait") {
          if (++waits > maxWaits)
            throw new UpstreamError(
              `GitHub kept rate-limiting after ${maxWaits} waits (${this.scrub(fault.reason)})`,
              "rate_limit",
            );
          await this.wait(
            fault.waitMs ?? SECONDARY_WAIT_MS * 2 ** Math.min(waits - 1, 4),
            `rate limited (${this.scrub(fault.reason)})`,
          );
          // That wait covered any reset the failed answer's rateLimit asked for.
          this.waitUntil = 0;
          continue;
        }
        if (++failures >= maxAttempts) {
          throw new UpstreamError(
            `GitHub request failed ${failures} times, last: ${this.scrub(fault.reason)}`,
            fault.kind,
          );
        }
        const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
        await this.wait(
          backoff / 2 + (this.options.random ?? Math.random)() * (backoff / 2),
          `${fault.kind} error (${this.scrub(fault.reason)}): retrying`,
        );
      }
    }
  }

  /** Counts the points an answer cost and, when few are left, makes the next request wait for the reset. */
  private observe(data: unknown): void {
    const parsed = RateLimitSchema.safeParse((data as { rateLimit?: unknown } | null)?.rateLimit);
    if (!parsed.success) return;
    this.points += parsed.data.cost;
    if (parsed.data.remaining < (this.options.lowRemaining ?? 50)) {
      const resetAt = Date.parse(parsed.data.resetAt);
      if (Number.isFinite(resetAt)) this.waitUntil = Math.max(this.waitUntil, resetAt + 1000);
    }
  }

  private async wait(ms: number, reason: string): Promise<void> {
    const bounded = Math.min(Math.max(0, ms), MAX_WAIT_MS);
    this.options.onWait?.(bounded, reason);
    await this.sleep(bounded, this.options.signal);
  }

  /** The token never leaves in a message, whatever GitHub echoed back. */
  private scrub(text: string): string {
    return this.options.token ? text.split(this.options.token).join("[token]") : text;
  }

  private redact(error: UpstreamError): UpstreamError {
    const message = this.scrub(error.message);
    return message === error.message ? error : new UpstreamError(message, error.kind);
  }
}
