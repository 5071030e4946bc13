import { betterAuth } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins";
import { z } from "zod";
import { authDatabase } from "@/db/auth-adapter";
import type { Db } from "@/db/client";
import { audit, MIN_PASSWORD, recentFailedSignIns, spendSignInLink, type Principal } from "@/lib/service/access";
import { countAttempt, findUserById } from "@/lib/queries/access";
import { hostAllowed, type AuthSettings } from "./settings";
import { clientAddress } from "./throttle";

/** Failed password sign-ins for one email before it is refused for a while, whatever address they come from. */
export const SIGN_IN_FAILURES_ALLOWED = 5;
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60_000;
/** Password sign-in attempts from one address, right or wrong, per minute. */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 10;
export const SIGN_IN_ADDRESS_WINDOW_MS = 60_000;

/** Where the sign-in page is, and where a one-time link signs in. */
export const SIGN_IN_PATH = "/sign-in";
export const ONE_TIME_LINK_PATH = "/api/auth/one-time-link";

const system = (email: string): Principal => ({ kind: "user", userId: "", email, name: email, admin: false });

/** `/api/auth/one-time-link?token=…`: spends a one-time sign-in token and starts a session. */
const oneTimeLink = (db: Db) => ({
  id: "altimeter-one-time-link",
  endpoints: {
    oneTimeLink: createAuthEndpoint(
      "/one-time-link",
      { method: "GET", query: z.object({ token: z.string().min(1).max(200) }) },
      async (ctx) => {
        const user = await spendSignInLink(db, ctx.query.token);
        if (!user) throw ctx.redirect(`${SIGN_IN_PATH}?error=link`);
        const session = await ctx.context.internalAdapter.createSession(user.id);
        const full = await ctx.context.internalAdapter.findUserById(user.id);
        await setSessionCookie(ctx, { session, user: full! });
        throw ctx.redirect("/");
      },
    ),
  },
});

/**
 * The accounts and sessions of the app (better-auth over the app's own
 * store, through db/auth-adapter): email and password (scrypt), OpenID
 * Connect providers from the config file, database sessions that expire
 * and can be deleted, rate-limited sign-in, and every sign-in audited.
 * Nobody signs up: users are created by an admin (`altimeter users`).
 */
export function createAuth(db: Db, settings: AuthSettings) {
  const oidcIds = settings.oidc.map((p) => p.id);
  return betterAuth({
    appName: "Altimeter",
    baseURL: settings.publicUrl,
    basePath: "/api/auth",
    secret: settings.secret,
    telemetry: { enabled: false },
    database: authDatabase(db),
    user: { additionalFields: { admin: { type: "boolean", required: false, defaultValue: false, input: false } } },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD, maxPasswordLength: 128 },
    session: { expiresIn: settings.sessionSeconds, updateAge: Math.min(3600, settings.sessionSeconds / 4) },
    // A person an OIDC provider signs in reaches the user with their email. Nobody signs up here: an admin
    // made that user for that address, which vouches for it, so the local address needs no verification
    // (better-auth's default requires one, and no admin-made user would ever be reachable through OIDC).
    account: { accountLinking: { enabled: true, trustedProviders: oidcIds, requireLocalEmailVerified: false } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      // Password sign-in is limited per address in the before hook (for the page's server action too), not here.
      customRules: { "/sign-in/email": false, "/sign-in/social": { window: 60, max: 20 } },
    },
    // The proxy already refused any other Host, so the request's own origin is this app.
    trustedOrigins: (request) => {
      const origins = [new URL(settings.publicUrl).origin];
      const host = request?.headers.get("host") ?? null;
      if (host && hostAllowed(host, settings)) {
        const proto = request?.headers.get("x-forwarded-proto") === "https" ? "https" : "http";
        origins.push(`${proto}://${host}`);
      }
      return origins;
    },
    advanced: { cookiePrefix: "altimeter" },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        // Counted in the store, so instances behind a load balancer share one limit per address.
        const address = clientAddress(ctx.request?.headers ?? ctx.headers);
        if (
          (await countAttempt(db, `sign-in:${address}`, Date.now(), SIGN_IN_ADDRESS_WINDOW_MS)) >
          SIGN_IN_ATTEMPTS_PER_ADDRESS
        )
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `too many sign-in attempts from your address: wait ${SIGN_IN_ADDRESS_WINDOW_MS / 60_000} minute`,
          });
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase();
        if ((await recentFailedSignIns(db, email, SIGN_IN_FAILURE_WINDOW_MS)) >= SIGN_IN_FAILURES_ALLOWED)
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `too many failed sign-ins for ${email}: wait ${SIGN_IN_FAILURE_WINDOW_MS / 60_000} minutes`,
          });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        // An APIError, matched by shape (the library may be bundled more than once).
        const returned = ctx.context.returned as { statusCode?: unknown } | undefined;
        if (returned?.statusCode === 401) {
          const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase();
          await audit(db, system(email), null, "sign-in.failed", email);
        }
      }),
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            const user = await findUserById(db, session.userId);
            if (user) await audit(db, system(user.email), null, "sign-in", user.email);
          },
        },
      },
    },
    plugins: [
      ...(settings.oidc.length
        ? [
            genericOAuth({
              config: settings.oidc.map((p) => ({
                providerId: p.id,
                clientId: p.clientId,
                clientSecret: p.clientSecret,
                discoveryUrl: `${p.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
                scopes: ["openid", "email", "profile"],
                pkce: true,
                disableImplicitSignUp: !p.allowSignUp,
                disableSignUp: !p.allowSignUp,
              })),
            }),
          ]
        : []),
      oneTimeLink(db),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
