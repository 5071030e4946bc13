import type { Db } from "@/db/client";
import type { Param } from "@/db/store";
import { foldPeople } from "@/lib/identities/fold";
import { resolveIdentities } from "@/lib/identities/resolve";
import type {
  DeploymentRow,
  IncidentRow,
  MetricsData,
  PersonRow,
  PullRequestRow,
  RepositoryRow,
} from "@/lib/metrics/types";
import { loadCurrentChangeLinks } from "./change-links";
import { loadIdentityInputs } from "./identities";
import { readMetricSnapshot, snapshotShape, writeMetricSnapshot } from "./metric-snapshots";
import {
  DEPLOYMENT_COLUMNS,
  deploymentRow,
  INCIDENT_COLUMNS,
  incidentRow,
  personColumns,
  personRow,
  PULL_REQUEST_COLUMNS,
  pullRequestRow,
  REPOSITORY_COLUMNS,
  repositoryRow,
  type Raw,
} from "./metrics-rows";
import { decodeTuples, encodeTuples } from "./tuple-codec";

/**
 * The reads of a workspace's rows, in the order of MetricsTables, each with
 * the function that builds the engine's shape from one of its tuples. The two
 * big reads take every row of the workspace: on SQLite a table scan beats an
 * index walk with a random row lookup each (~2x on the benchmark workspace).
 */
function reads(db: Db) {
  const scan = db.engine === "sqlite" ? " NOT INDEXED" : "";
  return [
    { sql: `SELECT ${REPOSITORY_COLUMNS} FROM repositories WHERE workspace_id = ?`, build: repositoryRow },
    { sql: `SELECT ${DEPLOYMENT_COLUMNS} FROM deployments${scan} WHERE workspace_id = ?`, build: deploymentRow },
    // Only merged pull requests can be changes; people's first pull requests are aggregated in personColumns.
    {
      sql: `SELECT ${PULL_REQUEST_COLUMNS} FROM pull_requests${scan} WHERE workspace_id = ? AND merged_at IS NOT NULL`,
      build: pullRequestRow,
    },
    { sql: `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE workspace_id = ?`, build: incidentRow },
    { sql: `SELECT ${personColumns(db.engine)} FROM people p WHERE p.workspace_id = ?`, build: personRow },
    {
      sql: `SELECT (SELECT MIN(authored_at) FROM commits WHERE workspace_id = ?),
        (SELECT MIN(created_at) FROM pull_requests WHERE workspace_id = ?)`,
      build: (r: Raw) => [r[0] as number | null, r[1] as number | null] as const,
    },
  ] as const;
}

/** What the reads build, in their order. */
type Built = [
  RepositoryRow[],
  DeploymentRow[],
  PullRequestRow[],
  IncidentRow[],
  PersonRow[],
  (readonly [number | null, number | null])[],
];

const paramsOf = (sql: string, workspaceId: number): Param[] =>
  Array.from({ length: sql.split("?").length - 1 }, () => workspaceId);

/** Every read, built. */
async function readTables(db: Db, workspaceId: number): Promise<Built> {
  // Asked at once: on PostgreSQL they run on several connections together (the server reads one table while
  // this process decodes another); SQLite answers each in turn.
  const out = await Promise.all(
    reads(db).map(({ sql, build }) => db.mapped(sql, paramsOf(sql, workspaceId), (t) => build(t as Raw))),
  );
  return out as unknown as Built;
}

/** Which reads a snapshot holds: changing one of them makes every kept snapshot unreadable. */
const shapeOf = (db: Db) => snapshotShape(reads(db).map((r) => r.sql));

/**
 * Everything the metrics engine reads for one workspace (the columns and
 * shapes of metrics-rows.ts). Given the workspace's current data version, the
 * rows come from its snapshot when one was kept at that version
 * (keepMetricsSnapshot); otherwise, or when the snapshot cannot be read, from
 * the tables.
 */
export async function loadMetricsData(db: Db, workspaceId: number, dataVersion?: number): Promise<MetricsData> {
  let tables: Built | null = null;
  if (dataVersion !== undefined) {
    const bytes = await readMetricSnapshot(db, workspaceId, dataVersion, shapeOf(db));
    if (bytes) {
      try {
        tables = decodeTuples<unknown>(
          bytes,
          reads(db).map((r) => (t: unknown[]) => r.build(t as Raw)),
        ) as unknown as Built;
      } catch {
        tables = null; // a damaged snapshot is only a cache: read the tables instead
      }
    }
  }
  tables ??= await readTables(db, workspaceId);
  return assemble(db, workspaceId, tables);
}

/**
 * Past this many rows (deployments and merged pull requests) a workspace keeps
 * no snapshot: making one holds every row in memory at once (about 1 GB per
 * 2 M rows), more than an import or a worker should take on for a cache.
 */
export const SNAPSHOT_MAX_ROWS = 1_000_000;

/**
 * Reads a workspace's rows and keeps them as its snapshot at the current data
 * version (after an import or a sync), unless the data changed while they were
 * read or the workspace is past `maxRows`. Returns the snapshot's size in
 * bytes, or null when it was not kept.
 */
export async function keepMetricsSnapshot(
  db: Db,
  workspaceId: number,
  maxRows = SNAPSHOT_MAX_ROWS,
): Promise<number | null> {
  const version = async () => Number(await db.value("SELECT data_version FROM workspaces WHERE id = ?", [workspaceId]));
  const rows = await db.value<number>(
    `SELECT (SELECT COUNT(*) FROM deployments WHERE workspace_id = ?)
      + (SELECT COUNT(*) FROM pull_requests WHERE workspace_id = ? AND merged_at IS NOT NULL)`,
    [workspaceId, workspaceId],
  );
  if (Number(rows) > maxRows) return null;
  const before = await version();
  const tuples: unknown[][][] = [];
  for (const { sql } of reads(db)) tuples.push(await db.tuples(sql, paramsOf(sql, workspaceId)));
  if ((await version()) !== before) return null;
  const bytes = encodeTuples(tuples);
  return (await writeMetricSnapshot(db, workspaceId, before, shapeOf(db), bytes)) ? bytes.byteLength : null;
}

async function assemble(db: Db, workspaceId: number, tables: Built): Promise<MetricsData> {
  const [repositories, deployments, pullRequests, incidents, people, [mins]] = tables;
  const [commits, pullRequestsStart] = mins ?? [null, null];
  // Every deployment and incident is loaded already: their earliest times need no query.
  let deploymentsStart: number | null = null,
    deploymentsCreated: number | null = null;
  for (const d of deployments) {
    const t = d.finishedAt ?? d.createdAt;
    if (deploymentsStart === null || t < deploymentsStart) deploymentsStart = t;
    if (deploymentsCreated === null || d.createdAt < deploymentsCreated) deploymentsCreated = d.createdAt;
  }
  let incidentsStart: number | null = null;
  for (const i of incidents) if (incidentsStart === null || i.openedAt < incidentsStart) incidentsStart = i.openedAt;
  const starts = [commits, pullRequestsStart, deploymentsCreated, incidentsStart].filter((t) => t !== null);
  const sourceStarts = {
    deployments: deploymentsStart,
    incidents: incidentsStart,
    pullRequests: pullRequestsStart,
    commits,
  };

  // One person under several ids (emails, a login) is one person: fold them before anything is counted.
  const { leaderOf } = resolveIdentities(await loadIdentityInputs(db, workspaceId));
  return {
    repositories,
    deployments,
    pullRequests,
    incidents,
    people: foldPeople(people, leaderOf),
    graphLinks: await loadCurrentChangeLinks(db, workspaceId),
    dataStart: starts.length > 0 ? Math.min(...starts) : null,
    sourceStarts,
  };
}
