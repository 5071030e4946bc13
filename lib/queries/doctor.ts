import type { Db } from "@/db/client";

/** A reference from one record type to another that names nothing stored (yet). */
export interface DanglingReference {
  /** e.g. "pull_request.repositoryId → repository". */
  reference: string;
  count: number;
  /** Up to five of the missing ids. */
  examples: string[];
}

/** [label, table, column, target table, target column] of every reference in spec/events.md. */
const REFERENCES: [string, string, string, string, string][] = [
  ["team.parentId → team", "teams", "parent_id", "teams", "id"],
  ["repository.teamId → team", "repositories", "team_id", "teams", "id"],
  ["repository.templateId → repository", "repositories", "template_id", "repositories", "id"],
  ["person.teamId → team", "people", "team_id", "teams", "id"],
  ["commit.repositoryId → repository", "commits", "repository_id", "repositories", "id"],
  ["commit.authorId → person", "commits", "author_id", "people", "id"],
  ["pull_request.repositoryId → repository", "pull_requests", "repository_id", "repositories", "id"],
  ["pull_request.authorId → person", "pull_requests", "author_id", "people", "id"],
  ["deployment.repositoryId → repository", "deployments", "repository_id", "repositories", "id"],
  ["ci_run.repositoryId → repository", "ci_runs", "repository_id", "repositories", "id"],
  ["incident.repositoryId → repository", "incidents", "repository_id", "repositories", "id"],
  ["incident.teamId → team", "incidents", "team_id", "teams", "id"],
  ["incident.deploymentId → deployment", "incidents", "deployment_id", "deployments", "id"],
  ["repository_files.repositoryId → repository", "repository_files", "repository_id", "repositories", "id"],
];

/**
 * References that name no stored record. The import keeps them (records may
 * arrive in any order); this is where they are reported, never dropped.
 */
export async function findDanglingReferences(db: Db, workspaceId: number): Promise<DanglingReference[]> {
  const found: DanglingReference[] = [];
  for (const [reference, table, column, target, targetColumn] of REFERENCES) {
    const ids = (
      await db.tuples(
        `SELECT DISTINCT s.${column} FROM ${table} s WHERE s.workspace_id = ? AND s.${column} IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.workspace_id = s.workspace_id AND t.${targetColumn} = s.${column})
         ORDER BY s.${column}`,
        [workspaceId],
      )
    ).map((r) => r[0] as string);
    if (ids.length > 0) found.push({ reference, count: ids.length, examples: ids.slice(0, 5) });
  }
  return found;
}
