"use server";

import { userAction } from "@/app/_lib/actions";
import type { ActionState } from "@/app/_lib/form-state";
import { currentSessionId } from "@/app/_lib/session";
import { revokeOtherSessions, revokeOwnSession } from "@/lib/service/access";

/** Ends one of the signed-in user's own sessions (another browser's; this one signs out with the menu). */
export async function endSession(previous: ActionState, form: FormData): Promise<ActionState> {
  return userAction(previous, async (db, principal) => {
    const id = String(form.get("id") ?? "");
    if (id === (await currentSessionId())) return "This is the session you are using: sign out with the menu instead.";
    await revokeOwnSession(db, principal, id);
    return "That session has ended: its browser must sign in again.";
  });
}

/** Ends every session of the signed-in user but this browser's. */
export async function endOtherSessions(previous: ActionState): Promise<ActionState> {
  return userAction(previous, async (db, principal) => {
    const n = await revokeOtherSessions(db, principal, (await currentSessionId()) ?? "");
    return n === 0 ? "There were no other sessions." : `${n} other ${n === 1 ? "session" : "sessions"} ended.`;
  });
}
