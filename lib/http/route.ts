import { AltimeterError, asKnownError, toErrorBody } from "@/lib/errors";

/** What a route handler gets: the request, its URL, and its dynamic segments decoded. */
export interface RouteContext<P extends Record<string, string>> {
  request: Request;
  url: URL;
  params: P;
}

/** The second argument Next passes a route handler. */
interface NextRouteArgs {
  params?: Promise<Record<string, string | string[]>>;
}

/** A dynamic segment as written in the address, decoded when it is percent-encoded (a bad escape is kept as typed). */
function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The status and headers an error is answered with, the same for every route:
 * a 401 names its scheme, and an error that says when to come back (a busy
 * store, a full print queue) carries `Retry-After`.
 */
export function errorResponse(thrown: unknown): Response {
  const error = asKnownError(thrown);
  const { status, body } = toErrorBody(error);
  // An expected error was already worded for the caller; only the unexpected is worth a log line.
  if (!(error instanceof AltimeterError) || status >= 500) console.error(error);
  const headers = new Headers({ "cache-control": "no-store" });
  if (status === 401) headers.set("www-authenticate", "Bearer");
  const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof retryAfter === "number" && retryAfter > 0) headers.set("retry-after", String(Math.ceil(retryAfter)));
  return Response.json(body, { status, headers });
}

/**
 * The one shape of a route handler (dub's `withWorkspace`, umami's
 * `parseRequest`): decodes the segments, runs `authorise` before anything is
 * read or computed, then the handler, and maps any thrown error once, with
 * {@link errorResponse}. Handlers throw typed errors from lib/errors.ts and
 * never build an error response themselves.
 */
export function route<P extends Record<string, string> = Record<string, never>>(
  handler: (ctx: RouteContext<P>) => Promise<Response>,
  options: { authorise?: (ctx: RouteContext<P>) => Promise<void> | void } = {},
): (request: Request, args?: NextRouteArgs) => Promise<Response> {
  return async (request, args) => {
    try {
      const raw = (await args?.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, decodeSegment(Array.isArray(v) ? v.join("/") : v)]),
      ) as P;
      const ctx: RouteContext<P> = { request, url: new URL(request.url), params };
      await options.authorise?.(ctx);
      return await handler(ctx);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
