import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { teams, type Team } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export type { Team };

/** The teams of a workspace, by id. */
export async function listTeams(db: Db, workspaceId: number): Promise<Team[]> {
  return db.select().from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.id)).all();
}

/** The team with this id; a NotFoundError naming it otherwise. */
export async function getTeam(db: Db, workspaceId: number, teamId: string, workspaceSlug: string): Promise<Team> {
  const team = db
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)))
    .get();
  if (!team)
    throw new NotFoundError(`unknown team ${JSON.stringify(teamId)} in workspace ${JSON.stringify(workspaceSlug)}`);
  return team;
}
