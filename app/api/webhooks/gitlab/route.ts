import { getDb } from "@/app/_lib/db";
import { jsonResponse, workspaceParam } from "@/lib/http/inbound";
import { readLimitedBody } from "@/lib/http/request-body";
import { route } from "@/lib/http/route";
import { authoriseGitlabDelivery, receiveGitlabWebhook } from "@/lib/service/gitlab-webhooks";
import { inboundSettingsFor } from "@/lib/service/inbound-secrets";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `POST /api/webhooks/gitlab?workspace=SLUG`: a GitLab webhook delivery with `X-Gitlab-Token` (collectors/CONFIG.md, "Webhooks"). */
export const POST = route(async ({ request }) => {
  const workspace = workspaceParam(request);
  const settings = await inboundSettingsFor(await getDb(), workspace);
  // Refuse strangers before reading what they send: an unauthenticated body is never buffered.
  authoriseGitlabDelivery(workspace, request.headers, settings);
  const body = await readLimitedBody(request);
  return jsonResponse(
    await receiveGitlabWebhook(await getDb(), {
      workspace,
      headers: request.headers,
      body,
      settings,
      now: Date.now(),
    }),
  );
});
