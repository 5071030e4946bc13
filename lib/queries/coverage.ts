import type { Db } from "@/db/client";
import { WEEK_MS } from "@/lib/time";

/** How much of one record type a workspace holds, and over which dates. */
export interface RecordTypeCoverage {
  /** The event-format type: commit, pull_request, deployment… */
  type: string;
  /** Every record of the type in the workspace. */
  count: number;
  /** Earliest and latest timestamp of the type's own time (UTC ms); null without records or times. */
  first: number | null;
  last: number | null;
  /** Records whose time falls in `[from, to)`; null for types without a time (teams, people). */
  inWindow: number | null;
}

/** Each record type's table and the time that places it (spec/events.md). */
const TIMED = [
  { type: "commit", table: "commits", time: "authored_at" },
  { type: "pull_request", table: "pull_requests", time: "created_at" },
  { type: "deployment", table: "deployments", time: "created_at" },
  { type: "incident", table: "incidents", time: "opened_at" },
  { type: "ci_run", table: "ci_runs", time: "started_at" },
  { type: "repository", table: "repositories", time: "created_at" },
  { type: "repository_files", table: "repository_files", time: "observed_at" },
] as const;
const UNTIMED = [
  { type: "team", table: "teams" },
  { type: "person", table: "people" },
] as const;

/** 1 when the column's time falls in `[?, ?)`, else 0 (PostgreSQL does not sum booleans). */
const inWindow = (time: string) => `CASE WHEN ${time} >= ? AND ${time} < ? THEN 1 ELSE 0 END`;

/** Counts and date ranges of every record type of a workspace, overall and in the window. */
export async function listRecordCoverage(
  db: Db,
  workspaceId: number,
  window: { from: number; to: number },
): Promise<RecordTypeCoverage[]> {
  const timed: RecordTypeCoverage[] = [];
  for (const { type, table, time } of TIMED) {
    const [row] = await db.tuples(
      `SELECT count(*), min(${time}), max(${time}), coalesce(sum(${inWindow(time)}), 0) FROM ${table} WHERE workspace_id = ?`,
      [window.from, window.to, workspaceId],
    );
    const [count, first, last, within] = row as [number, number | null, number | null, number];
    timed.push({ type, count, first, last, inWindow: within });
  }
  const untimed: RecordTypeCoverage[] = [];
  for (const { type, table } of UNTIMED) {
    const count = (await db.value<number>(`SELECT count(*) FROM ${table} WHERE workspace_id = ?`, [workspaceId])) ?? 0;
    untimed.push({ type, count, first: null, last: null, inWindow: null });
  }
  return [...untimed, ...timed];
}

/** What the store holds for one repository id (also ids that records name but no repository record describes). */
export interface RepositoryCoverage {
  id: string;
  /** null when no repository record arrived for the id. */
  name: string | null;
  teamId: string | null;
  commits: { total: number; inWindow: number; last: number | null };
  pullRequests: { total: number; inWindow: number; last: number | null };
  /** Deployments of any environment and status; `inWindow` by finishedAt. */
  deployments: { total: number; inWindow: number; last: number | null };
  /** When its latest configuration snapshot (repository_files) was observed; null without one. */
  snapshotAt: number | null;
}

type Counts = Map<string, { total: number; inWindow: number; last: number | null }>;

async function countsBy(db: Db, sql: string, args: number[]): Promise<Counts> {
  const rows = (await db.tuples(sql, args)) as [string, number, number, number | null][];
  return new Map(rows.map(([id, total, inWindow, last]) => [id, { total, inWindow, last }]));
}

/**
 * Per repository: commits (by authoredAt), pull requests (by createdAt) and
 * deployments (by finishedAt) in total and in the window, their latest time,
 * and the configuration snapshot. By name, then id; unknown ids last.
 */
export async function listRepositoryCoverage(
  db: Db,
  workspaceId: number,
  window: { from: number; to: number },
): Promise<RepositoryCoverage[]> {
  const args = [window.from, window.to, workspaceId];
  const commits = await countsBy(
    db,
    `SELECT repository_id, count(*), coalesce(sum(${inWindow("authored_at")}), 0), max(authored_at) FROM commits WHERE workspace_id = ? GROUP BY repository_id`,
    args,
  );
  const pullRequests = await countsBy(
    db,
    `SELECT repository_id, count(*), coalesce(sum(${inWindow("created_at")}), 0), max(created_at) FROM pull_requests WHERE workspace_id = ? GROUP BY repository_id`,
    args,
  );
  const deployments = await countsBy(
    db,
    `SELECT repository_id, count(*), coalesce(sum(${inWindow("finished_at")}), 0), max(finished_at) FROM deployments WHERE workspace_id = ? GROUP BY repository_id`,
    args,
  );
  const repositories = (await db.tuples(
    "SELECT r.id, r.name, r.team_id, f.observed_at FROM repositories r LEFT JOIN repository_files f ON f.workspace_id = r.workspace_id AND f.repository_id = r.id WHERE r.workspace_id = ? ORDER BY r.name, r.id",
    [workspaceId],
  )) as [string, string, string | null, number | null][];
  const none = { total: 0, inWindow: 0, last: null };
  const row = (
    id: string,
    name: string | null,
    teamId: string | null,
    snapshotAt: number | null,
  ): RepositoryCoverage => ({
    id,
    name,
    teamId,
    snapshotAt,
    commits: commits.get(id) ?? none,
    pullRequests: pullRequests.get(id) ?? none,
    deployments: deployments.get(id) ?? none,
  });
  const known = new Set(repositories.map(([id]) => id));
  const unknown = [...new Set([...commits.keys(), ...pullRequests.keys(), ...deployments.keys()])]
    .filter((id) => !known.has(id))
    .sort();
  return [
    ...repositories.map(([id, name, teamId, snapshotAt]) => row(id, name, teamId, snapshotAt)),
    ...unknown.map((id) => row(id, null, null, null)),
  ];
}

/** Records per full week of the window, oldest first: index 0 is the week starting at `from`. */
export interface WeeklyActivity {
  commits: number[];
  pullRequests: number[];
  deployments: number[];
  incidents: number[];
}

/** How many commits, pull requests, deployments and incidents each week of the window holds (to find gaps in the data). */
export async function listWeeklyActivity(
  db: Db,
  workspaceId: number,
  window: { from: number; to: number },
): Promise<WeeklyActivity> {
  const weeks = Math.max(0, Math.floor((window.to - window.from) / WEEK_MS));
  const end = window.from + weeks * WEEK_MS;
  const perWeek = async (table: string, time: string): Promise<number[]> => {
    const counts = new Array<number>(weeks).fill(0);
    // SQLite binds numbers as REAL: the cast makes the division a whole week index on both engines.
    const rows = (await db.tuples(
      `SELECT CAST((${time} - ?) / ${WEEK_MS} AS INTEGER), count(*) FROM ${table} WHERE workspace_id = ? AND ${time} >= ? AND ${time} < ? GROUP BY 1`,
      [window.from, workspaceId, window.from, end],
    )) as [number, number][];
    for (const [week, n] of rows) counts[week] = n;
    return counts;
  };
  return {
    commits: await perWeek("commits", "authored_at"),
    pullRequests: await perWeek("pull_requests", "created_at"),
    deployments: await perWeek("deployments", "finished_at"),
    incidents: await perWeek("incidents", "opened_at"),
  };
}

/**
 * The SQLite file the store lives in (what a started app server must open
 * too); null for an in-memory database, and for PostgreSQL, whose URL (with
 * its password) the child takes from the same environment as this process.
 */
export function databaseFile(db: Db): string | null {
  if (db.engine !== "sqlite") return null;
  const name = db.location;
  return name === ":memory:" || name === "" ? null : name;
}
