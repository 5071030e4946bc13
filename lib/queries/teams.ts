import type { Db } from "@/db/client";
import type { Team } from "@/db/schema";
import type { Row } from "@/db/store";
import { NotFoundError } from "@/lib/errors";

export type { Team };

const toTeam = (r: Row): Team => ({
  workspaceId: Number(r.workspace_id),
  id: r.id as string,
  name: r.name as string,
  parentId: (r.parent_id as string | null) ?? null,
});

/** The teams of a workspace, by id. */
export async function listTeams(db: Db, workspaceId: number): Promise<Team[]> {
  const rows = await db.rows("SELECT workspace_id, id, name, parent_id FROM teams WHERE workspace_id = ? ORDER BY id", [
    workspaceId,
  ]);
  return rows.map(toTeam);
}

/** The team with this id; a NotFoundError naming it otherwise. */
export async function getTeam(db: Db, workspaceId: number, teamId: string, workspaceSlug: string): Promise<Team> {
  const row = await db.row("SELECT workspace_id, id, name, parent_id FROM teams WHERE workspace_id = ? AND id = ?", [
    workspaceId,
    teamId,
  ]);
  if (!row)
    throw new NotFoundError(`unknown team ${JSON.stringify(teamId)} in workspace ${JSON.stringify(workspaceSlug)}`);
  return toTeam(row);
}
