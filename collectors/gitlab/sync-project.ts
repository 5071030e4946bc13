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
import {
  CommitSchema,
  DeploymentSchema,
  type GitlabProject,
  mapCommit,
  mapDeployment,
  mapMergeRequest,
  mapPipeline,
  mapProject,
  PipelineSchema,
} from "./map";
import { MERGE_REQUESTS_QUERY, MergeRequestsPayloadSchema } from "./queries";
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
}

/** A page that takes longer than this many rounds met a server that never ends its list. */
const MAX_PAGES = 100_000;
const PER_PAGE = "100";

/** `--since` as an RFC 3339 time (a date alone is UTC midnight). */
export function sinceOf(config: GitlabConfig): string | null {
  return config.since ? new Date(Date.parse(config.since)).toISOString() : null;
}

/** A project's path as the REST API wants it in a URL: `projects/group%2Fproject`. */
export function projectUrl(project: GitlabProject): string {
  return `projects/${project.id}`;
}

/**
 * Reads one stream page by page, storing each page's records (and any
 * authors the workspace does not know) before its cursor moves.
 */
async function runStream(
  ctx: ProjectSyncContext,
  project: GitlabProject,
  stream: StreamName,
  label: string,
  key: string,
  readPage: (state: StreamState) => Promise<StreamPage>,
): Promise<StreamState> {
  const scope = project.path_with_namespace;
  let state = readState(await getCursor(ctx.db, ctx.workspaceId, GITLAB_SOURCE, scope, stream), key);
  let done = 0;
  for (let n = 0; ; n++) {
    if (n >= MAX_PAGES) throw new UpstreamError(`${scope}: GitLab never ended the ${label} list`, "server");
    const page = await readPage(state);
    const records = [...page.records, ...(await ctx.authors.newPeople(page.authors ?? []))];
    if (records.length > 0)
      addSummary(ctx.tally, scope, await storeRecords(ctx.db, ctx.workspace, `gitlab ${scope}`, records));
    await setCursor(ctx.db, ctx.workspaceId, GITLAB_SOURCE, scope, stream, JSON.stringify(page.state), ctx.now());
    state = page.state;
    done += page.count;
    ctx.progress({ source: GITLAB_SOURCE, scope, stream: label, done, ...(page.total ? { total: page.total } : {}) });
    if (page.done) return state;
  }
}

/** Merge requests over GraphQL, oldest update first, each with its first commit. */
function mergeRequestPages(ctx: ProjectSyncContext, project: GitlabProject) {
  const since = sinceOf(ctx.config);
  return async (state: StreamState): Promise<StreamPage> => {
    const data = await ctx.client.graphql(
      MERGE_REQUESTS_QUERY,
      { fullPath: project.path_with_namespace, after: state.cursor, updatedAfter: state.watermark ?? since },
      MergeRequestsPayloadSchema,
    );
    if (!data.project)
      throw new UpstreamError(
        `project ${project.path_with_namespace} not found, or the token cannot read it`,
        "client",
      );
    const connection = data.project.mergeRequests;
    const nodes = (connection.nodes ?? []).filter((n) => n !== null);
    const mapped = nodes.map((n) => mapMergeRequest(project.path_with_namespace, n));
    const high = newest(nodes.map((n) => n.updatedAt));
    const done = !connection.pageInfo.hasNextPage;
    return {
      records: mapped.map((m) => m.record),
      authors: mapped.map((m) => m.author),
      count: nodes.length,
      total: connection.count ?? undefined,
      done,
      state: done
        ? passDone(state, high)
        : {
            ...state,
            cursor: connection.pageInfo.endCursor,
            high: newest([state.high, high].filter((t) => t !== null)),
          },
    };
  };
}

/** Default-branch commits with their parents, newest first, from the commit the pass started at. */
function commitPages(ctx: ProjectSyncContext, project: GitlabProject, branch: string) {
  const since = sinceOf(ctx.config);
  return async (state: StreamState): Promise<StreamPage> => {
    const page = await ctx.client.list(
      `${projectUrl(project)}/repository/commits`,
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
    return {
      records: page.items.map((c) => mapCommit(project.path_with_namespace, c)),
      count: page.items.length,
      total: state.watermark === null && page.total !== null ? page.total : undefined,
      done,
      state: done
        ? passDone(state, high)
        : { ...state, from, page: Number(page.nextPage), high: newest([state.high, high].filter((t) => t !== null)) },
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
 * Collects one project: its repository record, then each stream page by
 * page: merge requests (GraphQL), default-branch commits, deployments and
 * default-branch pipelines (REST).
 */
export async function syncProject(ctx: ProjectSyncContext, project: GitlabProject): Promise<void> {
  const id = project.path_with_namespace;
  addSummary(
    ctx.tally,
    id,
    await storeRecords(ctx.db, ctx.workspace, `gitlab ${id}`, [mapProject(project, ctx.teams)]),
  );
  const branch = project.default_branch ?? null;
  const environments = ctx.config.productionEnvironments ?? null;
  await runStream(ctx, project, "merge_requests", "merge requests", "", mergeRequestPages(ctx, project));
  if (branch) await runStream(ctx, project, "commits", "commits", branch, commitPages(ctx, project, branch));
  await runStream(
    ctx,
    project,
    "deployments",
    "deployments",
    JSON.stringify([...(environments ?? [])].sort()),
    timeOrderedPages(ctx, `${projectUrl(project)}/deployments`, {}, DeploymentSchema, (d) =>
      environments && !environments.includes(d.environment?.name ?? "") ? null : mapDeployment(id, d),
    ),
  );
  if (branch)
    await runStream(
      ctx,
      project,
      "pipelines",
      "pipelines",
      branch,
      timeOrderedPages(ctx, `${projectUrl(project)}/pipelines`, { ref: branch }, PipelineSchema, (p) =>
        mapPipeline(id, p),
      ),
    );
}
