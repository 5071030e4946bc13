"use server";

import { workspaceAction } from "@/app/_lib/actions";
import type { ActionState } from "@/app/_lib/form-state";
import { removeMember, setMember } from "@/lib/service/access";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/**
 * Gives a user (by email) a role on the workspace of the address, or
 * changes it. Owners only, re-checked on the server (lib/service checks again).
 */
export async function setMemberRole(previous: ActionState, form: FormData): Promise<ActionState> {
  return workspaceAction(previous, "owner", async (db, { workspace, principal }) => {
    const email = text(form, "email");
    const role = text(form, "role");
    await setMember(db, principal, workspace.slug, { email, role });
    return `${email.toLowerCase()} is now ${role} of ${workspace.slug}.`;
  });
}

/** Takes a member off the workspace of the address. Owners only. */
export async function removeMemberAction(previous: ActionState, form: FormData): Promise<ActionState> {
  return workspaceAction(previous, "owner", async (db, { workspace, principal }) => {
    const email = text(form, "email");
    await removeMember(db, principal, workspace.slug, email);
    return `${email.toLowerCase()} no longer has access to ${workspace.slug}.`;
  });
}
