import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findConfigFile, loadConfig, type AuthConfig, type OidcProviderConfig } from "@/collectors/config";
import { resolveDbPath, storeDirectory } from "@/db/client";
import { readEnv, readSecret } from "@/lib/env";
import { ValidationError } from "@/lib/errors";

/** An OIDC provider ready to use: its client secret read from the environment. */
export interface OidcProvider extends OidcProviderConfig {
  clientSecret: string;
}

/** Everything accounts and sessions need, from the environment and the config file. */
export interface AuthSettings {
  /** The app's address as people reach it, without a trailing slash. */
  publicUrl: string;
  /** Whether ALTIMETER_PUBLIC_URL or the config's publicUrl set it (an exposed server requires it). */
  publicUrlExplicit: boolean;
  /** Host names (lower case, without port) the app answers to besides loopback. */
  allowedHosts: string[];
  oidc: OidcProvider[];
  sessionSeconds: number;
  secret: string;
}

const DEFAULT_SESSION_HOURS = 24 * 7;

/**
 * The secret that signs session cookies and print tokens: ALTIMETER_AUTH_SECRET,
 * else a random one generated once and kept (mode 0600) in `auth-secret`
 * beside the database, so a first start needs no setup. Never in the database.
 */
export function authSecret(dbPath = resolveDbPath()): string {
  const fromEnv = readEnv().ALTIMETER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (dbPath === ":memory:") {
    holder.__altimeterEphemeralSecret ??= randomBytes(32).toString("base64url");
    return holder.__altimeterEphemeralSecret;
  }
  const directory = storeDirectory(dbPath);
  if (directory === null)
    throw new Error(
      "ALTIMETER_AUTH_SECRET is required with a PostgreSQL store: every app instance must sign sessions with the same secret (32+ characters, e.g. `openssl rand -base64 32`)",
    );
  const file = path.join(directory, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process wrote it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

const holder = globalThis as typeof globalThis & { __altimeterEphemeralSecret?: string };

function authConfig(): { auth: AuthConfig | null; publicUrl: string | null } {
  if (!findConfigFile()) return { auth: null, publicUrl: null };
  const { config } = loadConfig();
  return { auth: config.auth ?? null, publicUrl: config.publicUrl ?? null };
}

/** A host name as compared: lower case, no port, no brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]"));
  return h.replace(/:\d+$/, "");
}

/** Reads the settings; a missing OIDC secret names its variable. */
export function readAuthSettings(dbPath = resolveDbPath()): AuthSettings {
  const env = readEnv();
  const { auth, publicUrl: configured } = authConfig();
  const explicit = env.ALTIMETER_PUBLIC_URL || configured || null;
  const publicUrl = (explicit ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  let publicHost: string;
  try {
    publicHost = new URL(publicUrl).hostname;
  } catch {
    throw new ValidationError(
      `ALTIMETER_PUBLIC_URL must be the dashboard's http(s) address, got ${JSON.stringify(publicUrl)}`,
    );
  }
  const oidc = (auth?.oidc ?? []).map((p) => {
    const clientSecret = readSecret(p.clientSecretEnv);
    if (!clientSecret)
      throw new ValidationError(
        `auth.oidc "${p.id}": set the client secret in the environment variable ${p.clientSecretEnv}`,
      );
    return { ...p, clientSecret };
  });
  const extra = (env.ALTIMETER_ALLOWED_HOSTS ?? "").split(",").filter((h) => h.trim() !== "");
  return {
    publicUrl,
    publicUrlExplicit: explicit !== null,
    allowedHosts: [...new Set([publicHost, ...extra, ...(auth?.allowedHosts ?? [])].map(hostName))],
    oidc,
    sessionSeconds: Math.round((auth?.sessionHours ?? DEFAULT_SESSION_HOURS) * 3600),
    secret: authSecret(dbPath),
  };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1"]);

/** Whether a host name is this machine's loopback. */
export function isLoopback(host: string): boolean {
  const h = hostName(host);
  return LOOPBACK.has(h) || h.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Whether a request's Host header names this app: loopback, the public
 * URL's host or an allowed host. A DNS-rebinding page reaches the server
 * under its own name, which is none of these, so it is refused before
 * anything runs (and a matching Origin cannot fool the origin checks).
 */
export function hostAllowed(host: string | null, settings: Pick<AuthSettings, "allowedHosts">): boolean {
  if (!host) return false;
  return isLoopback(host) || settings.allowedHosts.includes(hostName(host));
}
