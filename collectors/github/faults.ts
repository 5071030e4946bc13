import { UpstreamError } from "@/lib/errors";

/** What to do about a failed request: wait and try again, or give up with a typed error. */
export type Fault =
  | { action: "retry"; kind: "server" | "network"; reason: string }
  | {
      action: "wait";
      kind: "rate_limit";
      reason: string /** milliseconds; null when GitHub did not say */;
      waitMs: number | null;
    }
  | { action: "fail"; error: UpstreamError }
  | { action: "abort"; error: unknown };

interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | undefined>; data?: unknown };
}

interface GraphqlFailure {
  errors: { type?: string; message: string }[];
  headers?: Record<string, string | undefined>;
  data?: { rateLimit?: { resetAt?: string } | null } | null;
}

const isHttpFailure = (e: unknown): e is HttpFailure =>
  typeof e === "object" && e !== null && typeof (e as HttpFailure).status === "number";
const isGraphqlFailure = (e: unknown): e is GraphqlFailure =>
  typeof e === "object" && e !== null && Array.isArray((e as GraphqlFailure).errors);

const scopes = (header: string | undefined): string[] =>
  (header ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function bodyMessage(failure: HttpFailure): string {
  const data = failure.response?.data;
  if (typeof data === "object" && data !== null && typeof (data as { message?: unknown }).message === "string")
    return (data as { message: string }).message;
  return typeof data === "string" && data.length < 200 ? data : failure.message.split(" - ")[0]!;
}

/** Milliseconds until an epoch-seconds `x-ratelimit-reset`, or an RFC 3339 `resetAt`. */
function untilReset(reset: string | undefined, now: number): number | null {
  if (!reset) return null;
  const at = /^\d+$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
  return Number.isFinite(at) ? Math.max(0, at - now) + 1000 : null;
}

/** 401 and 403: which token, and for a missing scope, which scope (X-Accepted-OAuth-Scopes minus X-OAuth-Scopes). */
function authFailure(failure: HttpFailure, tokenEnv: string): UpstreamError {
  const message = bodyMessage(failure);
  if (failure.status === 401) {
    return new UpstreamError(
      `GitHub rejected the token in ${tokenEnv} (401 ${message}): it is wrong, expired or revoked`,
      "auth",
    );
  }
  const headers = failure.response?.headers ?? {};
  const granted = scopes(headers["x-oauth-scopes"]);
  const missing = scopes(headers["x-accepted-oauth-scopes"]).filter((s) => !granted.includes(s));
  if (missing.length > 0) {
    const has = granted.length ? granted.join(", ") : "none";
    return new UpstreamError(
      `the token in ${tokenEnv} lacks the scope ${missing.join(" or ")} (it has: ${has}); GitHub said 403 ${message}`,
      "auth",
    );
  }
  return new UpstreamError(`GitHub refused the token in ${tokenEnv} access (403 ${message})`, "auth");
}

function httpFault(failure: HttpFailure, tokenEnv: string, now: number): Fault {
  const { status } = failure;
  const headers = failure.response?.headers ?? {};
  if (!failure.response) return { action: "retry", kind: "network", reason: failure.message };
  if (status >= 500) return { action: "retry", kind: "server", reason: `${status} ${bodyMessage(failure)}` };
  if (status === 401) return { action: "fail", error: authFailure(failure, tokenEnv) };
  if (status === 403 || status === 429) {
    const message = bodyMessage(failure);
    const retryAfter = headers["retry-after"];
    if (retryAfter && /^\d+$/.test(retryAfter.trim()))
      return { action: "wait", kind: "rate_limit", reason: `${status} ${message}`, waitMs: Number(retryAfter) * 1000 };
    if (headers["x-ratelimit-remaining"] === "0")
      return {
        action: "wait",
        kind: "rate_limit",
        reason: `${status} ${message}`,
        waitMs: untilReset(headers["x-ratelimit-reset"], now),
      };
    if (status === 429 || /secondary rate limit|abuse|rate limit/i.test(message))
      return { action: "wait", kind: "rate_limit", reason: `${status} ${message}`, waitMs: null };
    return { action: "fail", error: authFailure(failure, tokenEnv) };
  }
  return { action: "fail", error: new UpstreamError(`GitHub answered ${status} ${bodyMessage(failure)}`, "client") };
}

function graphqlFault(failure: GraphqlFailure, tokenEnv: string, now: number): Fault {
  const messages = failure.errors.map((e) => e.message).join("; ");
  if (failure.errors.some((e) => e.type === "RATE_LIMITED")) {
    return {
      action: "wait",
      kind: "rate_limit",
      reason: messages,
      waitMs: untilReset(failure.data?.rateLimit?.resetAt ?? failure.headers?.["x-ratelimit-reset"], now),
    };
  }
  if (failure.errors.some((e) => e.type === "INSUFFICIENT_SCOPES")) {
    const granted = scopes(failure.headers?.["x-oauth-scopes"]);
    return {
      action: "fail",
      error: new UpstreamError(
        `the token in ${tokenEnv} lacks a scope: ${messages} (it has: ${granted.join(", ") || "none"})`,
        "auth",
      ),
    };
  }
  // GitHub reports its own timeouts as errors of a 200 response; they pass like a 502.
  if (failure.errors.every((e) => /timeout|timed out|something went wrong/i.test(e.message)))
    return { action: "retry", kind: "server", reason: messages };
  return { action: "fail", error: new UpstreamError(`GitHub: ${messages}`, "client") };
}

/**
 * Decides what a failed request means. Only network errors, 5xx and rate
 * limits are retried; 401 and 403 fail at once with a message naming the
 * token's variable (never the token) and, when GitHub says so, the missing scope.
 */
export function classifyFault(error: unknown, tokenEnv: string, now: number, signal?: AbortSignal): Fault {
  if (signal?.aborted || (error instanceof Error && error.name === "AbortError"))
    return { action: "abort", error: signal?.reason ?? error };
  if (error instanceof UpstreamError) return { action: "fail", error };
  if (isGraphqlFailure(error)) return graphqlFault(error, tokenEnv, now);
  if (isHttpFailure(error)) return httpFault(error, tokenEnv, now);
  const reason = error instanceof Error ? error.message : String(error);
  return { action: "retry", kind: "network", reason };
}
