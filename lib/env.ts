import { z } from "zod";

/** Where the database lives when nothing says otherwise (spec/cli.md). */
export const DEFAULT_DB_PATH = "./data/altimeter.db";

const EnvSchema = z.object({
  /** The SQLite file; unset or empty means ./data/altimeter.db. `--db` wins over it. */
  ALTIMETER_DB: z
    .string()
    .optional()
    .transform((v) => v || DEFAULT_DB_PATH),
  /** A PostgreSQL connection string (postgres://user:pass@host:5432/db): selects the PostgreSQL store over ALTIMETER_DB. */
  ALTIMETER_DATABASE_URL: z.string().optional(),
  /** The drizzle migrations folder, when Altimeter runs from outside its checkout. */
  ALTIMETER_MIGRATIONS: z.string().min(1).optional(),
  /** Any non-empty value: the CLI prints the stack of an unexpected error (read by debugRequested). */
  ALTIMETER_DEBUG: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The collectors' config file (collectors/CONFIG.md); `--config` wins over it. */
  ALTIMETER_CONFIG: z.string().min(1).optional(),
  /** The GitHub collector's token (scopes repo, read:org); a `github` source's `tokenEnv` may name another variable. */
  GITHUB_TOKEN: z.string().optional(),
  /** Where the dashboard is reachable by people: digest links and `altimeter report` reuse it (lib/report). Checked where used. */
  ALTIMETER_PUBLIC_URL: z.string().optional(),
  /** The name on a report's cover, over the config's report.preparedBy; `altimeter report --prepared-by` sets it for the app it starts. */
  ALTIMETER_REPORT_PREPARED_BY: z.string().optional(),
  /** Signs session cookies and print tokens (32+ characters); else a random one kept in `auth-secret` beside the database. */
  ALTIMETER_AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** Comma-separated extra host names the app answers to (DNS rebinding defence; the public URL's host and loopback always count). */
  ALTIMETER_ALLOWED_HOSTS: z.string().optional(),
  /** The interface `altimeter serve` listens on (default 127.0.0.1); `--host` wins. */
  HOST: z.string().optional(),
  /** First start: the instance admin to create when there are no users (with ALTIMETER_ADMIN_PASSWORD, 12+ characters). */
  ALTIMETER_ADMIN_EMAIL: z.string().optional(),
  ALTIMETER_ADMIN_PASSWORD: z.string().optional(),
  /** The Chromium or Chrome that prints PDF reports; found on the PATH when unset. */
  ALTIMETER_CHROMIUM: z.string().optional(),
  /** Digest email over SMTP: one URL (smtp://user:pass@host:587), or the SMTP_* parts. Checked by lib/digest/smtp.ts. */
  ALTIMETER_SMTP_URL: z.string().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.string().optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().optional(),
});

/** The environment Altimeter reads, parsed once; the only module that touches process.env for settings. */
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; a bad value names the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * A secret (token, API key, webhook secret) from the environment variable the
 * config file names. Null when unset or empty. Callers name the variable, never
 * the value, in messages: secrets stay out of logs, errors and the database.
 */
export function readSecret(name: string, source: NodeJS.ProcessEnv = process.env): string | null {
  const value = source[name];
  return value === undefined || value.trim() === "" ? null : value;
}

/** Whether ALTIMETER_DEBUG asks for stacks; read alone, so a bad value elsewhere cannot hide the error being reported. */
export function debugRequested(source: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(source.ALTIMETER_DEBUG);
}
