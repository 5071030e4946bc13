import { getDb } from "@/app/_lib/db";
import { jsonResponse, workspaceParam } from "@/lib/http/inbound";
import { limitedBodyChunks } from "@/lib/http/request-body";
import { route } from "@/lib/http/route";
import { authoriseEventsRequest, receiveEvents } from "@/lib/service/events-api";
import { inboundSettingsFor } from "@/lib/service/inbound-secrets";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `POST /api/events?workspace=SLUG`: event-format records (one JSON record, an
 * array, or NDJSON) with a workspace API token of scope write:events (or,
 * deprecated, the ALTIMETER_EVENTS_TOKEN_<SLUG> environment variable's token).
 */
export const POST = route(async ({ request }) => {
  const workspace = workspaceParam(request);
  const settings = await inboundSettingsFor(await getDb(), workspace);
  const authorization = request.headers.get("authorization");
  // Refuse strangers before reading what they send.
  const how = await authoriseEventsRequest(await getDb(), workspace, authorization, settings);
  // Imported as it arrives: a large body is never held whole, and the importer yields between lines.
  const body = limitedBodyChunks(request);
  const response = jsonResponse(
    await receiveEvents(await getDb(), {
      apiToken: how === "api-token",
      workspace,
      authorization,
      contentType: request.headers.get("content-type"),
      body,
      settings,
    }),
  );
  if (how === "env-token")
    response.headers.set(
      "deprecation",
      'environment-variable event tokens: use a workspace API token with scope "write:events"',
    );
  return response;
});
