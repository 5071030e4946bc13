/**
 * The one way Altimeter fails on purpose. Each error maps once, at the edge,
 * to an HTTP status and `{ error: { code, message } }`, or to a CLI exit code.
 */
export class AltimeterError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input from the user: a bad date, a bad setting, a malformed file. */
export class ValidationError extends AltimeterError {
  constructor(message: string) {
    super(message, "invalid_input", 400);
  }
}

/**
 * A workspace, team or record that does not exist. `operatorDetail` (what
 * does exist, e.g. every workspace's slug) is for the operator's CLI only:
 * an HTTP answer never lists one client's neighbours to anyone who asks.
 */
export class NotFoundError extends AltimeterError {
  constructor(
    message: string,
    readonly operatorDetail?: string,
  ) {
    super(message, "not_found", 404);
  }
}

/** A request without valid credentials (a bad webhook signature, a wrong bearer token). */
export class UnauthorizedError extends AltimeterError {
  constructor(message: string) {
    super(message, "unauthorized", 401);
  }
}

/** A request body over the limit of its endpoint. */
export class PayloadTooLargeError extends AltimeterError {
  constructor(message: string) {
    super(message, "payload_too_large", 413);
  }
}

/** A source system (GitHub, PagerDuty, SMTP…) failed. `kind` says how, for retry decisions. */
export class UpstreamError extends AltimeterError {
  constructor(
    message: string,
    readonly kind: "network" | "server" | "rate_limit" | "auth" | "client",
  ) {
    super(message, `upstream_${kind}`, 502);
  }
}

/**
 * Something Altimeter needs is missing or not ready (Chromium for PDF reports,
 * the app's build), or the store is busy with a writer: `retryAfterSeconds`
 * says when trying again makes sense (the `Retry-After` of the 503).
 */
export class UnavailableError extends AltimeterError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, "unavailable", 503);
  }
}

/** More work queued than the server takes on (PDF prints): come back after `retryAfterSeconds`. */
export class TooManyRequestsError extends AltimeterError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, "too_many_requests", 429);
  }
}

/** The caller went away (the request was aborted), so the work it asked for was stopped. */
export class RequestAbortedError extends AltimeterError {
  constructor(message = "the request was aborted, so its work was stopped") {
    super(message, "aborted", 499);
  }
}

/** How long a caller refused for a busy store should wait before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * Whether `error` is the store saying another connection holds the lock it needs: SQLite's
 * SQLITE_BUSY or SQLITE_LOCKED (any variant); PostgreSQL's lock_not_available (55P03, the
 * app's lock wait ran out), deadlock_detected (40P01) or serialization_failure (40001),
 * after which the same request sent again succeeds.
 */
export function isBusyStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code) || /^(55P03|40P01|40001)$/.test(code));
}

/**
 * The typed error a known failure of a dependency stands for: a busy store is
 * an UnavailableError with a Retry-After (503), never an opaque 500.
 * Anything else is returned as it is.
 */
export function asKnownError(error: unknown): unknown {
  if (isBusyStoreError(error))
    return new UnavailableError(
      `the store is busy with another writer (an import or a sync): try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
      BUSY_RETRY_AFTER_SECONDS,
    );
  return error;
}

/** `{ error: { code, message } }` and a status for any thrown value; unknown errors stay opaque. */
export function toErrorBody(thrown: unknown): { status: number; body: { error: { code: string; message: string } } } {
  const error = asKnownError(thrown);
  if (error instanceof AltimeterError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "internal error" } } };
}

/** Someone who may read a workspace asked to do what their role does not allow (a viewer saving answers). */
export class ForbiddenError extends AltimeterError {
  constructor(message: string) {
    super(message, "forbidden", 403);
  }
}
