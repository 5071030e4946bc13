/**
 * What a management form shows after its action ran: nothing yet, what was
 * done (with a secret to show once, such as a new API token or a sign-in
 * link, never stored anywhere but this answer), or what went wrong.
 */
export interface ActionState {
  status: "idle" | "done" | "error";
  message: string;
  /** Shown once, with a copy hint; gone on the next action or page load. */
  secret?: string;
  /** Counts answers, so the same message twice is announced twice. */
  attempt: number;
}

export const IDLE: ActionState = { status: "idle", message: "", attempt: 0 };
