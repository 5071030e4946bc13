import { getDb } from "@/app/_lib/db";
import { authoriseEvents, receiveEvents } from "@/lib/service/events-api";
import { inboundSettings } from "@/lib/service/inbound-secrets";
import { errorResponse, jsonResponse, workspaceParam } from "@/lib/service/inbound-http";
import { readLimitedBody } from "@/lib/service/request-body";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `POST /api/events?workspace=SLUG`: event-format records (one JSON record, an array, or NDJSON) with the workspace's bearer token. */
export async function POST(request: Request): Promise<Response> {
  try {
    const workspace = workspaceParam(request);
    const settings = inboundSettings(workspace);
    const authorization = request.headers.get("authorization");
    // Refuse strangers before reading what they send.
    authoriseEvents(workspace, authorization, settings);
    const body = await readLimitedBody(request);
    return jsonResponse(
      await receiveEvents(getDb(), {
        workspace,
        authorization,
        contentType: request.headers.get("content-type"),
        body,
        settings,
      }),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
