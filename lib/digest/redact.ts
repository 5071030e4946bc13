/**
 * Removes secrets from a message before it is logged or recorded: the values
 * themselves, and for URLs with credentials their user-info part. Errors from
 * libraries sometimes echo what they were given.
 */
export function redact(message: string, secrets: readonly (string | null | undefined)[]): string {
  let out = message;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join("[redacted]");
    try {
      out = out.split(encodeURIComponent(secret)).join("[redacted]");
    } catch {
      // Not encodable: the literal replacement above is all there is.
    }
  }
  return out.replace(/\b(smtps?|https?):\/\/[^\s/@:]+:[^\s/@]+@/gi, "$1://[redacted]@");
}
