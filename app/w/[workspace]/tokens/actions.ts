"use server";

import { workspaceAction } from "@/app/_lib/actions";
import type { ActionState } from "@/app/_lib/form-state";
import { createToken, revokeToken } from "@/lib/service/access";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** Creates an API token of the workspace of the address; the token is in this answer only (stored as its hash). */
export async function createTokenAction(previous: ActionState, form: FormData): Promise<ActionState> {
  return workspaceAction(previous, "owner", async (db, { workspace, principal }) => {
    const { token, record } = await createToken(db, principal, workspace.slug, {
      name: text(form, "name"),
      scope: text(form, "scope"),
    });
    return { message: `Token #${record.id} “${record.name}” (${record.scope}) created.`, secret: token };
  });
}

/** Revokes an API token of the workspace of the address: it stops working at once. */
export async function revokeTokenAction(previous: ActionState, form: FormData): Promise<ActionState> {
  return workspaceAction(previous, "owner", async (db, { workspace, principal }) => {
    const id = Number(text(form, "id"));
    await revokeToken(db, principal, workspace.slug, Number.isInteger(id) ? id : -1);
    return `Token #${id} revoked.`;
  });
}
