import type { Db } from "@/db/client";
import { listRepositories } from "@/lib/queries/repositories";
import { listTeams, type Team } from "@/lib/queries/teams";
import { findWorkspace, type Workspace } from "@/lib/queries/workspaces";

export type { Team, Workspace };

/** The workspace with this slug, or null (pages answer 404). */
export async function findWorkspaceBySlug(db: Db, slug: string): Promise<Workspace | null> {
  return findWorkspace(db, slug);
}

/** The teams of a workspace, by id: the team filter's choices. */
export async function listWorkspaceTeams(db: Db, workspaceId: number): Promise<Team[]> {
  return listTeams(db, workspaceId);
}

/** Repository names by id, so tables can show `acme/checkout` rather than an opaque id. */
export async function repositoryNames(db: Db, workspaceId: number): Promise<Map<string, string>> {
  return new Map((await listRepositories(db, workspaceId)).map((r) => [r.id, r.name]));
}
