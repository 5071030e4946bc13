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

/** Environment variables whose values are secrets by their names (tokens, keys, passwords, webhook and SMTP URLs). */
const SECRET_NAME = /(TOKEN|SECRET|KEY|PASSWORD|PASSWD|CREDENTIAL|AUTH|WEBHOOK_URL|SMTP_URL)/i;

/**
 * Every secret this process knows: the values of environment variables named
 * like secrets, and of any variable `names` lists (a config's `tokenEnv`s).
 * Values under 8 characters are left out, so ordinary words are never masked.
 */
export function knownSecrets(names: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(env))
    if (value && value.trim().length >= 8 && (SECRET_NAME.test(name) || names.includes(name))) out.add(value.trim());
  // Longest first, so a secret containing another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** `value` (any JSON-shaped summary) with every secret in its strings replaced by [redacted]. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown =>
    typeof v === "string"
      ? redact(v, secrets)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(value) as T;
}
