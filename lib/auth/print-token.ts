import { createHmac, timingSafeEqual } from "node:crypto";

/** The request header a print token travels in (Chromium sends it with every request of the print). */
export const PRINT_TOKEN_HEADER = "x-altimeter-print";
const TTL_MS = 5 * 60_000;

const sign = (payload: string, secret: string) => createHmac("sha256", secret).update(payload).digest("base64url");

/**
 * A short-lived token that lets headless Chromium read one workspace's
 * report page and nothing else: `altimeter report` and the PDF route print
 * with it, so printing needs no password and gives no wider access.
 */
export function createPrintToken(workspace: string, secret: string, now = Date.now()): string {
  const payload = `print.${Buffer.from(workspace).toString("base64url")}.${now + TTL_MS}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** The workspace a print token is good for, or null when it is forged, malformed or expired. */
export function verifyPrintToken(token: string | null, secret: string, now = Date.now()): string | null {
  const parts = (token ?? "").split(".");
  if (parts.length !== 4 || parts[0] !== "print") return null;
  const payload = parts.slice(0, 3).join(".");
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(parts[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!(Number(parts[2]) > now)) return null;
  return Buffer.from(parts[1]!, "base64url").toString();
}
