"use server";

import { adminAction } from "@/app/_lib/actions";
import type { ActionState } from "@/app/_lib/form-state";
import { ONE_TIME_LINK_PATH } from "@/lib/auth/auth";
import { appAuth } from "@/lib/auth/instance";
import { createSignInLink, createUser, issueSignInLink, revokeSessions, setUserAdmin } from "@/lib/service/access";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const address = async (token: string) => `${(await appAuth()).settings.publicUrl}${ONE_TIME_LINK_PATH}?token=${token}`;

/** Adds a user without a password; the answer carries a one-time sign-in link (24 hours) to hand them. */
export async function addUser(previous: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(previous, async (db, principal) => {
    const user = await createUser(db, principal, {
      email: text(form, "email"),
      name: text(form, "name") || null,
      admin: form.get("admin") === "on",
    });
    const token = await createSignInLink(db, user.id);
    return {
      message: `${user.email} added${user.admin ? " as an instance admin" : ""}. Give them this one-time sign-in link (valid 24 hours); add them to workspaces on each workspace's Members page.`,
      secret: await address(token),
    };
  });
}

/** A new one-time sign-in link for a user who lost their password or never had one. */
export async function resetLink(previous: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(previous, async (db, principal) => {
    const email = text(form, "email");
    return {
      message: `A one-time sign-in link for ${email} (valid 24 hours):`,
      secret: await address(await issueSignInLink(db, principal, email)),
    };
  });
}

/** Ends every session of a user at once. */
export async function signOutEverywhere(previous: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(previous, async (db, principal) => {
    const email = text(form, "email");
    const n = await revokeSessions(db, principal, email);
    return `${n} ${n === 1 ? "session" : "sessions"} of ${email} ended.`;
  });
}

/** Makes a user an instance admin, or takes it away (never from the last admin). */
export async function setAdmin(previous: ActionState, form: FormData): Promise<ActionState> {
  return adminAction(previous, async (db, principal) => {
    const email = text(form, "email");
    const admin = text(form, "admin") === "yes";
    await setUserAdmin(db, principal, email, admin);
    return admin ? `${email} is now an instance admin.` : `${email} is no longer an instance admin.`;
  });
}
