import type { Db } from "@/db/client";
import type { Param } from "@/db/store";
import { foldPeople } from "@/lib/identities/fold";
import { resolveIdentities } from "@/lib/identities/resolve";
import type { MetricsData, PersonRow } from "@/lib/metrics/types";
import { IDENTITY_READS, identityInputsFrom } from "./identities";
import { loadCurrentChangeLinks } from "./change-links";
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

/** At most this many values in one `IN (…)` list (both dialects take far more; this keeps statements small). */
const CHUNK = 500;

/** One read of readTogether: `SELECT columns FROM from [ORDER BY order]`; `from` null reads one row of scalars. */
interface Read {
  columns: string;
  from: string | null;
  order?: string;
  params: Param[];
}

/**
 * The rows of several reads that need no other's answer. SQLite answers
 * each at once, in turn. On PostgreSQL they are one statement, each read a
 * JSON array of its rows (json_agg of json_build_array: the same values in
 * the same order as its own SELECT would give): a fresh connection pays two
 * round trips in all (postgres.js describes a statement new to a connection
 * before running it) instead of two per read, which on a loaded machine
 * was most of a cold team's time.
 */
async function readTogether(db: Db, reads: readonly Read[]): Promise<Raw[][]> {
  if (db.engine !== "postgres")
    return Promise.all(
      reads.map(
        (r) =>
          db.tuples(
            `SELECT ${r.columns}${r.from === null ? "" : ` FROM ${r.from}`}${r.order ? ` ORDER BY ${r.order}` : ""}`,
            r.params,
          ) as Promise<Raw[]>,
      ),
    );
  const parts = reads.map((r) =>
    r.from === null
      ? `(SELECT json_build_array(json_build_array(${r.columns})))`
      : `(SELECT coalesce(json_agg(json_build_array(${r.columns})${r.order ? ` ORDER BY ${r.order}` : ""}), '[]'::json) FROM ${r.from})`,
  );
  const [row] = await db.tuples(
    `SELECT ${parts.join(",\n")}`,
    reads.flatMap((r) => r.params),
  );
  return (row ?? []).map((v) => (typeof v === "string" ? JSON.parse(v) : v) as Raw[]);
}

/**
 * What the metrics engine reads to count one team, without reading the rest
 * of the workspace: the team's repositories with their deployments and merged
 * pull requests, the incidents its scope or its deployments touch, the
 * deployments those incidents name (for attribution rules 1 and 2, which look
 * across the workspace), its people, and the workspace's source starts.
 *
 * Counted for the team (scope `{ teamId }`), these rows give the numbers the
 * whole workspace's rows give (test/lib/metrics/team-read.test.ts compares
 * every team of a generated workspace): attribution rules 3 and 4 only ever
 * reach the incident's own repository or team, so an incident outside the
 * team can only fail one of the team's deployments by naming it or its sha,
 * and such incidents are read.
 */
export async function loadTeamMetricsData(db: Db, workspaceId: number, teamId: string): Promise<MetricsData> {
  const read = async <T>(shape: (r: Raw) => T, query: string, ...params: Param[]): Promise<T[]> =>
    (await db.tuples(query, params)).map(shape);
  const teamRepositories = "SELECT id FROM repositories WHERE workspace_id = ? AND team_id = ?";

  // The team's incidents, and any other incident that names one of its deployments (by id, as its fix, or by sha).
  const teamDeployments = `SELECT id FROM deployments WHERE workspace_id = ? AND repository_id IN (${teamRepositories})`;
  // No "sha IS NOT NULL": SQLite would walk the whole sha index for it, and a null in the list matches nothing.
  const teamShas = `SELECT sha FROM deployments WHERE workspace_id = ? AND repository_id IN (${teamRepositories})`;

  // Every read that needs no other's answer is asked at once (readTogether).
  const [
    repositoryRows,
    deploymentRows,
    pullRequestRows,
    incidentRows,
    memberRows,
    teamLinkRows,
    versionRows,
    startRows,
    ...identityRows
  ] = await readTogether(db, [
    {
      columns: REPOSITORY_COLUMNS,
      from: "repositories WHERE workspace_id = ? AND team_id = ?",
      params: [workspaceId, teamId],
    },
    {
      columns: DEPLOYMENT_COLUMNS,
      from: `deployments WHERE workspace_id = ? AND repository_id IN (${teamRepositories})`,
      params: [workspaceId, workspaceId, teamId],
    },
    {
      columns: PULL_REQUEST_COLUMNS,
      from: `pull_requests WHERE workspace_id = ? AND repository_id IN (${teamRepositories}) AND merged_at IS NOT NULL`,
      params: [workspaceId, workspaceId, teamId],
    },
    {
      columns: INCIDENT_COLUMNS,
      from: `incidents WHERE workspace_id = ? AND (
           repository_id IN (${teamRepositories})
           OR (repository_id IS NULL AND team_id = ?)
           OR deployment_id IN (${teamDeployments})
           OR fix_deployment_id IN (${teamDeployments})
           OR cause_sha IN (${teamShas}))`,
      params: [
        workspaceId,
        workspaceId,
        teamId,
        teamId,
        ...[0, 1, 2].flatMap(() => [workspaceId, workspaceId, teamId]),
      ],
    },
    {
      columns: personColumns(db.engine),
      from: "people p WHERE p.workspace_id = ? AND p.team_id = ?",
      params: [workspaceId, teamId],
    },
    // Read with the rest; used when the links are current (else rebuilt below).
    {
      columns: "repository_id, number, deployment_id",
      from: `change_links WHERE workspace_id = ? AND repository_id IN (${teamRepositories})`,
      params: [workspaceId, workspaceId, teamId],
    },
    { columns: "data_version, links_version", from: "workspaces WHERE id = ?", params: [workspaceId] },
    // When each source begins is the workspace's, whichever team is counted: each an index's first entry.
    {
      columns: `(SELECT MIN(authored_at) FROM commits WHERE workspace_id = ?),
         (SELECT MIN(created_at) FROM pull_requests WHERE workspace_id = ?),
         (SELECT MIN(created_at) FROM deployments WHERE workspace_id = ?),
         (SELECT MIN(finished_at) FROM deployments WHERE workspace_id = ?),
         (SELECT MIN(created_at) FROM deployments WHERE workspace_id = ? AND finished_at IS NULL),
         (SELECT MIN(opened_at) FROM incidents WHERE workspace_id = ?)`,
      from: null,
      params: Array(6).fill(workspaceId),
    },
    ...IDENTITY_READS.map((r) => ({ ...r, params: [workspaceId] })),
  ]);
  const repositories = repositoryRows!.map(repositoryRow);
  const deployments = deploymentRows!.map(deploymentRow);
  const pullRequests = pullRequestRows!.map(pullRequestRow);
  const incidents = incidentRows!.map(incidentRow);
  const members = memberRows!.map(personRow);
  const teamLinks = teamLinkRows!.map(([repositoryId, number, deploymentId]) => ({
    repositoryId: repositoryId as string,
    number: Number(number),
    deploymentId: deploymentId as string | null,
  }));
  const [dataVersion, linksVersion] = versionRows![0]! as [number, number];
  const identityInputs = await identityInputsFrom(db, workspaceId, identityRows as [Raw[], Raw[], Raw[]]);

  // Rules 1 and 2 look across the workspace: the deployments those incidents name, and every deployment of their shas.
  const known = new Set(deployments.map((d) => d.id));
  const ids = new Set<string>(),
    shas = new Set<string>();
  for (const i of incidents) {
    if (i.deploymentId !== null && !known.has(i.deploymentId)) ids.add(i.deploymentId);
    if (i.fixDeploymentId !== null && !known.has(i.fixDeploymentId)) ids.add(i.fixDeploymentId);
    if (i.causeSha !== null) shas.add(i.causeSha);
  }
  const named = async (column: "id" | "sha", values: Set<string>) => {
    const list = [...values];
    for (let at = 0; at < list.length; at += CHUNK) {
      const part = list.slice(at, at + CHUNK);
      for (const d of await read(
        deploymentRow,
        `SELECT ${DEPLOYMENT_COLUMNS} FROM deployments WHERE workspace_id = ? AND ${column} IN (${part.map(() => "?").join(", ")})`,
        workspaceId,
        ...part,
      )) {
        if (known.has(d.id)) continue;
        known.add(d.id);
        deployments.push(d);
      }
    }
  };
  await named("id", ids);
  await named("sha", shas);

  // One person under several ids is one person: the groups that hold one of the team's people are read whole.
  const { leaderOf } = resolveIdentities(identityInputs);
  let people = members;
  if (leaderOf.size > 0) {
    // Folding keeps the order the whole workspace's read has (people_team: no team first, then by team).
    const leaders = new Set(members.map((p) => leaderOf.get(p.id) ?? p.id));
    const others = new Set<string>();
    for (const [id, leader] of leaderOf) if (leaders.has(leader)) others.add(id);
    for (const leader of leaders) others.add(leader);
    for (const p of members) others.delete(p.id);
    const list = [...others];
    people = [...members];
    for (let at = 0; at < list.length; at += CHUNK) {
      const part = list.slice(at, at + CHUNK);
      people.push(
        ...(await read(
          personRow,
          `SELECT ${personColumns(db.engine)} FROM people p WHERE p.workspace_id = ? AND p.id IN (${part.map(() => "?").join(", ")})`,
          workspaceId,
          ...part,
        )),
      );
    }
    const team = (p: PersonRow) => p.teamId ?? "";
    people.sort((a, b) => (team(a) < team(b) ? -1 : team(a) > team(b) ? 1 : 0));
  }

  // Links stale since another writer changed the workspace are rebuilt (all of them) as the whole read does.
  const teamRepositoryIds = new Set(repositories.map((r) => r.id));
  const graphLinks =
    dataVersion !== linksVersion
      ? (await loadCurrentChangeLinks(db, workspaceId)).filter((l) => teamRepositoryIds.has(l.repositoryId))
      : teamLinks;

  const [commits, pullRequestsStart, deploymentsCreated, finishedFirst, unfinishedFirst, incidentsStart] =
    startRows![0]!.map((v) => (v === null || v === undefined ? null : Number(v)));
  const earliest = (...ts: (number | null | undefined)[]) => {
    const present = ts.filter((t): t is number => t !== null && t !== undefined);
    return present.length > 0 ? Math.min(...present) : null;
  };
  const sourceStarts = {
    // A deployment counts from its finish, or its creation while unfinished (as metrics-data.ts).
    deployments: earliest(finishedFirst, unfinishedFirst),
    incidents: incidentsStart ?? null,
    pullRequests: pullRequestsStart ?? null,
    commits: commits ?? null,
  };
  return {
    repositories,
    deployments,
    pullRequests,
    incidents,
    people: foldPeople(people, leaderOf),
    graphLinks,
    dataStart: earliest(commits, pullRequestsStart, deploymentsCreated, incidentsStart),
    sourceStarts,
  };
}
