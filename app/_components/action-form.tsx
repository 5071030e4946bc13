"use client";

import { useActionState, type ReactNode } from "react";
import { IDLE, type ActionState } from "@/app/_lib/form-state";

/**
 * A small management form over a server action: disabled while it runs, then
 * what was done or what went wrong, in words, and a secret (a new API token,
 * a sign-in link) shown once with the advice to copy it now.
 */
export function ActionForm({
  action,
  submit,
  pending: pendingLabel,
  children,
  className,
  row = false,
  label,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  submit: string;
  pending: string;
  children?: ReactNode;
  className?: string;
  /** A row action: a compact form with a secondary button, in a table row. */
  row?: boolean;
  /** The form's accessible name (row actions name their subject). */
  label?: string;
}) {
  const [state, run, pending] = useActionState(action, IDLE);
  return (
    <form
      action={run}
      className={className ?? (row ? "action-form action-form-row" : "action-form")}
      aria-label={label}
      aria-busy={pending || undefined}
    >
      {children}
      <button type="submit" className={row ? "button button-quiet" : "button"} disabled={pending}>
        {pending ? pendingLabel : submit}
      </button>
      {state.status === "error" && (
        <p className="form-message form-error" role="alert" key={state.attempt}>
          {state.message}
        </p>
      )}
      {state.status === "done" && (
        <p className="form-message form-done" role="status" key={state.attempt}>
          {state.message}
        </p>
      )}
      {state.status === "done" && state.secret && (
        <div className="secret-once" key={`secret-${state.attempt}`}>
          <label className="field">
            <span>Copy it now: it is shown only this once and stored only as a hash.</span>
            <input
              readOnly
              value={state.secret}
              spellCheck={false}
              aria-label="Shown once"
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
        </div>
      )}
    </form>
  );
}
