import type { Db } from "@/db/client";
import { principalOf } from "@/lib/auth/instance";
import { UnauthorizedError } from "@/lib/errors";
import { authoriseWorkspace, unknownWorkspace, type Principal, type TokenScope } from "@/lib/service/access";
import type { RouteContext } from "./route";

/**
 * The `authorise` of a route under a workspace (`params.workspace`): the
 * request's principal must see the workspace, else the same 404 as for a
 * workspace that does not exist. API tokens count only with `tokenScope`
 * (and only for their own workspace); print tokens never do here.
 */
export function workspaceReader<P extends { workspace: string }>(
  db: () => Promise<Db>,
  options: { tokenScope?: TokenScope } = {},
): (ctx: RouteContext<P>) => Promise<void> {
  return async ({ request, params }) => {
    const principal: Principal | null = await principalOf(request.headers);
    if (!principal) throw new UnauthorizedError("sign in, or send a valid API token (Authorization: Bearer …)");
    if (principal.kind === "print") throw unknownWorkspace(params.workspace);
    if (principal.kind === "token" && principal.scope !== options.tokenScope) throw unknownWorkspace(params.workspace);
    await authoriseWorkspace(await db(), principal, params.workspace, "viewer");
  };
}
