"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { appAuth } from "@/lib/auth/instance";
import { safeNext, type SignInState } from "./state";

/** Signs in with email and password (better-auth: scrypt hashes, rate limits, failed attempts audited), then goes where the person was headed. */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const next = safeNext(String(form.get("next") ?? ""));
  if (email === "" || password === "") return { error: "Enter your email address and password.", email };
  try {
    await (await appAuth()).auth.api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch (error) {
    // better-auth's APIError (matched by shape: the library may be bundled more than once).
    const refusal = error as { statusCode?: unknown; body?: { message?: string } } | null;
    if (typeof refusal?.statusCode !== "number") throw error;
    if (refusal.statusCode === 429)
      return { error: `Too many attempts: ${refusal.body?.message ?? "wait a few minutes and try again"}.`, email };
    return { error: "Wrong email address or password.", email };
  }
  redirect(next);
}

/** Starts an OpenID Connect sign-in with a configured provider: off to the provider, back to /api/auth/callback/ID. */
export async function signInWithProvider(form: FormData): Promise<void> {
  const providerId = String(form.get("provider") ?? "");
  const next = safeNext(String(form.get("next") ?? ""));
  const { auth, settings } = await appAuth();
  if (!settings.oidc.some((p) => p.id === providerId)) redirect("/sign-in?error=provider");
  const answer = await auth.api.signInSocial({
    body: { provider: providerId, callbackURL: next, errorCallbackURL: "/sign-in?error=oidc" },
    headers: await headers(),
  });
  if (!answer.url) redirect("/sign-in?error=oidc");
  redirect(answer.url);
}

/** Ends this browser's session (the row is deleted, so the cookie is worthless even if copied). */
export async function signOut(): Promise<void> {
  await (await appAuth()).auth.api.signOut({ headers: await headers() }).catch(() => undefined);
  redirect("/sign-in");
}
