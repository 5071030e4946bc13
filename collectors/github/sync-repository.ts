import type { Db } from "@/db/client";
import type { EventType } from "@/lib/events/types";
import { UpstreamError } from "@/lib/errors";
import { getCursor, setCursor } from "@/lib/queries/sync-cursors";
import { storeRecords } from "../store";
import type { CollectorFailure, ProgressEvent } from "../types";
import type { AuthorRegistry } from "./authors";
import type { Author } from "./map-people";
import type { GithubClient } from "./client";
import type { GithubConfig } from "./config";
import { snapshotFiles, type FilesPayload } from "./map-files";
import { monorepoFiles } from "./tree-walk";
import { mapRepository, RepositoryPayloadSchema, type RepositoryPayload } from "./map-repository";
import { REPOSITORY_QUERY } from "./queries";
import { lowerBound, readState, writeState, type StreamName, type StreamState } from "./streams";
import { readStreamPage } from "./stream-pages";
import type { RepositoryTarget } from "./sync-organization";

/** The `source` of the collector's cursors and runs. */
export const GITHUB_SOURCE = "github";

/** What stored records add up to over a sync: counts per type and rejections (mapping bugs, never dropped silently). */
export interface Tally {
  records: Partial<Record<EventType, number>>;
  rejected: CollectorFailure[];
}

/** Everything a repository's sync needs from the run around it. */
export interface RepositorySyncContext {
  client: GithubClient;
  db: Db;
  workspaceId: number;
  workspace: string;
  config: GithubConfig;
  /** Repository id → the team that owns it (map-teams.ts). */
  owners: Map<string, string>;
  authors: AuthorRegistry;
  tally: Tally;
  now: () => number;
  progress: (event: ProgressEvent) => void;
}

const STREAM_LABELS: Record<StreamName, string> = {
  pull_requests: "pull requests",
  commits: "commits",
  deployments: "deployments",
  incidents: "incidents",
  releases: "releases",
};

/** A sync that needs more requests than this has met a server that never ends a page. */
const MAX_ROUNDS = 10_000;

interface FilesState {
  pushedAt: string | null;
  head: string | null;
}

function streamKeys(config: GithubConfig): Record<StreamName, string> {
  return {
    pull_requests: "",
    commits: "",
    deployments: JSON.stringify([...(config.productionEnvironments ?? [])].sort()),
    incidents: JSON.stringify([...config.incidentLabels].sort()),
    releases: "",
  };
}

/** `--since` as GitHub's DateTime wants it (a date alone is UTC midnight). */
function sinceOf(config: GithubConfig): string | null {
  return config.since ? new Date(Date.parse(config.since)).toISOString() : null;
}

function variables(
  owner: string,
  name: string,
  states: Record<StreamName, StreamState>,
  open: Set<StreamName>,
  withFiles: boolean,
  config: GithubConfig,
) {
  const since = sinceOf(config);
  const commits = states.commits;
  return {
    owner,
    name,
    withPulls: open.has("pull_requests"),
    pullsAfter: states.pull_requests.after,
    withCommits: open.has("commits") && commits.from === null,
    withCommitsFrom: open.has("commits") && commits.from !== null,
    commitsFrom: commits.from,
    commitsAfter: commits.after,
    commitsSince: lowerBound(commits, since),
    withDeployments: open.has("deployments"),
    deploymentsAfter: states.deployments.after,
    environments: config.productionEnvironments ?? null,
    withIncidents: open.has("incidents"),
    issuesAfter: states.incidents.after,
    issuesSince: lowerBound(states.incidents, since),
    incidentLabels: config.incidentLabels,
    withReleases: open.has("releases"),
    releasesAfter: states.releases.after,
    withFiles,
  };
}

/** Adds what one store did to the sync's tally. */
export function addSummary(tally: Tally, scope: string, summary: Awaited<ReturnType<typeof storeRecords>>): void {
  for (const [type, n] of Object.entries(summary.imported))
    tally.records[type as EventType] = (tally.records[type as EventType] ?? 0) + n;
  for (const r of summary.rejected) tally.rejected.push({ scope, message: `a record was rejected: ${r.reason}` });
}

function readFilesState(text: string | null): FilesState | null {
  try {
    return text ? (JSON.parse(text) as FilesState) : null;
  } catch {
    return null; // an unreadable cursor only costs a fresh snapshot
  }
}

/**
 * The snapshot record when the default branch moved since the last one, and
 * the files state to keep: the snapshot query's root, named files and
 * conventional folders, and the monorepo walk's files (tree-walk.ts, at most
 * two requests more).
 */
async function filesSnapshot(
  client: GithubClient,
  repo: RepositoryPayload,
  target: RepositoryTarget,
  previous: FilesState | null,
  observedAt: string,
): Promise<{ record: object | null; state: FilesState }> {
  const head = repo.defaultBranchRef?.target ?? null;
  if (!head?.tree) return { record: null, state: { pushedAt: target.pushedAt, head: null } };
  const state = { pushedAt: target.pushedAt, head: head.oid };
  if (previous?.head === head.oid) return { record: null, state };
  const byPath = new Map(snapshotFiles(head as FilesPayload).map((f) => [f.path, f]));
  const [owner, name] = repo.nameWithOwner.split("/") as [string, string];
  for (const f of await monorepoFiles(client, owner, name, head.oid, head.tree.entries ?? []))
    if (!byPath.get(f.path)?.content) byPath.set(f.path, f);
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { record: { type: "repository_files", repositoryId: repo.nameWithOwner, observedAt, files }, state };
}

/**
 * Collects one repository: its record, then its streams a page at a time,
 * all open streams in one request (so a small repository costs one request).
 * After each round the records are stored, then the streams' cursors move.
 */
export async function syncRepository(ctx: RepositorySyncContext, target: RepositoryTarget): Promise<void> {
  const { db, workspaceId, config } = ctx;
  const [owner, name] = target.id.split("/") as [string, string];
  const keys = streamKeys(config);
  const streams: StreamName[] = [
    "pull_requests",
    "commits",
    "deployments",
    "incidents",
    ...(config.releasesAsDeployments ? (["releases"] as const) : []),
  ];
  const states = {} as Record<StreamName, StreamState>;
  for (const s of Object.keys(keys) as StreamName[])
    states[s] = readState(await getCursor(db, workspaceId, GITHUB_SOURCE, target.id, s), keys[s]);
  const previousFiles = readFilesState(await getCursor(db, workspaceId, GITHUB_SOURCE, target.id, "files"));
  const open = new Set<StreamName>(streams);
  const counts = new Map<StreamName, { done: number; total?: number }>();
  let withFiles = target.pushedAt === null || previousFiles?.pushedAt !== target.pushedAt;

  for (let round = 0; round === 0 || open.size > 0; round++) {
    if (round >= MAX_ROUNDS) throw new UpstreamError(`${target.id}: GitHub never ended its pages`, "server");
    const data = await ctx.client.query(
      REPOSITORY_QUERY,
      variables(owner, name, states, open, withFiles, config),
      RepositoryPayloadSchema,
    );
    const repo = data.repository;
    if (!repo) throw new UpstreamError(`repository ${target.id} not found, or the token cannot read it`, "client");
    const repositoryId = repo.nameWithOwner;
    const records: object[] = [];
    const authors: (Author | null)[] = [];
    const moved = new Map<string, string>();
    if (round === 0) {
      records.push(mapRepository(repo, ctx.owners.get(repositoryId) ?? null));
      // Releases stand in for deployments only where there are none.
      if ((repo.deployments?.totalCount ?? 0) > 0) open.delete("releases");
    }
    if (withFiles) {
      const snapshot = await filesSnapshot(ctx.client, repo, target, previousFiles, new Date(ctx.now()).toISOString());
      if (snapshot.record) records.push(snapshot.record);
      moved.set("files", JSON.stringify(snapshot.state));
    }
    for (const stream of [...open]) {
      const page = readStreamPage(stream, repo, repositoryId, states[stream], sinceOf(config));
      records.push(...page.records);
      authors.push(...page.authors);
      counts.set(stream, { done: (counts.get(stream)?.done ?? 0) + page.count, total: page.total });
      states[stream] = page.state;
      moved.set(stream, writeState(page.state));
      if (page.done) open.delete(stream);
    }
    records.push(...(await ctx.authors.newPeople(authors)));
    addSummary(ctx.tally, repositoryId, await storeRecords(db, ctx.workspace, `github ${repositoryId}`, records));
    const now = ctx.now();
    for (const [stream, cursor] of moved)
      await setCursor(db, workspaceId, GITHUB_SOURCE, target.id, stream, cursor, now);
    for (const [stream, n] of counts)
      ctx.progress({ source: GITHUB_SOURCE, scope: target.id, stream: STREAM_LABELS[stream], ...n });
    withFiles = false;
  }
}
