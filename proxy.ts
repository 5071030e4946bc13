import { NextResponse, type NextRequest } from "next/server";
import { appAuth, principalOf } from "@/lib/auth/instance";
import { ROUTE_PATH_HEADER } from "@/lib/auth/route-path";
import { hostAllowed } from "@/lib/auth/settings";
import { badAddressResponse, rawPath, undecodablePath } from "@/lib/http/address";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";

/**
 * In front of every request (Next.js proxy, Node.js runtime):
 *
 * 1. The Host header must name this app (loopback, the public URL's host or
 *    an allowed host): a DNS-rebinding page arrives under its own name and
 *    is refused here, before any origin check could be satisfied by a
 *    matching Origin.
 * 2. A path whose percent-escapes do not decode (`/w/%ff%fe`) is a 400
 *    here, for anyone: Next's own decoding would otherwise fail with a 500.
 * 3. Everything but the sign-in page, the auth endpoints and the inbound APIs
 *    (which check their own token or signature) needs a principal: a
 *    session, an API token (only for /api/v1) or a print token (only for one
 *    workspace's report page). Anonymous pages redirect to sign-in; anything
 *    else answers 401.
 *
 * Every answer carries a Content-Security-Policy whose script-src allows only
 * this request's nonce (lib/http/csp.ts); the nonce is forwarded in the
 * request's CSP header, where Next finds it and puts it on its scripts.
 *
 * Which workspaces the principal may see is decided by the pages and route
 * handlers themselves (app/_lib/lookups.ts, lib/http/route.ts), so that no
 * access and no such workspace give the same 404.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  // A fresh nonce per request: Next reads it from the forwarded CSP header and puts it on its scripts.
  const csp = contentSecurityPolicy(newNonce());
  const answer = await decide(request, csp);
  answer.headers.set("content-security-policy", csp);
  return answer;
}

/** Forwards the request (its CSP header set, for Next to find the nonce) with `set` applied to its headers. */
function pass(request: NextRequest, csp: string, set: (headers: Headers) => void): NextResponse {
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", csp);
  set(forwarded);
  return NextResponse.next({ request: { headers: forwarded } });
}

async function decide(request: NextRequest, csp: string): Promise<Response> {
  const { settings } = await appAuth();
  if (!hostAllowed(request.headers.get("host"), settings))
    return new NextResponse(
      "This server does not answer to that host name. Open it at its configured address (ALTIMETER_PUBLIC_URL) or add the name to ALTIMETER_ALLOWED_HOSTS.\n",
      { status: 421, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } },
    );
  const raw = rawPath(request.url);
  if (undecodablePath(raw)) return badAddressResponse(raw.startsWith("/api/"));
  const path = request.nextUrl.pathname;
  if (isPublic(path)) return pass(request, csp, (headers) => headers.delete(ROUTE_PATH_HEADER));
  const principal = await principalOf(request.headers);
  const allowed =
    principal !== null &&
    (principal.kind === "user" ||
      (principal.kind === "token" && path.startsWith("/api/v1/")) ||
      (principal.kind === "print" &&
        request.method === "GET" &&
        path === `/w/${encodeURIComponent(principal.workspace)}/report`));
  // Server actions read their workspace from the address they were posted to, never from the form.
  if (allowed) return pass(request, csp, (headers) => headers.set(ROUTE_PATH_HEADER, path));
  if (
    request.method === "GET" &&
    !path.startsWith("/api/") &&
    !/\.(pdf|csv)$|\/csv$/.test(path) &&
    !request.headers.has("next-action")
  ) {
    const target = new URL("/sign-in", request.url);
    const back = path + request.nextUrl.search;
    if (back !== "/") target.searchParams.set("next", back);
    return NextResponse.redirect(target, 307);
  }
  return NextResponse.json(
    { error: { code: "unauthorized", message: "sign in, or send a valid API token (Authorization: Bearer …)" } },
    { status: 401, headers: { "www-authenticate": "Bearer", "cache-control": "no-store" } },
  );
}

/** Paths anyone may reach: signing in, and the inbound APIs that authenticate each request themselves. */
function isPublic(path: string): boolean {
  return (
    path === "/sign-in" || path.startsWith("/api/auth/") || path === "/api/events" || path.startsWith("/api/webhooks/")
  );
}

export const config = {
  // Static build files carry no data; everything else passes through the proxy.
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"],
};
