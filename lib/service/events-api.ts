import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { importSources, type ImportSource } from "@/lib/import/importer";
import { tokenPrincipal } from "./access";
import type { InboundSettings } from "./inbound-secrets";
import type { InboundResponse } from "./webhooks";

/** An events request as received. */
export interface EventsRequest {
  workspace: string;
  authorization: string | null;
  contentType: string | null;
  /** The body, whole or as it arrives (streamed NDJSON is imported while it is read). */
  body: Buffer | AsyncIterable<Uint8Array>;
  settings: Pick<InboundSettings, "eventsToken" | "eventsTokenEnv">;
  /** Set by {@link authoriseEventsRequest}: the request carried a workspace API token with the write:events scope. */
  apiToken?: boolean;
}

let warnedEnvToken = false;

/**
 * Authorises `POST /api/events`: a workspace API token with the
 * `write:events` scope (created in the app or with `altimeter tokens`), else
 * — deprecated, for one release — the environment-variable token, which logs
 * a deprecation warning once per process. Returns which one it was.
 */
export async function authoriseEventsRequest(
  db: Db,
  workspace: string,
  authorization: string | null,
  settings: EventsRequest["settings"],
): Promise<"api-token" | "env-token"> {
  const principal = await tokenPrincipal(db, authorization);
  if (principal?.kind === "token") {
    if (principal.scope === "write:events" && principal.workspace === workspace) return "api-token";
    throw new UnauthorizedError("missing or wrong bearer token (Authorization: Bearer …)");
  }
  authoriseEvents(workspace, authorization, settings);
  if (!warnedEnvToken) {
    warnedEnvToken = true;
    console.warn(
      `altimeter: deprecated: POST /api/events authorised by ${settings.eventsTokenEnv}; create a workspace API token with the write:events scope (altimeter tokens create) — environment-variable event tokens stop working in the next release`,
    );
  }
  return "env-token";
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

/** At most this many rejected lines are listed in an answer; the rest are counted. */
export const EVENTS_LISTED_REJECTIONS = 100;
/** After this many rejected lines the rest of a body is not read: the answer says where it stopped. */
export const EVENTS_MAX_REJECTIONS = 1_000;

async function wholeBody(body: EventsRequest["body"]): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The body as an import source: JSON (one record, or an array) when the content type says so, NDJSON otherwise, read as it arrives. */
async function source(request: EventsRequest): Promise<ImportSource> {
  if (/^application\/json\b/i.test(request.contentType ?? "")) {
    const text = (await wholeBody(request.body)).toString("utf8");
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
  const body = request.body;
  return {
    name: "body",
    format: "ndjson",
    stream: Buffer.isBuffer(body)
      ? (async function* () {
          yield body;
        })()
      : (async function* () {
          for await (const chunk of body) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        })(),
  };
}

/**
 * `POST /api/events`: imports event-format records for a workspace holding a
 * valid bearer token (401 otherwise). Answers the import summary with 200 when
 * nothing was rejected, 207 when some records were stored and some rejected,
 * and 422 when every record was rejected. NDJSON is imported as it arrives,
 * listing at most EVENTS_LISTED_REJECTIONS rejected lines and reading no
 * further than EVENTS_MAX_REJECTIONS of them (`stopped` says where).
 */
export async function receiveEvents(db: Db, request: EventsRequest): Promise<InboundResponse> {
  if (!request.apiToken) authoriseEvents(request.workspace, request.authorization, request.settings);
  const summary = await importSources(db, {
    workspace: request.workspace,
    // A workspace is made by its operator (config, CLI), never by an HTTP call.
    createWorkspace: false,
    sources: [await source(request)],
    maxListedRejections: EVENTS_LISTED_REJECTIONS,
    maxRejections: EVENTS_MAX_REJECTIONS,
  });
  const stored = Object.values(summary.imported).reduce((a, n) => a + (n ?? 0), 0);
  if (stored === 0 && summary.rejectedTotal === 0)
    throw new ValidationError("the body is empty: send one JSON record, an array, or NDJSON");
  const status = summary.rejectedTotal === 0 ? 200 : stored > 0 ? 207 : 422;
  return { status, body: { ...summary } };
}
