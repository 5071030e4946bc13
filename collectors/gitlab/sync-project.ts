import type { z } from "zod";
import type { Db } from "@/db/client";
import { UpstreamError } from "@/lib/errors";
import { getCursor, setCursor } from "@/lib/queries/sync-cursors";
import type { AuthorRegistry } from "../github/authors";
import type { Author } from "../github/map-people";
import { addSummary, type Tally } from "../github/sync-repository";
import { storeRecords } from "../store";
import type { ProgressEvent } from "../types";
import type { GitlabClient } from "./client";
import type { GitlabConfig } from "./config";
import { snapshotFiles } from "./files";
import { CommitSchema, DeploymentSchema, type GitlabProject, mapCommit, mapDeployment, mapProject } from "./map";
import { readGraphqlPage, type GraphqlStream, variables } from "./project-streams";
import { PROJECT_QUERY, ProjectPayloadSchema } from "./queries";
import { newest, passDone, readState, type StreamName, type StreamState, timeStep, updatedAfter } from "./streams";

/** The `source` of the collector's cursors and runs. */
export const GITLAB_SOURCE = "gitlab";

/** Everything a project's sync needs from the run around it. */
export interface ProjectSyncContext {
  client: GitlabClient;
  db: Db;
  workspaceId: number;
  workspace: string;
  config: GitlabConfig;
  /** The collected groups' full paths (team ids). */
  teams: ReadonlySet<string>;
  authors: AuthorRegistry;
  tally: Tally;
  now: () => number;
  progress: (event: ProgressEvent) => void;
}

/** What one page of a stream gave. */
export interface StreamPage {
  records: object[];
  authors?: (Author | null)[];
  count: number;
  total?: number;
  state: StreamState;
  done: boolean;
  /** Commits: the branch's head when the pass started. */
  head?: string | null;
}

/** A stream that needs more pages than this met a server that never ends its list. */
const MAX_PAGES = 100_000;
const PER_PAGE = "100";

const LABELS: Record<StreamName, string> = {
  merge_requests: "merge requests",
  commits: "commits",
  deployments: "deployments",
  pipelines: "pipelines",
  incidents: "incidents",
  incident_labels: "labelled incidents",
  releases: "releases",
};

/** `--since` as an RFC 3339 time (a date alone is UTC midnight). */
export function sinceOf(config: GitlabConfig): string | null {
  return config.since ? new Date(Date.parse(config.since)).toISOString() : null;
}

async function store(ctx: ProjectSyncContext, scope: string, records: object[], authors: (Author | null)[] = []) {
  const all = [...records, ...(await ctx.authors.newPeople(authors))];
  if (all.length > 0) addSummary(ctx.tally, scope, await storeRecords(ctx.db, ctx.workspace, `gitlab ${scope}`, all));
}

const cursorOf = (ctx: ProjectSyncContext, scope: string, stream: string) =>
  getCursor(ctx.db, ctx.workspaceId, GITLAB_SOURCE, scope, stream);
const moveCursor = (ctx: ProjectSyncContext, scope: string, stream: string, value: string) =>
  setCursor(ctx.db, ctx.workspaceId, GITLAB_SOURCE, scope, stream, value, ctx.now());

/** Reads one REST stream page by page, storing each page before its cursor moves. */
async function runStream(
  ctx: ProjectSyncContext,
  project: GitlabProject,
  stream: StreamName,
  key: string,
  readPage: (state: StreamState) => Promise<StreamPage>,
): Promise<{ state: StreamState; head: string | null }> {
  const scope = project.path_with_namespace;
  let state = readState(await cursorOf(ctx, scope, stream), key);
  let done = 0;
  let head: string | null = null;
  for (let n = 0; ; n++) {
    if (n >= MAX_PAGES) throw new UpstreamError(`${scope}: GitLab never ended the ${LABELS[stream]} list`, "server");
    const page = await readPage(state);
    await store(ctx, scope, page.records, page.authors);
    await moveCursor(ctx, scope, stream, JSON.stringify(page.state));
    if (n === 0) head = page.head ?? null;
    state = page.state;
    done += page.count;
    ctx.progress({
      source: GITLAB_SOURCE,
      scope,
      stream: LABELS[stream],
      done,
      ...(page.total ? { total: page.total } : {}),
    });
    if (page.done) return { state, head };
  }
}

/**
 * Default-branch commits with their parents, newest first, from the commit
 * the pass started at (the first commit of its first page: the branch's head).
 */
function commitPages(ctx: ProjectSyncContext, project: GitlabProject, branch: string) {
  const since = sinceOf(ctx.config);
  return async (state: StreamState): Promise<StreamPage> => {
    const page = await ctx.client.list(
      `projects/${project.id}/repository/commits`,
      {
        ref_name: state.from ?? branch,
        since: state.watermark ?? since,
        per_page: PER_PAGE,
        page: String(state.page ?? 1),
      },
      CommitSchema,
    );
    const high = newest(page.items.map((c) => c.committed_date ?? c.authored_date));
    const from = state.from ?? page.items[0]?.id ?? null;
    const done = page.nextPage === null || page.items.length === 0;
    const next = {
      ...state,
      from,
      page: Number(page.nextPage),
      high: newest([state.high, high].filter((t) => t !== null)),
    };
    return {
      records: page.items.map((c) => mapCommit(project.path_with_namespace, c)),
      count: page.items.length,
      total: state.watermark === null && page.total !== null ? page.total : undefined,
      done,
      state: done ? passDone(state, high) : next,
      head: from,
    };
  };
}

/** A REST list sorted by `updated_at`, read by time (streams.ts). */
function timeOrderedPages<T extends { updated_at: string }>(
  ctx: ProjectSyncContext,
  path: string,
  query: Record<string, string | null>,
  schema: z.ZodType<T>,
  map: (item: T) => object | null,
) {
  const since = sinceOf(ctx.config);
  return async (state: StreamState): Promise<StreamPage> => {
    const lower = state.cursor ?? state.watermark ?? since;
    const page = await ctx.client.list(
      path,
      {
        ...query,
        order_by: "updated_at",
        sort: "asc",
        updated_after: updatedAfter(lower),
        per_page: PER_PAGE,
        page: String(state.page ?? 1),
      },
      schema,
    );
    const records = page.items.map(map).filter((r) => r !== null);
    const high = newest(page.items.map((i) => i.updated_at));
    const done = page.nextPage === null || page.items.length === 0;
    return {
      records,
      count: records.length,
      done,
      state: done ? passDone(state, high, records.length > 0) : timeStep(state, lower, high, records.length > 0),
    };
  };
}

/**
 * The GraphQL streams of a project, a page of each open one per request,
 * stored before their cursors move.
 */
async function runGraphqlStreams(
  ctx: ProjectSyncContext,
  project: GitlabProject,
  streams: GraphqlStream[],
): Promise<void> {
  const scope = project.path_with_namespace;
  const states = new Map<GraphqlStream, StreamState>();
  for (const s of streams) states.set(s, readState(await cursorOf(ctx, scope, s.name), s.key));
  const open = new Set(streams);
  const counts = new Map<GraphqlStream, number>();
  for (let round = 0; open.size > 0; round++) {
    if (round >= MAX_PAGES) throw new UpstreamError(`${scope}: GitLab never ended its pages`, "server");
    const started = new Date(ctx.now()).toISOString();
    for (const s of open) if (!states.get(s)!.cursor) states.set(s, { ...states.get(s)!, started });
    const data = await ctx.client.graphql(
      PROJECT_QUERY,
      variables(project, [...open], states, sinceOf(ctx.config), ctx.config),
      ProjectPayloadSchema,
    );
    if (!data.project) throw new UpstreamError(`project ${scope} not found, or the token cannot read it`, "client");
    const records: object[] = [];
    const authors: (Author | null)[] = [];
    const moved: GraphqlStream[] = [];
    for (const s of [...open]) {
      const page = readGraphqlPage(s, data.project, states.get(s)!, sinceOf(ctx.config), {
        config: ctx.config,
        project,
      });
      records.push(...page.records);
      authors.push(...(page.authors ?? []));
      states.set(s, page.state);
      counts.set(s, (counts.get(s) ?? 0) + page.count);
      moved.push(s);
      if (page.done) open.delete(s);
      ctx.progress({
        source: GITLAB_SOURCE,
        scope,
        stream: LABELS[s.name],
        done: counts.get(s)!,
        ...(page.total ? { total: page.total } : {}),
      });
    }
    await store(ctx, scope, records, authors);
    for (const s of moved) await moveCursor(ctx, scope, s.name, JSON.stringify(states.get(s)));
  }
}

/**
 * Collects one project: its repository record; deployments and
 * default-branch commits (REST: GraphQL has no commit parents and lists
 * deployments per environment only); then merge requests, pipelines,
 * incident issues and, for a project without deployments, releases (GraphQL,
 * all in one request a round); then the default branch's file snapshot when
 * its head moved since the last one.
 */
export async function syncProject(ctx: ProjectSyncContext, project: GitlabProject): Promise<void> {
  const id = project.path_with_namespace;
  const teamId =
    project.namespace?.full_path && ctx.teams.has(project.namespace.full_path) ? project.namespace.full_path : null;
  await store(ctx, id, [mapProject(project, ctx.teams)]);
  const branch = project.default_branch ?? null;
  const environments = ctx.config.productionEnvironments ?? null;
  const deployments = await runStream(
    ctx,
    project,
    "deployments",
    JSON.stringify([...(environments ?? [])].sort()),
    timeOrderedPages(ctx, `projects/${project.id}/deployments`, {}, DeploymentSchema, (d) =>
      environments && !environments.includes(d.environment?.name ?? "") ? null : mapDeployment(id, d),
    ),
  );
  const head = branch
    ? (await runStream(ctx, project, "commits", branch, commitPages(ctx, project, branch))).head
    : null;

  const labels = [...ctx.config.incidentLabels].sort();
  const streams: GraphqlStream[] = [
    { name: "merge_requests", key: "" },
    ...(branch ? [{ name: "pipelines" as const, key: branch }] : []),
    { name: "incidents", key: "", teamId },
    ...(labels.length ? [{ name: "incident_labels" as const, key: JSON.stringify(labels), teamId }] : []),
    ...(ctx.config.releasesAsDeployments && !deployments.state.any ? [{ name: "releases" as const, key: "" }] : []),
  ];
  await runGraphqlStreams(ctx, project, streams);

  if (branch && head) {
    const previous = await cursorOf(ctx, id, "files");
    if (previous !== JSON.stringify({ head })) {
      const files = await snapshotFiles(ctx.client, project, head);
      await store(ctx, id, [
        { type: "repository_files", repositoryId: id, observedAt: new Date(ctx.now()).toISOString(), files },
      ]);
      await moveCursor(ctx, id, "files", JSON.stringify({ head }));
    }
  }
}
