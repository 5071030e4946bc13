import type { Db } from "@/db/client";
import type { Incident } from "@/db/schema";
import type { Param } from "@/db/store";
import { containsPattern } from "./repositories";

export type { Incident };

/** What the incidents list can be narrowed to; the window is on `openedAt`, `[from, to)` in UTC ms. */
export interface IncidentFilter {
  from: number;
  to: number;
  /** The team's incidents as spec/metrics.md scopes them: of its repositories, or teamless-repository ones naming it. */
  teamId?: string | null;
  status?: "open" | "resolved" | null;
  severity?: string | null;
  /** A piece of the id or title, case-insensitive (ASCII). */
  search?: string | null;
  limit: number;
  offset: number;
}

/** The WHERE clause of a filter and its parameters, in one SQL text for both engines. */
function conditions(workspaceId: number, f: IncidentFilter): { where: string; params: Param[] } {
  const where = ["workspace_id = ?", "opened_at >= ?", "opened_at < ?"];
  const params: Param[] = [workspaceId, f.from, f.to];
  if (f.teamId) {
    where.push(
      "(repository_id IN (SELECT id FROM repositories WHERE workspace_id = ? AND team_id = ?) OR (repository_id IS NULL AND team_id = ?))",
    );
    params.push(workspaceId, f.teamId, f.teamId);
  }
  if (f.status === "open") where.push("resolved_at IS NULL");
  if (f.status === "resolved") where.push("resolved_at IS NOT NULL");
  if (f.severity) {
    where.push("severity = ?");
    params.push(f.severity);
  }
  if (f.search) {
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    const pattern = containsPattern(f.search.toLowerCase());
    where.push("(lower(id) LIKE ? ESCAPE '\\' OR lower(title) LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  return { where: where.join(" AND "), params };
}

interface IncidentRow {
  workspace_id: number;
  id: string;
  opened_at: number;
  title: string | null;
  severity: string | null;
  resolved_at: number | null;
  repository_id: string | null;
  team_id: string | null;
  deployment_id: string | null;
  cause_sha: string | null;
  fix_deployment_id: string | null;
  source: string | null;
  url: string | null;
}

function incidentOf(r: IncidentRow): Incident {
  return {
    workspaceId: r.workspace_id,
    id: r.id,
    openedAt: r.opened_at,
    title: r.title,
    severity: r.severity,
    resolvedAt: r.resolved_at,
    repositoryId: r.repository_id,
    teamId: r.team_id,
    deploymentId: r.deployment_id,
    causeSha: r.cause_sha,
    fixDeploymentId: r.fix_deployment_id,
    source: r.source,
    url: r.url,
  };
}

/** One page of a workspace's incidents matching the filter, newest first, and how many match in all. */
export async function listIncidents(
  db: Db,
  workspaceId: number,
  f: IncidentFilter,
): Promise<{ rows: Incident[]; total: number }> {
  const { where, params } = conditions(workspaceId, f);
  const rows = await db.rows<IncidentRow>(
    `SELECT workspace_id, id, opened_at, title, severity, resolved_at, repository_id, team_id, deployment_id,
       cause_sha, fix_deployment_id, source, url
     FROM incidents WHERE ${where} ORDER BY opened_at DESC, id ASC LIMIT ? OFFSET ?`,
    [...params, f.limit, f.offset],
  );
  const total = (await db.value<number>(`SELECT count(*) FROM incidents WHERE ${where}`, params)) ?? 0;
  return { rows: rows.map(incidentOf), total: Number(total) };
}

/** The severities a workspace's incidents use, for the filter's choices. */
export async function listIncidentSeverities(db: Db, workspaceId: number): Promise<string[]> {
  const rows = await db.rows<{ severity: string }>(
    "SELECT DISTINCT severity FROM incidents WHERE workspace_id = ? AND severity IS NOT NULL ORDER BY severity ASC",
    [workspaceId],
  );
  return rows.map((r) => r.severity);
}
