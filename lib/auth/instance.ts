import { openDatabase, resolveDbPath, type Db } from "@/db/client";
import { tokenPrincipal, type Principal } from "@/lib/service/access";
import { createAuth, type Auth } from "./auth";
import { PRINT_TOKEN_HEADER, verifyPrintToken } from "./print-token";
import { readAuthSettings, type AuthSettings } from "./settings";

// On globalThis: the proxy and the app's routes are bundled apart but run in
// one process, and share the database connection (app/_lib/db.ts getDb is appDb).
const holder = globalThis as typeof globalThis & {
  __altimeterDb?: Promise<Db>;
  __altimeterAuth?: Promise<{ auth: Auth; settings: AuthSettings }>;
};

/**
 * How long a request waits for another writer's lock before its answer is 503 (lib/errors.ts
 * asKnownError). better-sqlite3 waits synchronously, stalling every request meanwhile; writers
 * commit in batches of tens of milliseconds, so a second is plenty. (PostgreSQL stalls nothing
 * while it waits and waits longer: db/postgres.ts MIN_LOCK_WAIT_MS.)
 */
export const APP_BUSY_TIMEOUT_MS = 1_000;

/**
 * The app's database, opened once per process (app/_lib/db.ts `getDb` is this one too). On
 * globalThis rather than in a module variable: the proxy and the routes are bundled apart, and
 * `next dev` re-evaluates modules on every edit; each would otherwise open (and migrate) another
 * connection.
 */
export function appDb(): Promise<Db> {
  holder.__altimeterDb ??= openDatabase(resolveDbPath(), { busyTimeoutMs: APP_BUSY_TIMEOUT_MS });
  return holder.__altimeterDb;
}

/** The process-wide accounts and sessions, configured once from the environment and the config file. */
export function appAuth(): Promise<{ auth: Auth; settings: AuthSettings }> {
  holder.__altimeterAuth ??= appDb().then((db) => {
    const settings = readAuthSettings();
    return { auth: createAuth(db, settings), settings };
  });
  return holder.__altimeterAuth;
}

/**
 * Who sent a request: a signed-in session (cookie), else an API token
 * (`Authorization: Bearer alt_…`), else a print token; null for anonymous.
 * Read from the database on every request, so a revoked session or token
 * stops at once.
 */
export async function principalOf(headers: Headers): Promise<Principal | null> {
  const { auth, settings } = await appAuth();
  const print = headers.get(PRINT_TOKEN_HEADER);
  if (print) {
    const workspace = verifyPrintToken(print, settings.secret);
    return workspace ? { kind: "print", workspace } : null;
  }
  const bearer = await tokenPrincipal(await appDb(), headers.get("authorization"));
  if (bearer) return bearer;
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { admin?: boolean | null };
  return { kind: "user", userId: user.id, email: user.email, name: user.name, admin: user.admin === true };
}
