import type { Db } from "@/db/client";
import {
  deriveFacts,
  metricRecords,
  type MetricName,
  type MetricRecords,
  type MetricsReport,
  summarise,
  type WorkspaceFacts,
} from "@/lib/metrics";
import { partialData } from "@/lib/metrics/coding-time";
import { stopIfAborted, type WorkOptions, yieldToOthers } from "@/lib/work";
import { formatDate, fullWeeks } from "@/lib/metrics/window";
import { loadSourceLinks } from "@/lib/queries/links";
import { factColumns, restoreFacts } from "@/lib/metrics/facts-index";
import { keepMetricsSnapshot, loadMetricsData, loadMetricsInputs } from "@/lib/queries/metrics-data";
import { loadTeamMetricsData } from "@/lib/queries/team-metrics-data";
import type { SourceStarts } from "@/lib/metrics/types";
import { judged, type JudgedReport } from "@/lib/withheld";
import { drillDownTable, linkedRecords, type DrillDownTable } from "./drilldown";
import { engineRevision, keepReport, storedReport } from "./report-store";
import { getWorkspace, listWorkspaces, type Workspace } from "@/lib/queries/workspaces";
import { metricsSettings, resolveQuery, type MetricsQuery, type ResolvedQuery } from "./scope";

export type { MetricsQuery, ResolvedQuery };

/**
 * Facts are window- and scope-independent, so one derivation serves every
 * window, team and series of a workspace until its data or settings change
 * (both bump `dataVersion`).
 */
const factsCache = new WeakMap<Db, Map<number, { version: number; facts: Promise<WorkspaceFacts> }>>();

/** The derived facts of a workspace at its current data version. */
export async function workspaceFacts(db: Db, workspace: Workspace): Promise<WorkspaceFacts> {
  let perDb = factsCache.get(db);
  if (!perDb) {
    perDb = new Map();
    factsCache.set(db, perDb);
  }
  const hit = perDb.get(workspace.id);
  if (hit && hit.version === workspace.dataVersion) return hit.facts;
  const facts = loadFacts(db, workspace);
  perDb.set(workspace.id, { version: workspace.dataVersion, facts });
  facts.catch(() => perDb.delete(workspace.id));
  return facts;
}

/** Which engine kept facts belong to: only the same engine may read them back. */
const factsLabel = () => `facts ${engineRevision()}`;

/**
 * The facts of a workspace at its current data version: rebuilt from the
 * facts kept with its snapshot when this engine kept them (the fast path of a
 * fresh process), else derived from its rows. Kept facts that do not fit the
 * rows are ignored, and the rows read again in full.
 */
async function loadFacts(db: Db, workspace: Workspace): Promise<WorkspaceFacts> {
  const settings = metricsSettings(workspace);
  const { data, kept } = await loadMetricsInputs(db, workspace.id, workspace.dataVersion, factsLabel());
  if (kept !== null) {
    try {
      return restoreFacts(data, settings, kept.columns, kept);
    } catch {
      // Only a cache: derive them from a full read (the read with kept facts leaves out the graph links).
      return deriveFacts(await loadMetricsData(db, workspace.id), settings);
    }
  }
  return deriveFacts(data, settings);
}

/** One team's facts, derived from the team's own read while the whole workspace's are not at hand. */
const teamFactsCache = new WeakMap<Db, Map<string, { version: number; facts: Promise<WorkspaceFacts> }>>();

/**
 * The facts that count a scope: the workspace's when they are derived at its
 * current data version (a warm process), else for a team the team's own read
 * (lib/queries/team-metrics-data.ts), so a fresh process counting one team
 * does not read the whole workspace. Counted for that team, both give the same numbers.
 */
export async function scopeFacts(db: Db, workspace: Workspace, teamId: string | null): Promise<WorkspaceFacts> {
  const whole = factsCache.get(db)?.get(workspace.id);
  if (teamId === null || (whole && whole.version === workspace.dataVersion)) return workspaceFacts(db, workspace);
  let perDb = teamFactsCache.get(db);
  if (!perDb) {
    perDb = new Map();
    teamFactsCache.set(db, perDb);
  }
  const key = `${workspace.id}\u0000${teamId}`;
  const hit = perDb.get(key);
  if (hit && hit.version === workspace.dataVersion) return hit.facts;
  const facts = loadTeamMetricsData(db, workspace.id, teamId).then((data) =>
    deriveFacts(data, metricsSettings(workspace)),
  );
  perDb.set(key, { version: workspace.dataVersion, facts });
  facts.catch(() => perDb.delete(key));
  return facts;
}

/** When each source's records begin in a workspace (what decides which judgements are withheld). */
export async function workspaceSourceStarts(db: Db, workspace: Workspace): Promise<SourceStarts> {
  return (await workspaceFacts(db, workspace)).data.sourceStarts;
}

function report(r: ResolvedQuery, facts: WorkspaceFacts, window = r.window): JudgedReport {
  const records = metricRecords(facts, window, { teamId: r.teamId });
  const base: MetricsReport = {
    workspace: r.workspace.slug,
    team: r.teamId,
    from: formatDate(window.from),
    to: formatDate(window.to),
    ...summarise(records, window),
  };
  return judged(base, facts.data.sourceStarts, window.to, partialData(records));
}

/**
 * `altimeter metrics --json` for a query: the one place a number is computed.
 * Beside the contract's keys, `withheld` says why a metric's tier and target
 * are not judged (a source without data before the window's end).
 */
export async function getMetricsReport(db: Db, q: MetricsQuery): Promise<JudgedReport> {
  const r = await resolveQuery(db, q);
  // A fresh process answers a question asked before at this data version without reading the rows.
  const whole = factsCache.get(db)?.get(r.workspace.id);
  const warm = whole !== undefined && whole.version === r.workspace.dataVersion;
  if (!warm) {
    const stored = await storedReport(db, r);
    if (stored) return stored;
  }
  const computed = report(r, await scopeFacts(db, r.workspace, r.teamId));
  if (!warm) await keepReport(db, r, computed);
  return computed;
}

/**
 * `altimeter metrics --series week`: one report per full week of the window,
 * oldest first. A week at a time, yielding in between so one long series
 * never starves other requests, and stopping when `signal` is aborted.
 */
export async function getWeeklySeries(
  db: Db,
  q: MetricsQuery,
  options: WorkOptions = {},
): Promise<{ series: JudgedReport[] }> {
  const r = await resolveQuery(db, q);
  const facts = await scopeFacts(db, r.workspace, r.teamId);
  const weeks = fullWeeks(r.window);
  const series: JudgedReport[] = [];
  for (const week of weeks) {
    stopIfAborted(options.signal);
    series.push(report(r, facts, week));
    options.onProgress?.(series.length, weeks.length);
    await yieldToOthers();
  }
  return { series };
}

/** The records behind every number of a query (the drill-down). */
export async function getMetricRecords(
  db: Db,
  q: MetricsQuery,
): Promise<{ query: ResolvedQuery; records: MetricRecords }> {
  const r = await resolveQuery(db, q);
  return {
    query: r,
    records: metricRecords(await scopeFacts(db, r.workspace, r.teamId), r.window, { teamId: r.teamId }),
  };
}

/** One metric's drill-down as a table, with links to the source records (what pages, CSV and `explain` show). */
export async function getDrillDownTable(
  db: Db,
  q: MetricsQuery,
  metric: MetricName,
): Promise<{ query: ResolvedQuery; table: DrillDownTable }> {
  const { query, records } = await getMetricRecords(db, q);
  const links = await loadSourceLinks(db, query.workspace.id, linkedRecords(records, metric));
  return { query, table: drillDownTable(records, metric, links) };
}

/**
 * Derives every workspace's facts ahead of the first request (the app calls
 * this at start-up), so nobody waits for the cold load. One at a time, in the
 * background: a request meanwhile shares the derivation under way.
 */
export async function warmWorkspaceFacts(db: Db): Promise<void> {
  for (const workspace of await listWorkspaces(db)) await workspaceFacts(db, workspace);
}

/**
 * Keeps a workspace's rows as one compact snapshot at its current data version,
 * after an import or a sync, so that the next fresh process (a CLI call, a new
 * app instance) reads them several times faster than from their tables. A
 * cache: a later write makes it stale and it is then ignored. Its size in
 * bytes, or null when the data moved while it was being made.
 */
export async function keepWorkspaceSnapshot(db: Db, slug: string): Promise<number | null> {
  return keepSnapshot(db, await getWorkspace(db, slug));
}

/** Keeps the snapshot of a workspace's rows with the facts derived from them (what a fresh process then skips). */
function keepSnapshot(db: Db, workspace: Workspace): Promise<number | null> {
  return keepMetricsSnapshot(db, workspace.id, undefined, async (data, dataVersion) => {
    // The settings the facts depend on are those of that data version (a settings change moves it).
    const current = await getWorkspace(db, workspace.slug);
    if (current.dataVersion !== dataVersion) return null;
    return { label: factsLabel(), columns: factColumns(deriveFacts(data, metricsSettings(current))) };
  });
}

const workspaceOrNull = (db: Db, slug: string) =>
  getWorkspace(db, slug).then(
    (w) => w,
    () => null,
  );

/**
 * Runs `work`, which may write a workspace's records (an import, a sync), and
 * keeps the workspace's snapshot afterwards when its data changed. The
 * snapshot is a cache: failing to make one never fails the work.
 */
export async function refreshingSnapshot<T>(db: Db, slug: string, work: () => Promise<T>): Promise<T> {
  const before = await workspaceOrNull(db, slug);
  const result = await work();
  const after = await workspaceOrNull(db, slug);
  if (after !== null && after.dataVersion !== before?.dataVersion) await keepSnapshot(db, after).catch(() => null);
  return result;
}
