import { storeRecords } from "@/collectors/store";
import { UpstreamError } from "@/lib/errors";
import { emptySummary, type ImportSummary } from "@/lib/import/summary";
import { getCursor, setCursor } from "@/lib/queries/sync-cursors";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import type { IncidentTargets } from "./config-fields";
import type { CollectorContext, CollectorResult } from "./types";
import { DAY_MS } from "@/lib/time";

/** An incident in the event format, as the incident-tool collectors produce it (timestamps as RFC 3339 text). */
export interface IncidentInput {
  type: "incident";
  id: string;
  openedAt: string;
  resolvedAt?: string;
  title?: string;
  severity?: string;
  repositoryId?: string;
  teamId?: string;
  source: string;
  url?: string;
}

/** How far back a first sync reaches when the config gives no `since`. */
export const DEFAULT_FIRST_SYNC_DAYS = 365;
/** Incidents created just before a sync may be indexed late upstream; the next sync looks this far back again. */
const OVERLAP_MS = 10 * 60_000;
/** Incidents per write: one API page. */
const STORE_EVERY = 100;

/** One summary of several stores (imported counts added, rejections numbered across them). */
function mergeSummaries(list: readonly ImportSummary[]): ImportSummary {
  const total = emptySummary();
  let offset = 0;
  for (const s of list) {
    for (const [type, n] of Object.entries(s.imported) as [keyof ImportSummary["imported"], number][])
      total.imported[type] = (total.imported[type] ?? 0) + n;
    total.rejected.push(...s.rejected.map((r) => ({ ...r, line: r.line + offset })));
    total.rejectedTotal += s.rejectedTotal;
    offset += STORE_EVERY;
  }
  return total;
}

/**
 * The first entry of `map` whose key is one of `keys` (service id, then name,
 * then teams or tags, as each collector documents): where an incident belongs.
 */
export function routeIncident(
  map: IncidentTargets,
  keys: Array<string | null | undefined>,
): { repositoryId?: string; teamId?: string } {
  for (const key of keys) {
    const target = key ? map[key] : undefined;
    if (target) return { repositoryId: target.repository, teamId: target.team };
  }
  return {};
}

/** `resolvedAt`, never before `openedAt` (the event format would refuse the record). */
export function resolvedNotBefore(openedAt: string, resolvedAt: string | null | undefined): string | undefined {
  if (!resolvedAt) return undefined;
  return Date.parse(resolvedAt) < Date.parse(openedAt) ? openedAt : resolvedAt;
}

/** One page of a list sorted by creation time, oldest first. */
export interface CreationPage<T> {
  items: T[];
  more: boolean;
}

/**
 * Every item created in [since, until), from an API paginated by offset and
 * sorted by creation time. Such APIs cap the offset (PagerDuty at 10,000,
 * Opsgenie at 20,000): before reaching the cap, pagination restarts from the
 * creation time of the last item seen, so any number of items is reachable.
 * Spans longer than `spanMs` are split, as PagerDuty limits a query's range.
 */
export async function* byCreationTime<T>(
  since: number,
  until: number,
  options: {
    spanMs: number;
    pageSize: number;
    maxOffset: number;
    createdAt: (item: T) => number;
    fetchPage: (from: number, to: number, offset: number) => Promise<CreationPage<T>>;
  },
): AsyncGenerator<T> {
  for (let spanStart = since; spanStart < until; spanStart += options.spanMs) {
    const spanEnd = Math.min(until, spanStart + options.spanMs);
    let from = spanStart;
    let offset = 0;
    for (;;) {
      const page = await options.fetchPage(from, spanEnd, offset);
      yield* page.items;
      if (!page.more || page.items.length === 0) break;
      offset += page.items.length;
      if (offset + options.pageSize > options.maxOffset) {
        const restart = options.createdAt(page.items[page.items.length - 1]!);
        if (restart <= from)
          throw new UpstreamError(
            `more than ${options.maxOffset} incidents created at the same instant; narrow the source's filter`,
            "client",
          );
        from = restart;
        offset = 0;
      }
    }
  }
}

/**
 * Runs an incident-tool sync: from the cursor (or the configured start) to
 * now, stored through the importer. The next sync starts at the oldest
 * incident still open (so its resolution is picked up) or shortly before this
 * sync's end, whichever is earlier. The cursor moves only once all is stored.
 */
export async function collectIncidents(
  ctx: CollectorContext,
  options: {
    source: string;
    scope: string;
    firstSince: string | undefined;
    requests: { count: number };
    incidents: (since: number, until: number) => AsyncIterable<IncidentInput>;
  },
): Promise<CollectorResult> {
  const workspace = await ensureWorkspace(ctx.db, ctx.workspace);
  const cursor = await getCursor(ctx.db, workspace.id, options.source, options.scope, "incidents");
  const until = ctx.now();
  const since = cursor
    ? Date.parse((JSON.parse(cursor) as { since: string }).since)
    : options.firstSince
      ? Date.parse(options.firstSince)
      : until - DEFAULT_FIRST_SYNC_DAYS * DAY_MS;
  let oldestOpen = Infinity;
  let done = 0;
  const summaries: ImportSummary[] = [];
  let chunk: IncidentInput[] = [];
  // Stored a page at a time, so an interrupted sync keeps what it read (the cursor still waits for the end).
  const flush = async () => {
    if (chunk.length) summaries.push(await storeRecords(ctx.db, ctx.workspace, options.source, chunk));
    chunk = [];
  };
  for await (const incident of options.incidents(since, until)) {
    if (!incident.resolvedAt) oldestOpen = Math.min(oldestOpen, Date.parse(incident.openedAt));
    chunk.push(incident);
    if (++done % STORE_EVERY === 0) {
      await flush();
      ctx.progress({ source: options.source, scope: options.scope, stream: "incidents", done });
    }
  }
  await flush();
  const summary = mergeSummaries(summaries);
  ctx.progress({ source: options.source, scope: options.scope, stream: "incidents", done, total: done });
  const failures = summary.rejected.map((r) => ({
    scope: options.scope,
    message: `incident ${r.line} rejected: ${r.reason}`,
  }));
  if (summary.rejectedTotal === 0) {
    const next = Math.max(since, Math.min(oldestOpen, until - OVERLAP_MS));
    await setCursor(
      ctx.db,
      workspace.id,
      options.source,
      options.scope,
      "incidents",
      JSON.stringify({ since: new Date(next).toISOString() }),
      until,
    );
  }
  return {
    source: options.source,
    status: failures.length ? "partial" : "ok",
    records: summary.imported,
    failures,
    requests: options.requests.count,
  };
}
