import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { importSources, type ImportSource } from "@/lib/import/importer";
import type { InboundSettings } from "./inbound-secrets";
import type { InboundResponse } from "./webhooks";

/** An events request as received. */
export interface EventsRequest {
  workspace: string;
  authorization: string | null;
  contentType: string | null;
  body: Buffer;
  settings: Pick<InboundSettings, "eventsToken" | "eventsTokenEnv">;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether `Authorization: Bearer <token>` carries the expected token; both are hashed first so the compare is constant-time whatever their lengths. */
export function bearerMatches(authorization: string | null, expected: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return m !== null && timingSafeEqual(digest(m[1]!), digest(expected));
}

/** Refuses (401) a request without the workspace's bearer token; called before the body is read, and again by {@link receiveEvents}. */
export function authoriseEvents(
  workspace: string,
  authorization: string | null,
  settings: EventsRequest["settings"],
): void {
  if (!settings.eventsToken)
    throw new UnauthorizedError(
      `no events token is configured for workspace ${JSON.stringify(workspace)} (set ${settings.eventsTokenEnv})`,
    );
  if (!bearerMatches(authorization, settings.eventsToken))
    throw new UnauthorizedError("missing or wrong bearer token (Authorization: Bearer …)");
}

/** The body as an import source: JSON (one record, or an array) when the content type says so, NDJSON otherwise. */
function source(request: EventsRequest): ImportSource {
  const text = request.body.toString("utf8");
  if (/^application\/json\b/i.test(request.contentType ?? "")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ValidationError(
        `the body is not JSON (${(error as Error).message}); send one record, an array, or NDJSON as application/x-ndjson`,
      );
    }
    return { name: "body", format: "objects", records: Array.isArray(value) ? value : [value] };
  }
  return {
    name: "body",
    format: "ndjson",
    stream: (async function* () {
      yield text;
    })(),
  };
}

/**
 * `POST /api/events`: imports event-format records for a workspace holding a
 * valid bearer token (401 otherwise). Answers the import summary with 200 when
 * nothing was rejected, 207 when some records were stored and some rejected,
 * and 422 when every record was rejected.
 */
export async function receiveEvents(db: Db, request: EventsRequest): Promise<InboundResponse> {
  authoriseEvents(request.workspace, request.authorization, request.settings);
  if (request.body.length === 0)
    throw new ValidationError("the body is empty: send one JSON record, an array, or NDJSON");
  const summary = await importSources(db, { workspace: request.workspace, sources: [source(request)] });
  const stored = Object.values(summary.imported).reduce((a, n) => a + (n ?? 0), 0);
  const status = summary.rejectedTotal === 0 ? 200 : stored > 0 ? 207 : 422;
  return { status, body: { ...summary } };
}
