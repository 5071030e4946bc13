import type { z } from "zod";
import { UpstreamError } from "@/lib/errors";
import { knownSecrets, redact } from "@/lib/redact";

/** How a REST collector talks to its service: name for messages, auth header, retry policy. */
export interface RestClient {
  /** e.g. "PagerDuty", used in every message. */
  service: string;
  headers: Record<string, string>;
  /** Where the token came from, so a 401 can say what to fix (never the token itself). */
  credentialHint: string;
  signal?: AbortSignal;
  /** Attempts per request, counting the first. */
  attempts?: number;
  /** First backoff delay; doubles each retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Requests made, for the sync summary. */
  requests: { count: number };
}

const TIMEOUT_MS = 30_000;

/** A failure worth another attempt, with the wait the server asked for. */
class RetryableError extends UpstreamError {
  constructor(
    message: string,
    kind: UpstreamError["kind"],
    readonly waitMs: number | null,
  ) {
    super(message, kind);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** Seconds or an HTTP date, as `Retry-After` may say; null when absent or unreadable. */
function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: string; errors?: string[] } | string; message?: string };
    const e = body.error;
    const message = typeof e === "string" ? e : e?.message ? [e.message, ...(e.errors ?? [])].join(": ") : body.message;
    if (message) return String(message).slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200).trim();
}

/**
 * The secrets a client sends: each header value whole and each of its parts
 * (`Token token=KEY`, `GenieKey KEY`), with every secret of the environment.
 */
function clientSecrets(client: RestClient): string[] {
  const values = Object.values(client.headers);
  const parts = values.flatMap((v) => v.split(/[\s=,;:]+/)).filter((p) => p.length >= 8);
  return [...new Set([...values, ...parts, ...knownSecrets()])].sort((a, b) => b.length - a.length);
}

/**
 * GETs `url` and parses the body with `schema` (every upstream payload is
 * checked before it is mapped). Retries network errors, 5xx and 429 with
 * exponential backoff and jitter, honouring `Retry-After`; fails at once, with
 * an UpstreamError saying what to fix, on 401/403 and other 4xx. Every
 * message is redacted of the client's credentials and the environment's secrets.
 */
export async function fetchJson<T>(client: RestClient, url: string, schema: z.ZodType<T>): Promise<T> {
  try {
    return await fetchJsonOnce(client, url, schema);
  } catch (error) {
    // An upstream (or a proxy before it) may echo the request, auth header included: no message carries a key.
    if (error instanceof UpstreamError)
      throw new UpstreamError(redact(error.message, clientSecrets(client)), error.kind);
    throw error;
  }
}

async function fetchJsonOnce<T>(client: RestClient, url: string, schema: z.ZodType<T>): Promise<T> {
  const attempts = client.attempts ?? 5;
  const base = client.baseDelayMs ?? 500;
  const max = client.maxDelayMs ?? 30_000;
  const where = new URL(url).pathname;
  let last: RetryableError | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const backoff = Math.min(max, base * 2 ** (attempt - 2));
      await sleep(
        last?.kind === "rate_limit" && last.waitMs !== null
          ? Math.min(max, last.waitMs)
          : backoff / 2 + Math.random() * (backoff / 2),
        client.signal,
      );
    }
    let response: Response;
    try {
      client.requests.count++;
      const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(client.signal ? [client.signal] : [])];
      response = await fetch(url, {
        headers: { accept: "application/json", ...client.headers },
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (client.signal?.aborted) throw error;
      last = new RetryableError(
        `${client.service}: cannot reach ${new URL(url).host} (${(error as Error).message})`,
        "network",
        null,
      );
      continue;
    }
    const text = await response.text();
    if (response.ok) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new UpstreamError(`${client.service}: ${where} did not answer JSON`, "client");
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new UpstreamError(
          `${client.service}: unexpected answer from ${where}: ${issue.path.join(".") || "(body)"}: ${issue.message}`,
          "client",
        );
      }
      return parsed.data;
    }
    const detail = errorDetail(text);
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamError(
        `${client.service}: ${response.status} ${response.status === 401 ? "unauthorized" : "forbidden"} (${detail || "no detail"}); check ${client.credentialHint}`,
        "auth",
      );
    }
    if (response.status === 429) {
      last = new RetryableError(
        `${client.service}: rate limited on ${where}`,
        "rate_limit",
        retryAfterMs(response.headers.get("retry-after")),
      );
      continue;
    }
    if (response.status >= 500) {
      last = new RetryableError(
        `${client.service}: ${response.status} from ${where}${detail ? ` (${detail})` : ""}`,
        "server",
        null,
      );
      continue;
    }
    throw new UpstreamError(
      `${client.service}: ${response.status} from ${where}${detail ? `: ${detail}` : ""}`,
      "client",
    );
  }
  throw new UpstreamError(`${last!.message}, after ${attempts} attempts`, last!.kind);
}
