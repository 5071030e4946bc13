import { getDb } from "@/app/_lib/db";
import { jsonResponse, workspaceParam } from "@/lib/http/inbound";
import { readLimitedBody } from "@/lib/http/request-body";
import { route } from "@/lib/http/route";
import { inboundSettings } from "@/lib/service/inbound-secrets";
import { receiveGithubWebhook } from "@/lib/service/webhooks";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `POST /api/webhooks/github?workspace=SLUG`: a signed GitHub webhook delivery (collectors/CONFIG.md, "Webhooks"). */
export const POST = route(async ({ request }) => {
  const workspace = workspaceParam(request);
  const body = await readLimitedBody(request);
  return jsonResponse(
    await receiveGithubWebhook(getDb(), {
      workspace,
      headers: request.headers,
      body,
      settings: inboundSettings(workspace),
      now: Date.now(),
    }),
  );
});
