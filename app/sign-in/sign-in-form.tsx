"use client";

import { useActionState } from "react";
import { signInWithPassword } from "./actions";
import type { SignInState } from "./state";

/** Email and password; the server answers with what went wrong, in words. */
export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, {
    error: null,
    email: "",
  });
  return (
    <form action={action} className="sign-in-form" aria-describedby={state.error ? "sign-in-problem" : undefined}>
      <input type="hidden" name="next" value={next} />
      {state.error && (
        <p id="sign-in-problem" className="notice notice-error" role="alert">
          {state.error}
        </p>
      )}
      <label className="field">
        <span>Email</span>
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email} />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
