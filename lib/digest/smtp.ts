import { readEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";

/** Where and how to send mail, from the environment (never from the config file or the database). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (smtps, port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  /** The From address; the config's `digest.email.from` wins over it. */
  from: string | null;
  /** Values to keep out of logs and recorded errors. */
  secrets: string[];
}

const HOW =
  "set ALTIMETER_SMTP_URL=smtp://HOST:587 (with USER:PASSWORD@ before the host for a login; smtps:// for port 465), or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASSWORD and SMTP_FROM";

function port(text: string, name: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535)
    throw new ValidationError(`${name} must be a port number (1–65535), got ${JSON.stringify(text)}`);
  return n;
}

/** The SMTP settings of the environment; missing or malformed ones are a ValidationError saying what to set. */
export function smtpSettings(source: Record<string, string | undefined> = process.env): SmtpSettings {
  const env = readEnv(source as NodeJS.ProcessEnv);
  if (env.ALTIMETER_SMTP_URL) {
    let url: URL;
    try {
      url = new URL(env.ALTIMETER_SMTP_URL);
    } catch {
      throw new ValidationError(`ALTIMETER_SMTP_URL is not a URL: ${HOW}`);
    }
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
      throw new ValidationError(`ALTIMETER_SMTP_URL must start with smtp:// or smtps://: ${HOW}`);
    const secure = url.protocol === "smtps:";
    const user = decodeURIComponent(url.username),
      pass = decodeURIComponent(url.password);
    return {
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port ? port(url.port, "the port of ALTIMETER_SMTP_URL") : secure ? 465 : 587,
      secure,
      auth: user ? { user, pass } : null,
      from: env.SMTP_FROM ?? null,
      secrets: [pass, env.ALTIMETER_SMTP_URL].filter(Boolean),
    };
  }
  if (!env.SMTP_HOST) throw new ValidationError(`no SMTP server to send the digest with: ${HOW}`);
  const p = env.SMTP_PORT ? port(env.SMTP_PORT, "SMTP_PORT") : 587;
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD))
    throw new ValidationError("set both SMTP_USER and SMTP_PASSWORD, or neither (a server without authentication)");
  return {
    host: env.SMTP_HOST,
    port: p,
    secure: p === 465,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD! } : null,
    from: env.SMTP_FROM ?? null,
    secrets: [env.SMTP_PASSWORD].filter((s): s is string => Boolean(s)),
  };
}
