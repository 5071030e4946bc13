/** What the sign-in form shows after an attempt that did not go through. */
export interface SignInState {
  error: string | null;
  email: string;
}

/** Where to go after signing in: a path of this app only (never another site), default the workspace list. */
export function safeNext(next: string): string {
  return /^\/(?![/\\])/.test(next) && !next.startsWith("/sign-in") ? next : "/";
}
