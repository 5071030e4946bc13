/**
 * The record types the benchmark generates, with each field's event-format
 * name (spec/events.md), its column in the store and its kind. The generator
 * emits values in this order; the NDJSON writer names them, the raw baseline
 * binds them. Kept apart from lib/queries/ingest.ts on purpose: the baseline
 * must not share code with what it measures.
 */

export type BenchRecordType =
  | "team"
  | "repository"
  | "person"
  | "commit"
  | "pull_request"
  | "deployment"
  | "ci_run"
  | "incident";

/** How a value is written: timestamps are UTC milliseconds (whole seconds) inside; "json" is JSON text already (a list). */
export type FieldKind = "string" | "time" | "int" | "bool" | "json";

export interface BenchField {
  name: string;
  column: string;
  kind: FieldKind;
}

/** A record's values in its field order; null is an absent field. */
export type RecordValues = (string | number | boolean | null)[];

const s = (name: string, column: string): BenchField => ({ name, column, kind: "string" });
const t = (name: string, column: string): BenchField => ({ name, column, kind: "time" });

/** Table and fields of each type, in the order the generator emits values. */
export const RECORD_TYPES: Record<BenchRecordType, { table: string; fields: readonly BenchField[] }> = {
  team: { table: "teams", fields: [s("id", "id"), s("name", "name"), s("parentId", "parent_id")] },
  repository: {
    table: "repositories",
    fields: [
      s("id", "id"),
      s("name", "name"),
      t("createdAt", "created_at"),
      s("teamId", "team_id"),
      s("defaultBranch", "default_branch"),
      s("url", "url"),
      { name: "isTemplate", column: "is_template", kind: "bool" },
      s("templateId", "template_id"),
    ],
  },
  person: {
    table: "people",
    fields: [
      s("id", "id"),
      s("name", "name"),
      s("teamId", "team_id"),
      t("joinedAt", "joined_at"),
      { name: "isBot", column: "is_bot", kind: "bool" },
    ],
  },
  commit: {
    table: "commits",
    fields: [
      s("repositoryId", "repository_id"),
      s("sha", "sha"),
      t("authoredAt", "authored_at"),
      s("authorId", "author_id"),
      t("committedAt", "committed_at"),
      { name: "parents", column: "parents", kind: "json" },
    ],
  },
  pull_request: {
    table: "pull_requests",
    fields: [
      s("repositoryId", "repository_id"),
      { name: "number", column: "number", kind: "int" },
      s("authorId", "author_id"),
      t("createdAt", "created_at"),
      t("firstCommitAt", "first_commit_at"),
      t("mergedAt", "merged_at"),
      t("closedAt", "closed_at"),
      s("baseBranch", "base_branch"),
      s("mergeCommitSha", "merge_commit_sha"),
      s("url", "url"),
      s("title", "title"),
      { name: "labels", column: "labels", kind: "json" },
    ],
  },
  deployment: {
    table: "deployments",
    fields: [
      s("id", "id"),
      s("repositoryId", "repository_id"),
      s("environment", "environment"),
      s("status", "status"),
      t("createdAt", "created_at"),
      t("finishedAt", "finished_at"),
      s("sha", "sha"),
      s("url", "url"),
    ],
  },
  ci_run: {
    table: "ci_runs",
    fields: [
      s("id", "id"),
      s("repositoryId", "repository_id"),
      s("workflow", "workflow"),
      s("status", "status"),
      t("startedAt", "started_at"),
      t("finishedAt", "finished_at"),
      s("headSha", "head_sha"),
      s("branch", "branch"),
      s("event", "event"),
      s("url", "url"),
    ],
  },
  incident: {
    table: "incidents",
    fields: [
      s("id", "id"),
      t("openedAt", "opened_at"),
      s("title", "title"),
      s("severity", "severity"),
      t("resolvedAt", "resolved_at"),
      s("repositoryId", "repository_id"),
      s("teamId", "team_id"),
      s("deploymentId", "deployment_id"),
      s("causeSha", "cause_sha"),
      s("source", "source"),
      s("url", "url"),
    ],
  },
};

export const BENCH_RECORD_TYPES = Object.keys(RECORD_TYPES) as BenchRecordType[];

/** Where generated records go: an NDJSON file or the raw baseline's statements. */
export interface RecordSink {
  write(type: BenchRecordType, values: RecordValues): void;
}

/** Records per type. */
export type RecordCounts = Record<BenchRecordType, number>;

export function emptyCounts(): RecordCounts {
  return Object.fromEntries(BENCH_RECORD_TYPES.map((type) => [type, 0])) as RecordCounts;
}

export function totalOf(counts: RecordCounts): number {
  return BENCH_RECORD_TYPES.reduce((sum, type) => sum + counts[type], 0);
}
