import type { Db } from "@/db/client";
import { postgresBulk } from "@/db/postgres-bulk";
import { sqliteBulk } from "@/db/sqlite";
import type { Param, Sql } from "@/db/store";
import type { EventRecord, EventType } from "@/lib/events/types";
import { lockWorkspaceWithin } from "./workspaces";

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

/** The conflict clause of a type: identity conflicts replace the whole row (last write wins). */
function onConflict(type: EventType): string {
  const { table, key, columns } = TABLES[type];
  const updates = columns.filter(([, c]) => !key.includes(c)).map(([, c]) => `${c} = excluded.${c}`);
  // A snapshot replaces an earlier one only: an older observation arriving late changes nothing.
  const guard = type === "repository_files" ? ` WHERE excluded.observed_at >= ${table}.observed_at` : "";
  return `ON CONFLICT (workspace_id, ${key.join(", ")}) DO UPDATE SET ${updates.join(", ")}${guard}`;
}

/** The columns an upsert of a type binds, workspace first. */
const columnsOf = (type: EventType) => ["workspace_id", ...TABLES[type].columns.map(([, c]) => c)];

/** The upsert of one record of a type. */
export function upsertSql(type: EventType): string {
  const names = columnsOf(type);
  return `INSERT INTO ${TABLES[type].table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")}) ${onConflict(type)}`;
}

/** The upsert of `rows` records of a type in one statement. */
function multiRowUpsertSql(type: EventType, rows: number): string {
  const names = columnsOf(type);
  const row = `(${names.map(() => "?").join(", ")})`;
  return `INSERT INTO ${TABLES[type].table} (${names.join(", ")}) VALUES ${Array.from({ length: rows }, () => row).join(", ")} ${onConflict(type)}`;
}

const UPSERT = Object.fromEntries(Object.keys(TABLES).map((t) => [t, upsertSql(t as EventType)])) as Record<
  EventType,
  string
>;

const BUMP_DATA_VERSION = "UPDATE workspaces SET data_version = data_version + 1 WHERE id = ?";

/** Bound parameters of a record, in upsertSql order. */
function parameters(workspaceId: number, record: EventRecord): Param[] {
  const params: Param[] = [workspaceId];
  const fields = record as unknown as Record<string, unknown>;
  for (const [field] of TABLES[record.type].columns) {
    const v = fields[field];
    // Lists (files, parents, labels) are stored as JSON text; absent stays NULL.
    params.push(typeof v === "boolean" ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : ((v ?? null) as Param));
  }
  return params;
}

/** The identity of a record within its type. */
function identity(record: EventRecord): string {
  const fields = record as unknown as Record<string, unknown>;
  const { key, columns } = TABLES[record.type];
  return JSON.stringify(key.map((column) => fields[columns.find(([, c]) => c === column)![0]]));
}

/**
 * The records of a batch grouped by type, each identity once: what applying
 * them one after another would leave (the last one; for snapshots the latest
 * observed, the later one on a tie). One statement may not touch a row twice.
 */
function finalRecords(records: readonly EventRecord[]): Map<EventType, EventRecord[]> {
  const byType = new Map<EventType, Map<string, EventRecord>>();
  for (const r of records) {
    let kept = byType.get(r.type);
    if (!kept) {
      kept = new Map();
      byType.set(r.type, kept);
    }
    const id = identity(r);
    const before = kept.get(id);
    if (before?.type === "repository_files" && r.type === "repository_files" && r.observedAt < before.observedAt)
      continue;
    kept.delete(id);
    kept.set(id, r);
  }
  return new Map([...byType].map(([type, kept]) => [type, [...kept.values()]]));
}

/**
 * The staging table of a type on PostgreSQL: a temporary table (one per
 * connection, no WAL) with the columns an upsert writes and no constraint,
 * emptied at every commit. The merge takes the rows in key order (index pages
 * in order; two imports lock shared rows in one order) and rewrites a stored
 * row only when a value differs: re-importing unchanged rows writes no new
 * row versions (about 4x faster, and no table bloat).
 */
function stageOf(type: EventType): { table: string; create: string; merge: string } {
  const { table, key, columns } = TABLES[type];
  const stage = `altimeter_stage_${table}`;
  const names = columnsOf(type).join(", ");
  const values = columns.filter(([, c]) => !key.includes(c)).map(([, c]) => c);
  const changed = `(${values.map((c) => `${table}.${c}`).join(", ")}) IS DISTINCT FROM (${values.map((c) => `excluded.${c}`).join(", ")})`;
  const conflict = onConflict(type);
  const guarded = conflict.includes(" WHERE ") ? `${conflict} AND ${changed}` : `${conflict} WHERE ${changed}`;
  return {
    table: stage,
    create: `CREATE TEMPORARY TABLE IF NOT EXISTS ${stage} ON COMMIT DELETE ROWS AS SELECT ${names} FROM ${table} WITH NO DATA`,
    merge: `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${stage} ORDER BY ${key.join(", ")} ${guarded}`,
  };
}

const STAGE = Object.fromEntries(Object.keys(TABLES).map((t) => [t, stageOf(t as EventType)])) as Record<
  EventType,
  ReturnType<typeof stageOf>
>;

/**
 * Records an import writes per transaction. SQLite has one write lock for the
 * whole store: 5,000 holds it for tens of milliseconds only. PostgreSQL locks
 * rows, not the store, so a larger batch only amortises the round trips of a
 * transaction (staging, COPY and merge of each type).
 */
export function recordsPerTransaction(db: Db): number {
  return db.engine === "postgres" ? 20_000 : 5_000;
}

/** Bound values per multi-row statement: under PostgreSQL's 65,535 with room to spare. */
const MAX_BOUND = 30_000;

/**
 * Upserts validated records into a workspace, in one transaction that also
 * moves the workspace's data version: whatever is committed is seen at once by
 * every cache keyed on the version, even when the import dies after this batch.
 * On SQLite each record is one cached prepared statement, run synchronously
 * (an await per row would cost more than storing it). On PostgreSQL each type
 * is COPYed into a temporary staging table and merged with one
 * `INSERT … SELECT … ON CONFLICT DO UPDATE` (identities once per batch, so
 * the merge touches each row once; last write wins as on SQLite). Another
 * store upserts each type in a few multi-row statements.
 */
export async function upsertRecords(
  db: Db,
  workspaceId: number,
  records: readonly EventRecord[],
  keep?: KeepRecords,
): Promise<readonly EventRecord[]> {
  if (keep) return upsertKept(db, workspaceId, records, keep);
  const bulk = sqliteBulk(db);
  if (bulk) {
    await bulk((run) => {
      for (const r of records) run(UPSERT[r.type], parameters(workspaceId, r));
      run(BUMP_DATA_VERSION, [workspaceId]);
    });
    return records;
  }
  const copy = postgresBulk(db);
  if (copy) {
    await copy(async (tx) => {
      // The version first, as below: its row lock queues the writers of one workspace.
      await tx.exec(BUMP_DATA_VERSION, [workspaceId]);
      for (const [type, rows] of finalRecords(records)) {
        const stage = STAGE[type];
        await tx.exec(stage.create);
        await tx.copyIn(
          stage.table,
          columnsOf(type),
          rows.map((r) => parameters(workspaceId, r)),
        );
        await tx.exec(stage.merge);
      }
    });
    return records;
  }
  await db.atomic(async (tx) => {
    // The version first: its row lock queues the writers of one workspace behind each other.
    // Taken last, two imports of the same records in different orders each locked rows the
    // other needed, and PostgreSQL killed one of them as a deadlock.
    await tx.exec(BUMP_DATA_VERSION, [workspaceId]);
    await upsertWithin(tx, workspaceId, records);
  });
  return records;
}

/**
 * Chooses, inside the write transaction and after the workspace's lock, which
 * of a batch's records are written (a webhook leaves out those older than what
 * is stored). It reads through `tx`, so what it judges cannot change before
 * the write.
 */
export type KeepRecords = (tx: Sql, records: readonly EventRecord[]) => Promise<readonly EventRecord[]>;

/**
 * `upsertRecords` with a choice made in the same transaction: the workspace's
 * row lock first (the lock every writer of its records takes first, so they
 * queue in one order), then `keep` reads what is stored and picks, then the
 * picked records are written and the data version moved. A check made before
 * the transaction let two webhook deliveries of one record both pass it and
 * the older one write last.
 */
async function upsertKept(
  db: Db,
  workspaceId: number,
  records: readonly EventRecord[],
  keep: KeepRecords,
): Promise<readonly EventRecord[]> {
  return db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    const kept = await keep(tx, records);
    if (kept.length === 0) return kept;
    await tx.exec(BUMP_DATA_VERSION, [workspaceId]);
    await upsertWithin(tx, workspaceId, kept);
    return kept;
  });
}

/** Upserts records in a few multi-row statements per type, within `tx`. */
async function upsertWithin(tx: Sql, workspaceId: number, records: readonly EventRecord[]): Promise<void> {
  for (const [type, rows] of finalRecords(records)) {
    const perStatement = Math.floor(MAX_BOUND / columnsOf(type).length);
    for (const chunk of sizedChunks(rows, perStatement))
      await tx.exec(
        multiRowUpsertSql(type, chunk.length),
        chunk.flatMap((r) => parameters(workspaceId, r)),
      );
  }
}

/**
 * Splits rows into chunks of at most `max`, the rest in powers of two, so a
 * store that prepares every statement text it meets (PostgreSQL) meets only a
 * few sizes per type.
 */
function sizedChunks<T>(rows: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  let i = 0;
  while (rows.length - i >= max) {
    out.push(rows.slice(i, i + max));
    i += max;
  }
  for (let size = 2 ** Math.floor(Math.log2(Math.max(1, max))); size >= 1; size /= 2)
    while (rows.length - i >= size) {
      out.push(rows.slice(i, i + size));
      i += size;
    }
  return out;
}
