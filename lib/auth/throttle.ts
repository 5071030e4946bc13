/**
 * The client address of a request as the nearest hop saw it: the last entry
 * of X-Forwarded-For (a reverse proxy appends the address it was reached
 * from; Next.js sets the socket's address when the header is absent).
 */
export function clientAddress(headers: Headers | null | undefined): string {
  const forwarded = headers?.get("x-forwarded-for") ?? "";
  const last = forwarded.split(",").at(-1)?.trim() ?? "";
  return (last || "unknown").toLowerCase().replace(/^::ffff:/, "");
}
