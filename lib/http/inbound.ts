import { ValidationError } from "@/lib/errors";
import { checkWorkspaceSlug } from "@/lib/workspace-slug";
import type { InboundResponse } from "@/lib/service/webhooks";

/** The `?workspace=SLUG` of an inbound request; a missing or malformed slug is a ValidationError. */
export function workspaceParam(request: Request): string {
  const slug = new URL(request.url).searchParams.get("workspace");
  if (!slug) throw new ValidationError("name the workspace: ?workspace=SLUG");
  return checkWorkspaceSlug(slug);
}

/** A JSON response of a service answer; a 401 names the Bearer scheme. */
export function jsonResponse(answer: InboundResponse): Response {
  return Response.json(answer.body, {
    status: answer.status,
    headers: answer.status === 401 ? { "www-authenticate": "Bearer" } : undefined,
  });
}
