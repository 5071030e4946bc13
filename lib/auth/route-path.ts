/**
 * The request header the proxy sets to the path a request was sent to
 * (replacing anything a client sent), so a server action knows the address
 * it was posted to: its workspace comes from there, never from the form.
 */
export const ROUTE_PATH_HEADER = "x-altimeter-route-path";

/** The workspace slug of a `/w/SLUG/…` path, decoded; null for any other path. */
export function workspaceOfPath(path: string | null): string | null {
  const m = /^\/w\/([^/]+)(?:\/|$)/.exec(path ?? "");
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}
