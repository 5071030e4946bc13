import "server-only";
import { refresh } from "next/cache";
import { notFound } from "next/navigation";
import type { Db } from "@/db/client";
import { AltimeterError, ForbiddenError } from "@/lib/errors";
import { isAdmin, type Principal, type WorkspaceRole } from "@/lib/service/access";
import type { Workspace } from "@/lib/service/lookups";
import { getDb } from "./db";
import type { ActionState } from "./form-state";
import { actionWorkspace, currentPrincipal } from "./session";

/** What an action did: words, and perhaps a secret to show once. */
export type Outcome = string | { message: string; secret: string };

async function settle(previous: ActionState, run: () => Promise<Outcome>): Promise<ActionState> {
  const attempt = previous.attempt + 1;
  try {
    const outcome = await run();
    refresh();
    return typeof outcome === "string"
      ? { status: "done", message: outcome, attempt }
      : { status: "done", message: outcome.message, secret: outcome.secret, attempt };
  } catch (error) {
    // A refused or bad request is told in words; anything else (and Next's notFound) goes on.
    if (error instanceof AltimeterError) return { status: "error", message: error.message, attempt };
    throw error;
  }
}

/**
 * Runs a server action on the workspace of the address it was posted to,
 * re-checking the asker's role on the server: no access is the workspace's
 * 404 (notFound, as for one that does not exist), a weaker role is refused
 * in words. The service functions `run` calls check the role again.
 */
export async function workspaceAction(
  previous: ActionState,
  needed: WorkspaceRole,
  run: (db: Db, access: { workspace: Workspace; principal: Principal }) => Promise<Outcome>,
): Promise<ActionState> {
  const db = await getDb();
  let access: Awaited<ReturnType<typeof actionWorkspace>>;
  try {
    access = await actionWorkspace(db, needed);
  } catch (error) {
    if (error instanceof ForbiddenError)
      return { status: "error", message: `Nothing was changed: ${error.message}.`, attempt: previous.attempt + 1 };
    throw error;
  }
  return settle(previous, () => run(db, access));
}

/** Runs a server action of an instance admin; anyone else gets the 404 of a page that does not exist. */
export async function adminAction(
  previous: ActionState,
  run: (db: Db, principal: Principal) => Promise<Outcome>,
): Promise<ActionState> {
  const principal = await currentPrincipal();
  if (!principal || !isAdmin(principal)) notFound();
  return settle(previous, async () => run(await getDb(), principal));
}

/** Runs a server action of the signed-in user on their own account. */
export async function userAction(
  previous: ActionState,
  run: (db: Db, principal: Principal & { kind: "user" }) => Promise<Outcome>,
): Promise<ActionState> {
  const principal = await currentPrincipal();
  if (principal?.kind !== "user") notFound();
  return settle(previous, async () => run(await getDb(), principal));
}
