import type { Db } from "@/db/client";
import type { RepositoryFile } from "@/db/schema";

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
  const known = await db.tuples(
    `SELECT r.id, r.name, r.team_id, r.is_template, r.template_id, f.observed_at, f.files
     FROM repositories r
     LEFT JOIN repository_files f ON f.workspace_id = r.workspace_id AND f.repository_id = r.id
     WHERE r.workspace_id = ? ORDER BY r.name`,
    [workspaceId],
  );
  const orphans = await db.tuples(
    `SELECT f.repository_id, f.observed_at, f.files FROM repository_files f
     WHERE f.workspace_id = ? AND NOT EXISTS (SELECT 1 FROM repositories r WHERE r.workspace_id = f.workspace_id AND r.id = f.repository_id)`,
    [workspaceId],
  );
  return [
    ...known.map(([id, name, teamId, isTemplate, templateId, observedAt, files]) => ({
      id: id as string,
      name: name as string,
      teamId: teamId as string | null,
      isTemplate: isTemplate === 1,
      templateId: templateId as string | null,
      snapshot:
        observedAt === null || files === null
          ? null
          : { observedAt: observedAt as number, files: JSON.parse(files as string) as RepositoryFile[] },
    })),
    ...orphans.map(([repositoryId, observedAt, files]) => ({
      id: repositoryId as string,
      name: null,
      teamId: null,
      isTemplate: false,
      templateId: null,
      snapshot: { observedAt: observedAt as number, files: JSON.parse(files as string) as RepositoryFile[] },
    })),
  ];
}
