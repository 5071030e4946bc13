import type { Db } from "@/db/client";
import type { Person } from "@/db/schema";

export type { Person };

interface PersonRecord {
  id: string;
  name: string | null;
  team_id: string | null;
  joined_at: number | null;
  is_bot: number | null;
}

/** The people of a workspace, or of one team, by id (their login). */
export async function listPeople(
  db: Db,
  workspaceId: number,
  filter: { teamId?: string | null } = {},
): Promise<Person[]> {
  const byTeam = filter.teamId ? " AND team_id = ?" : "";
  const params = filter.teamId ? [workspaceId, filter.teamId] : [workspaceId];
  const rows = await db.rows<PersonRecord>(
    `SELECT id, name, team_id, joined_at, is_bot FROM people WHERE workspace_id = ?${byTeam} ORDER BY id`,
    params,
  );
  return rows.map((r) => ({
    workspaceId,
    id: r.id,
    name: r.name,
    teamId: r.team_id,
    joinedAt: r.joined_at,
    isBot: r.is_bot === null ? null : r.is_bot === 1,
  }));
}
