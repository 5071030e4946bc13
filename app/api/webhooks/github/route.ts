import { getDb } from "@/app/_lib/db";
import { jsonResponse, workspaceParam } from "@/lib/http/inbound";
import { readLimitedBody } from "@/lib/http/request-body";
import { route } from "@/lib/http/route";
import { inboundSettingsFor } from "@/lib/service/inbound-secrets";
import { authoriseGithubDelivery, receiveGithubWebhook } from "@/lib/service/webhooks";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `POST /api/webhooks/github?workspace=SLUG`: a signed GitHub webhook delivery (collectors/CONFIG.md, "Webhooks"). */
export const POST = route(async ({ request }) => {
  const workspace = workspaceParam(request);
  const settings = await inboundSettingsFor(await getDb(), workspace);
  // Refuse strangers before reading what they send: an unauthenticated body is never buffered.
  authoriseGithubDelivery(workspace, request.headers, settings);
  const body = await readLimitedBody(request);
  return jsonResponse(
    await receiveGithubWebhook(await getDb(), {
      workspace,
      headers: request.headers,
      body,
      settings,
      now: Date.now(),
    }),
  );
});
