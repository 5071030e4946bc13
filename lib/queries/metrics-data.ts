import type { Db } from "@/db/client";
import type { Param } from "@/db/store";
import { foldPeople } from "@/lib/identities/fold";
import { builtWhenRead } from "@/lib/lazy";
import { resolveIdentities } from "@/lib/identities/resolve";
import type {
  DeploymentRow,
  IncidentRow,
  MetricsData,
  PersonRow,
  PullRequestRow,
  RepositoryRow,
  RowsAt,
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
import { type Attachment, DecodedSet, encodeTuples } from "./tuple-codec";

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
 * Facts kept with a snapshot's rows (lib/metrics/facts-index.ts): number
 * columns under a label saying which engine made them, and the snapshot's
 * deployments and merged pull requests by position, each built when asked.
 */
export interface KeptFacts {
  label: string;
  columns: (Int32Array | Float64Array)[];
  deployments: RowsAt<DeploymentRow>;
  pullRequests: RowsAt<PullRequestRow>;
}

/**
 * Everything the metrics engine reads for one workspace (the columns and
 * shapes of metrics-rows.ts). Given the workspace's current data version, the
 * rows come from its snapshot when one was kept at that version
 * (keepMetricsSnapshot); otherwise, or when the snapshot cannot be read, from
 * the tables.
 */
export async function loadMetricsData(db: Db, workspaceId: number, dataVersion?: number): Promise<MetricsData> {
  return (await loadMetricsInputs(db, workspaceId, dataVersion)).data;
}

/**
 * loadMetricsData, and the facts kept with the rows when they came from a
 * snapshot holding facts labelled `factsLabel` (null otherwise). With such
 * facts the deployments and pull requests are built only when something reads
 * them, and the graph links (what only deriving reads) are not loaded: a
 * caller that cannot use the facts must load the data again without the label.
 */
export async function loadMetricsInputs(
  db: Db,
  workspaceId: number,
  dataVersion?: number,
  factsLabel?: string,
): Promise<{ data: MetricsData; kept: KeptFacts | null }> {
  if (dataVersion !== undefined) {
    const bytes = await readMetricSnapshot(db, workspaceId, dataVersion, shapeOf(db));
    if (bytes) {
      try {
        return await fromSnapshot(db, workspaceId, new DecodedSet(bytes), factsLabel);
      } catch {
        // A damaged snapshot is only a cache: read the tables instead.
      }
    }
  }
  return { data: await assemble(db, workspaceId, await readTables(db, workspaceId)), kept: null };
}

/** The tables' positions in reads(). */
const REPOSITORIES = 0,
  DEPLOYMENTS = 1,
  PULL_REQUESTS = 2,
  INCIDENTS = 3,
  PEOPLE = 4,
  MINS = 5;
/** Columns of DEPLOYMENT_COLUMNS. */
const CREATED_AT = 4,
  FINISHED_AT = 5;

async function fromSnapshot(
  db: Db,
  workspaceId: number,
  set: DecodedSet,
  factsLabel: string | undefined,
): Promise<{ data: MetricsData; kept: KeptFacts | null }> {
  const r = reads(db);
  if (set.tables.length !== r.length)
    throw new Error(`the snapshot holds ${set.tables.length} tables, not ${r.length}`);
  const rows = <T>(t: number) => set.rows(t, (tuple) => r[t]!.build(tuple as Raw) as T);
  const deployments = set.rowsAt(DEPLOYMENTS, (tuple) => deploymentRow(tuple as Raw));
  const pullRequests = set.rowsAt(PULL_REQUESTS, (tuple) => pullRequestRow(tuple as Raw));
  // The earliest deployment times straight from the numbers, building no row.
  const table = set.tables[DEPLOYMENTS]!;
  let deploymentsStart: number | null = null,
    deploymentsCreated: number | null = null;
  for (let i = 0; i < table.rows; i++) {
    const created = set.cell(DEPLOYMENTS, CREATED_AT, i) as number;
    const t = (set.cell(DEPLOYMENTS, FINISHED_AT, i) as number | null) ?? created;
    if (deploymentsStart === null || t < deploymentsStart) deploymentsStart = t;
    if (deploymentsCreated === null || created < deploymentsCreated) deploymentsCreated = created;
  }
  const withFacts = factsLabel !== undefined && set.attachment?.label === factsLabel;
  const data = await assemble(
    db,
    workspaceId,
    [rows(REPOSITORIES), [], [], rows(INCIDENTS), rows(PEOPLE), rows(MINS)] as unknown as Built,
    { deploymentsStart, deploymentsCreated },
    !withFacts,
  );
  builtWhenRead(data, "deployments", () => Array.from({ length: deployments.length }, (_, i) => deployments.at(i)));
  builtWhenRead(data, "pullRequests", () => Array.from({ length: pullRequests.length }, (_, i) => pullRequests.at(i)));
  const kept = withFacts
    ? { label: set.attachment!.label, columns: set.attachment!.columns, deployments, pullRequests }
    : null;
  return { data, kept };
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
 * read or the workspace is past `maxRows`. With `facts`, what it returns for
 * those rows (the engine's derived facts, at that data version) is kept with
 * them. Returns the snapshot's size in bytes, or null when it was not kept.
 */
export async function keepMetricsSnapshot(
  db: Db,
  workspaceId: number,
  maxRows = SNAPSHOT_MAX_ROWS,
  facts?: (data: MetricsData, dataVersion: number) => Promise<Attachment | null>,
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
  let attachment: Attachment | undefined;
  if (facts) {
    const built = reads(db).map((r, i) => tuples[i]!.map((t) => r.build(t))) as unknown as Built;
    attachment = (await facts(await assemble(db, workspaceId, built), before)) ?? undefined;
  }
  const bytes = encodeTuples(tuples, attachment);
  return (await writeMetricSnapshot(db, workspaceId, before, shapeOf(db), bytes)) ? bytes.byteLength : null;
}

/** The earliest deployment: by finishedAt (createdAt when unfinished), and by createdAt. */
interface DeploymentStarts {
  deploymentsStart: number | null;
  deploymentsCreated: number | null;
}

function deploymentStarts(deployments: readonly DeploymentRow[]): DeploymentStarts {
  let deploymentsStart: number | null = null,
    deploymentsCreated: number | null = null;
  for (const d of deployments) {
    const t = d.finishedAt ?? d.createdAt;
    if (deploymentsStart === null || t < deploymentsStart) deploymentsStart = t;
    if (deploymentsCreated === null || d.createdAt < deploymentsCreated) deploymentsCreated = d.createdAt;
  }
  return { deploymentsStart, deploymentsCreated };
}

async function assemble(
  db: Db,
  workspaceId: number,
  tables: Built,
  // Every deployment and incident is loaded already: their earliest times need no query.
  { deploymentsStart, deploymentsCreated }: DeploymentStarts = deploymentStarts(tables[1]),
  withGraphLinks = true,
): Promise<MetricsData> {
  const [repositories, deployments, pullRequests, incidents, people, [mins]] = tables;
  const [commits, pullRequestsStart] = mins ?? [null, null];
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
    graphLinks: withGraphLinks ? await loadCurrentChangeLinks(db, workspaceId) : [],
    dataStart: starts.length > 0 ? Math.min(...starts) : null,
    sourceStarts,
  };
}
