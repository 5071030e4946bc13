/**
 * Addresses Next.js cannot route: a path whose percent-encoding does not
 * decode to UTF-8 (`/w/%ff%fe`) makes Next's own parameter decoding throw, a
 * bare 500 before any page runs. The proxy answers them first with
 * {@link badAddressResponse}.
 */

/** Whether the raw (still percent-encoded) path holds an escape that does not decode, e.g. `%ff` or `%zz`. */
export function undecodablePath(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return false;
  } catch {
    return true;
  }
}

/** The raw path of a request URL, percent-escapes kept as sent (`NextURL` mangles undecodable ones). */
export function rawPath(url: string): string {
  return new URL(url).pathname;
}

const REASON =
  "The address holds percent-escapes that do not decode to UTF-8 text, so it names no page. Check the link.";

/**
 * 400 for an undecodable address: JSON under /api, a short page elsewhere.
 * Nothing of the address is echoed back.
 */
export function badAddressResponse(apiPath: boolean): Response {
  const headers = { "cache-control": "no-store" };
  if (apiPath) return Response.json({ error: { code: "bad_request", message: REASON } }, { status: 400, headers });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad address · Altimeter</title></head><body><h1>Bad address</h1><p>${REASON}</p><p><a href="/">Go to the list of workspaces</a></p></body></html>\n`;
  return new Response(page, { status: 400, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
}
