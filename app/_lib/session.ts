import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Db } from "@/db/client";
import { appAuth, principalOf } from "@/lib/auth/instance";
import { ROUTE_PATH_HEADER, workspaceOfPath } from "@/lib/auth/route-path";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { authoriseWorkspace, type Principal, type WorkspaceRole } from "@/lib/service/access";
import type { Workspace } from "@/lib/service/lookups";

/** Who is asking, once per request (the proxy already refused anonymous requests; this re-reads, never trusts a header). */
export const currentPrincipal = cache(async (): Promise<Principal | null> => principalOf(await headers()));

/**
 * The workspace of the address and the asker's role, or the not-found page:
 * a workspace they may not see is exactly as missing as one that does not
 * exist. A weaker role than `needed` is a ForbiddenError (the error boundary).
 */
export async function workspaceAccessOr404(
  db: Db,
  slug: string,
  needed: WorkspaceRole = "viewer",
): Promise<{ workspace: Workspace; role: WorkspaceRole; principal: Principal }> {
  const principal = await currentPrincipal();
  try {
    return { ...(await authoriseWorkspace(db, principal, slug, needed)), principal: principal! };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export { ForbiddenError };

/**
 * The workspace a server action was posted to (the proxy records the path),
 * with the asker's role re-checked on the server: the not-found page when
 * they may not see it, a ForbiddenError when their role is weaker than `needed`.
 */
export async function actionWorkspace(
  db: Db,
  needed: WorkspaceRole,
): Promise<{ workspace: Workspace; role: WorkspaceRole; principal: Principal }> {
  const slug = workspaceOfPath((await headers()).get(ROUTE_PATH_HEADER));
  if (slug === null) notFound();
  return workspaceAccessOr404(db, slug, needed);
}

/** The signed-in instance admin, or the 404 of a page that does not exist (nobody else learns the page is there). */
export async function adminOr404(): Promise<Principal & { kind: "user" }> {
  const principal = await currentPrincipal();
  if (principal?.kind !== "user" || !principal.admin) notFound();
  return principal;
}

/** The signed-in user, or the 404 (an API or print token has no account pages). */
export async function userOr404(): Promise<Principal & { kind: "user" }> {
  const principal = await currentPrincipal();
  if (principal?.kind !== "user") notFound();
  return principal;
}

/** The id of this browser's session, to tell it apart in the list of one's sessions. */
export const currentSessionId = cache(async (): Promise<string | null> => {
  const session = await (await appAuth()).auth.api.getSession({ headers: await headers() });
  return session?.session.id ?? null;
});
