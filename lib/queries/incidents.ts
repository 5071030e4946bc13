import { and, asc, desc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, repositories, type Incident } from "@/db/schema";
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

function conditions(workspaceId: number, f: IncidentFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [
    eq(incidents.workspaceId, workspaceId),
    gte(incidents.openedAt, f.from),
    lt(incidents.openedAt, f.to),
  ];
  if (f.teamId) {
    const teamRepositories = sql`(SELECT ${repositories.id} FROM ${repositories} WHERE ${repositories.workspaceId} = ${workspaceId} AND ${repositories.teamId} = ${f.teamId})`;
    where.push(
      or(
        sql`${incidents.repositoryId} IN ${teamRepositories}`,
        and(isNull(incidents.repositoryId), eq(incidents.teamId, f.teamId)),
      ),
    );
  }
  if (f.status === "open") where.push(isNull(incidents.resolvedAt));
  if (f.status === "resolved") where.push(isNotNull(incidents.resolvedAt));
  if (f.severity) where.push(eq(incidents.severity, f.severity));
  if (f.search) {
    const pattern = containsPattern(f.search);
    where.push(
      or(sql`${incidents.id} LIKE ${pattern} ESCAPE '\\'`, sql`${incidents.title} LIKE ${pattern} ESCAPE '\\'`),
    );
  }
  return and(...where);
}

/** One page of a workspace's incidents matching the filter, newest first, and how many match in all. */
export async function listIncidents(
  db: Db,
  workspaceId: number,
  f: IncidentFilter,
): Promise<{ rows: Incident[]; total: number }> {
  const where = conditions(workspaceId, f);
  const rows = db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(desc(incidents.openedAt), asc(incidents.id))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(incidents).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** The severities a workspace's incidents use, for the filter's choices. */
export async function listIncidentSeverities(db: Db, workspaceId: number): Promise<string[]> {
  return db
    .selectDistinct({ severity: incidents.severity })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), isNotNull(incidents.severity)))
    .orderBy(asc(incidents.severity))
    .all()
    .map((r) => r.severity!);
}
