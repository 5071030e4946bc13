import type { Statement } from "better-sqlite3";
import type { Db } from "@/db/client";
import type { EventRecord, EventType } from "@/lib/events/types";

/** Table, identity columns and stored columns (record field → column) of each type. */
const TABLES: Record<EventType, { table: string; key: string[]; columns: [field: string, column: string][] }> = {
  team: {
    table: "teams",
    key: ["id"],
    columns: [
      ["id", "id"],
      ["name", "name"],
      ["parentId", "parent_id"],
    ],
  },
  repository: {
    table: "repositories",
    key: ["id"],
    columns: [
      ["id", "id"],
      ["name", "name"],
      ["createdAt", "created_at"],
      ["teamId", "team_id"],
      ["defaultBranch", "default_branch"],
      ["url", "url"],
      ["isTemplate", "is_template"],
      ["templateId", "template_id"],
    ],
  },
  person: {
    table: "people",
    key: ["id"],
    columns: [
      ["id", "id"],
      ["name", "name"],
      ["teamId", "team_id"],
      ["joinedAt", "joined_at"],
      ["isBot", "is_bot"],
    ],
  },
  commit: {
    table: "commits",
    key: ["repository_id", "sha"],
    columns: [
      ["repositoryId", "repository_id"],
      ["sha", "sha"],
      ["authoredAt", "authored_at"],
      ["authorId", "author_id"],
      ["committedAt", "committed_at"],
      ["parents", "parents"],
    ],
  },
  pull_request: {
    table: "pull_requests",
    key: ["repository_id", "number"],
    columns: [
      ["repositoryId", "repository_id"],
      ["number", "number"],
      ["authorId", "author_id"],
      ["createdAt", "created_at"],
      ["firstCommitAt", "first_commit_at"],
      ["mergedAt", "merged_at"],
      ["closedAt", "closed_at"],
      ["baseBranch", "base_branch"],
      ["mergeCommitSha", "merge_commit_sha"],
      ["url", "url"],
      ["title", "title"],
      ["labels", "labels"],
    ],
  },
  deployment: {
    table: "deployments",
    key: ["id"],
    columns: [
      ["id", "id"],
      ["repositoryId", "repository_id"],
      ["environment", "environment"],
      ["status", "status"],
      ["createdAt", "created_at"],
      ["finishedAt", "finished_at"],
      ["sha", "sha"],
      ["url", "url"],
    ],
  },
  ci_run: {
    table: "ci_runs",
    key: ["id"],
    columns: [
      ["id", "id"],
      ["repositoryId", "repository_id"],
      ["workflow", "workflow"],
      ["status", "status"],
      ["startedAt", "started_at"],
      ["finishedAt", "finished_at"],
      ["headSha", "head_sha"],
      ["branch", "branch"],
      ["event", "event"],
      ["url", "url"],
    ],
  },
  incident: {
    table: "incidents",
    key: ["id"],
    columns: [
      ["id", "id"],
      ["openedAt", "opened_at"],
      ["title", "title"],
      ["severity", "severity"],
      ["resolvedAt", "resolved_at"],
      ["repositoryId", "repository_id"],
      ["teamId", "team_id"],
      ["deploymentId", "deployment_id"],
      ["causeSha", "cause_sha"],
      ["fixDeploymentId", "fix_deployment_id"],
      ["source", "source"],
      ["url", "url"],
    ],
  },
  repository_files: {
    table: "repository_files",
    key: ["repository_id"],
    columns: [
      ["repositoryId", "repository_id"],
      ["observedAt", "observed_at"],
      ["files", "files"],
    ],
  },
};

/** The upsert of one type: identity conflicts replace the whole row (last write wins). */
export function upsertSql(type: EventType): string {
  const { table, key, columns } = TABLES[type];
  const names = ["workspace_id", ...columns.map(([, c]) => c)];
  const updates = columns.filter(([, c]) => !key.includes(c)).map(([, c]) => `${c} = excluded.${c}`);
  // A snapshot replaces an earlier one only: an older observation arriving late changes nothing.
  const guard = type === "repository_files" ? ` WHERE excluded.observed_at >= ${table}.observed_at` : "";
  return (
    `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")}) ` +
    `ON CONFLICT (workspace_id, ${key.join(", ")}) DO UPDATE SET ${updates.join(", ")}${guard}`
  );
}

/** Bound parameters of a record, in upsertSql order. */
function parameters(workspaceId: number, record: EventRecord): unknown[] {
  const params: unknown[] = [workspaceId];
  const fields = record as unknown as Record<string, unknown>;
  for (const [field] of TABLES[record.type].columns) {
    const v = fields[field];
    // Lists (files, parents, labels) are stored as JSON text; absent stays NULL.
    params.push(typeof v === "boolean" ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v);
  }
  return params;
}

const statementCache = new WeakMap<Db, Map<EventType, Statement>>();

function statement(db: Db, type: EventType): Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let stmt = cache.get(type);
  if (!stmt) {
    stmt = db.$client.prepare(upsertSql(type));
    cache.set(type, stmt);
  }
  return stmt;
}

/**
 * Upserts validated records into a workspace, in one transaction that also
 * moves the workspace's data version: whatever is committed is seen at once by
 * every cache keyed on the version, even when the import dies after this batch.
 */
export async function upsertRecords(db: Db, workspaceId: number, records: readonly EventRecord[]): Promise<void> {
  writeTransaction(db, () => {
    for (const r of records) statement(db, r.type).run(parameters(workspaceId, r));
    db.$client.prepare("UPDATE workspaces SET data_version = data_version + 1 WHERE id = ?").run(workspaceId);
  });
}

/** Runs `work` in an IMMEDIATE transaction, so concurrent writers queue on the busy timeout instead of deadlocking. */
function writeTransaction(db: Db, work: () => void): void {
  db.$client.transaction(work).immediate();
}
