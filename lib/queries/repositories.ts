import type { Db } from "@/db/client";
import type { Repository } from "@/db/schema";
import type { Param, Row } from "@/db/store";

export type { Repository };

/** What the repositories list can be narrowed to. */
export interface RepositoryFilter {
  /** Only this team's repositories. */
  teamId?: string | null;
  /** A piece of the name or id, case-insensitive (ASCII). */
  search?: string | null;
}

/** `%text%` for LIKE … ESCAPE '\', with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const toRepository = (r: Row): Repository => ({
  workspaceId: Number(r.workspace_id),
  id: r.id as string,
  name: r.name as string,
  createdAt: Number(r.created_at),
  teamId: (r.team_id as string | null) ?? null,
  defaultBranch: (r.default_branch as string | null) ?? null,
  url: (r.url as string | null) ?? null,
  isTemplate: r.is_template === null || r.is_template === undefined ? null : Number(r.is_template) === 1,
  templateId: (r.template_id as string | null) ?? null,
});

/**
 * The repositories of a workspace matching the filter, by name then id. The
 * search lowers both sides, since PostgreSQL's LIKE minds case where SQLite's
 * does not (for ASCII).
 */
export async function listRepositories(
  db: Db,
  workspaceId: number,
  filter: RepositoryFilter = {},
): Promise<Repository[]> {
  const where = ["workspace_id = ?"];
  const params: Param[] = [workspaceId];
  if (filter.teamId) {
    where.push("team_id = ?");
    params.push(filter.teamId);
  }
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    where.push("(lower(name) LIKE lower(?) ESCAPE '\\' OR lower(id) LIKE lower(?) ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  const rows = await db.rows(
    `SELECT workspace_id, id, name, created_at, team_id, default_branch, url, is_template, template_id
     FROM repositories WHERE ${where.join(" AND ")} ORDER BY name, id`,
    params,
  );
  return rows.map(toRepository);
}
