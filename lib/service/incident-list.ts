import { ValidationError } from "@/lib/errors";
import type { Db } from "@/db/client";
import type { AttributionRule } from "@/lib/metrics/attribution";
import { parseWindow } from "@/lib/metrics/window";
import { listIncidents, listIncidentSeverities, type Incident } from "@/lib/queries/incidents";
import { workspaceFacts } from "./metrics";
import { resolveQuery, type MetricsQuery } from "./scope";
import { HOUR_MS } from "@/lib/time";

/** An incident as the incidents list shows it, with the deployment the change failure rate blames. */
export interface IncidentWithAttribution extends Incident {
  /** resolvedAt − openedAt in hours; null while open. */
  restoreHours: number | null;
  attributedTo: { deploymentId: string; rule: Exclude<AttributionRule, null> } | null;
  /** The repository's name, when the incident names a known repository. */
  repositoryName: string | null;
  /** The team the incident counts for in team scope: its repository's, else the one it names. */
  scopeTeamId: string | null;
}

/** The incidents list's filters beyond the window and team. */
export interface IncidentListFilter {
  status?: "open" | "resolved" | null;
  severity?: string | null;
  search?: string | null;
  page: number;
  pageSize: number;
}

/** One page of the incidents opened in the window (team-scoped as the metrics are), newest first. */
export async function listIncidentsWithAttribution(
  db: Db,
  q: MetricsQuery & IncidentListFilter,
): Promise<{ rows: IncidentWithAttribution[]; total: number; severities: string[] }> {
  const query = await resolveQuery(db, q);
  const window = parseWindow(q.from, q.to);
  if (!Number.isSafeInteger(q.page) || q.page < 1 || !Number.isSafeInteger(q.page * q.pageSize))
    throw new ValidationError(`page must be a whole number from 1, got ${q.page}`);
  const facts = await workspaceFacts(db, query.workspace);
  const byId = new Map(facts.attributions.map((a) => [a.incident.id, a]));
  const { rows, total } = await listIncidents(db, query.workspace.id, {
    from: window.from,
    to: window.to,
    teamId: query.teamId,
    status: q.status,
    severity: q.severity,
    search: q.search,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const severities = await listIncidentSeverities(db, query.workspace.id);
  return {
    total,
    severities,
    rows: rows.map((incident) => {
      const a = byId.get(incident.id);
      const repository = incident.repositoryId === null ? undefined : facts.repositoryById.get(incident.repositoryId);
      return {
        ...incident,
        restoreHours: incident.resolvedAt === null ? null : (incident.resolvedAt - incident.openedAt) / HOUR_MS,
        attributedTo:
          a && a.deploymentId !== null && a.rule !== null ? { deploymentId: a.deploymentId, rule: a.rule } : null,
        repositoryName: repository?.name ?? null,
        scopeTeamId: incident.repositoryId === null ? incident.teamId : (repository?.teamId ?? null),
      };
    }),
  };
}
