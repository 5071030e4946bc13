import type { Metadata } from "next";
import { connection } from "next/server";
import { appAuth } from "@/lib/auth/instance";
import { single, type SearchParams } from "../w/[workspace]/search-params";
import { signInWithProvider } from "./actions";
import { SignInForm } from "./sign-in-form";
import { safeNext } from "./state";

export const metadata: Metadata = { title: "Sign in" };

const PROBLEMS: Record<string, string> = {
  link: "That sign-in link was already used or has expired. Ask an admin for a new one (altimeter users link EMAIL).",
  oidc: "The sign-in provider did not sign you in. If you have no account here yet, ask an admin to add your email address.",
  provider: "That sign-in provider is not configured.",
};

/** Sign in: email and password, and a button per OpenID Connect provider of the config file. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const query = await searchParams;
  const next = safeNext(single(query.next) ?? "/");
  const problem = PROBLEMS[single(query.error) ?? ""];
  const providers = (await appAuth()).settings.oidc;
  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <SignInForm next={next} />
      {providers.length > 0 && (
        <div className="sign-in-providers">
          <p className="muted">or</p>
          {providers.map((p) => (
            <form key={p.id} action={signInWithProvider}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" className="button button-quiet">
                Sign in with {p.name}
              </button>
            </form>
          ))}
        </div>
      )}
    </section>
  );
}
