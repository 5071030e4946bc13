import { getDb } from "@/app/_lib/db";
import { inboundSettings } from "@/lib/service/inbound-secrets";
import { errorResponse, jsonResponse, workspaceParam } from "@/lib/service/inbound-http";
import { readLimitedBody } from "@/lib/service/request-body";
import { receiveGithubWebhook } from "@/lib/service/webhooks";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `POST /api/webhooks/github?workspace=SLUG`: a signed GitHub webhook delivery (collectors/CONFIG.md, "Webhooks"). */
export async function POST(request: Request): Promise<Response> {
  try {
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
  } catch (error) {
    return errorResponse(error);
  }
}
