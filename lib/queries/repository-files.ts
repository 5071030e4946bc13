import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { repositories, repositoryFiles, type RepositoryFile } from "@/db/schema";

/** A repository with what the maturity assessment reads: its record and its latest files snapshot. */
export interface RepositoryWithFiles {
  id: string;
  /** The repository's name; null when only a snapshot arrived for it. */
  name: string | null;
  teamId: string | null;
  isTemplate: boolean;
  templateId: string | null;
  snapshot: { observedAt: number; files: RepositoryFile[] } | null;
}

/**
 * Every repository of a workspace with its latest snapshot (the store keeps
 * only the latest per repository), and snapshots whose repository record has
 * not arrived yet, so their signals are not lost.
 */
export async function listRepositoriesWithFiles(db: Db, workspaceId: number): Promise<RepositoryWithFiles[]> {
  const known = db
    .select({
      id: repositories.id,
      name: repositories.name,
      teamId: repositories.teamId,
      isTemplate: repositories.isTemplate,
      templateId: repositories.templateId,
      observedAt: repositoryFiles.observedAt,
      files: repositoryFiles.files,
    })
    .from(repositories)
    .leftJoin(
      repositoryFiles,
      and(eq(repositoryFiles.workspaceId, repositories.workspaceId), eq(repositoryFiles.repositoryId, repositories.id)),
    )
    .where(eq(repositories.workspaceId, workspaceId))
    .orderBy(repositories.name)
    .all();
  const orphans = db
    .select()
    .from(repositoryFiles)
    .where(
      and(
        eq(repositoryFiles.workspaceId, workspaceId),
        sql`NOT EXISTS (SELECT 1 FROM ${repositories} r WHERE r.workspace_id = ${repositoryFiles.workspaceId} AND r.id = ${repositoryFiles.repositoryId})`,
      ),
    )
    .all();
  return [
    ...known.map((r) => ({
      id: r.id,
      name: r.name,
      teamId: r.teamId,
      isTemplate: r.isTemplate === true,
      templateId: r.templateId,
      snapshot: r.observedAt === null || r.files === null ? null : { observedAt: r.observedAt, files: r.files },
    })),
    ...orphans.map((o) => ({
      id: o.repositoryId,
      name: null,
      teamId: null,
      isTemplate: false,
      templateId: null,
      snapshot: { observedAt: o.observedAt, files: o.files },
    })),
  ];
}
