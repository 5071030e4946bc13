import type { z } from "zod";
import { readSecret } from "@/lib/env";
import { UpstreamError, ValidationError } from "@/lib/errors";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { AuthorRegistry } from "../github/authors";
import type { Sleep } from "../github/client";
import { addSummary, type Tally } from "../github/sync-repository";
import { storeRecords } from "../store";
import type { CollectorContext, CollectorFailure, CollectorResult } from "../types";
import { GitlabClient, type RestPage } from "./client";
import type { GitlabConfig } from "./config";
import { type GitlabGroup, type GitlabProject, GroupSchema, MemberSchema, ProjectSchema } from "./map";
import { GITLAB_SOURCE, syncProject } from "./sync-project";

/** What a GitLab collector is built with; tests inject the environment and fast, recorded sleeps. */
export interface GitlabDeps {
  env?: NodeJS.ProcessEnv;
  sleep?: Sleep;
  random?: () => number;
  maxAttempts?: number;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === "AbortError");
}

/** Every page of a REST list. */
async function all<T>(
  client: GitlabClient,
  path: string,
  query: Record<string, string>,
  schema: z.ZodType<T>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page: string | null = "1"; page !== null; ) {
    const answer: RestPage<T> = await client.list(path, { ...query, per_page: "100", page }, schema);
    items.push(...answer.items);
    page = answer.items.length === 0 ? null : answer.nextPage;
  }
  return items;
}

const byPath = (a: { full_path: string }, b: { full_path: string }) =>
  a.full_path < b.full_path ? -1 : a.full_path > b.full_path ? 1 : 0;

/**
 * The group and its subgroups as `team` records (id = full path, `parentId`
 * = the parent group's full path), and their direct members as `person`
 * records: a member of several groups belongs to the first by full path.
 */
async function readTeams(
  client: GitlabClient,
  group: GitlabGroup,
): Promise<{ groups: GitlabGroup[]; records: object[]; members: Set<string> }> {
  const groups = [group, ...(await all(client, `groups/${group.id}/descendant_groups`, {}, GroupSchema))].sort(byPath);
  const pathOf = new Map(groups.map((g) => [g.id, g.full_path]));
  const records: object[] = groups.map((g) => ({
    type: "team",
    id: g.full_path,
    name: g.name,
    parentId: g.parent_id != null ? (pathOf.get(g.parent_id) ?? null) : null,
  }));
  const members = new Set<string>();
  for (const g of groups) {
    for (const m of await all(client, `groups/${g.id}/members`, {}, MemberSchema)) {
      if (members.has(m.username)) continue;
      members.add(m.username);
      records.push({ type: "person", id: m.username, name: m.name ?? null, teamId: g.full_path, isBot: false });
    }
  }
  return { groups, records, members };
}

/** The projects to collect: those named, else every non-archived project of the group and its subgroups. */
async function readProjects(client: GitlabClient, config: GitlabConfig, group: GitlabGroup): Promise<GitlabProject[]> {
  if (config.projects) {
    const named: GitlabProject[] = [];
    for (const path of config.projects)
      named.push(await client.get(`projects/${encodeURIComponent(path)}`, ProjectSchema));
    return named;
  }
  const projects = await all(
    client,
    `groups/${group.id}/projects`,
    { include_subgroups: "true", archived: "false", with_shared: "false", order_by: "id", sort: "asc" },
    ProjectSchema,
  );
  return projects.filter((p) => !p.archived);
}

/**
 * One sync of a GitLab group into a workspace: teams and members first, then
 * the projects, `concurrency` at a time. A project that fails is reported and
 * skipped (status "partial"); a bad token, an unknown group or an abort ends
 * the whole sync with the error.
 */
export async function syncGitlab(
  ctx: CollectorContext,
  config: GitlabConfig,
  deps: GitlabDeps = {},
): Promise<CollectorResult> {
  const token = readSecret(config.tokenEnv, deps.env);
  if (!token)
    throw new ValidationError(
      `set ${config.tokenEnv} to a GitLab access token with the read_api scope (personal, group or project token)`,
    );
  const client = new GitlabClient({
    url: config.url,
    token,
    tokenEnv: config.tokenEnv,
    signal: ctx.signal,
    sleep: deps.sleep,
    random: deps.random,
    now: ctx.now,
    maxAttempts: deps.maxAttempts,
    onWait: (ms, reason) =>
      ctx.progress({ source: GITLAB_SOURCE, stream: `waiting ${Math.ceil(ms / 1000)} s: ${reason}`, done: 0 }),
  });
  const tally: Tally = { records: {}, rejected: [] };
  const failures: CollectorFailure[] = [];
  const result = (status: CollectorResult["status"]): CollectorResult => ({
    source: GITLAB_SOURCE,
    status,
    records: tally.records,
    failures: [...failures, ...tally.rejected],
    requests: client.requests,
  });

  const workspace = await ensureWorkspace(ctx.db, ctx.workspace);
  const group = await client.get(`groups/${encodeURIComponent(config.group)}`, GroupSchema);
  const teams = await readTeams(client, group);
  addSummary(
    tally,
    config.group,
    await storeRecords(ctx.db, ctx.workspace, `gitlab ${config.group} teams`, teams.records),
  );
  const projects = await readProjects(client, config, group);

  const projectCtx = {
    client,
    db: ctx.db,
    workspaceId: workspace.id,
    workspace: ctx.workspace,
    config,
    teams: new Set(teams.groups.map((g) => g.full_path)),
    authors: new AuthorRegistry(ctx.db, workspace.id, teams.members),
    tally,
    now: ctx.now,
    progress: ctx.progress,
  };
  let next = 0;
  let finished = 0;
  let succeeded = 0;
  let fatal: unknown = null;
  // Bounded concurrency: a few workers take the next project until none is left or one meets a fatal error.
  const worker = async () => {
    while (fatal === null && next < projects.length) {
      const project = projects[next++]!;
      try {
        await syncProject(projectCtx, project);
        succeeded++;
      } catch (error) {
        // A token that stops working fails every project alike, and an abort stops everything: end the sync.
        if (isAbort(error, ctx.signal) || (error instanceof UpstreamError && error.kind === "auth")) {
          fatal ??= error;
          return;
        }
        failures.push({
          scope: project.path_with_namespace,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      ctx.progress({ source: GITLAB_SOURCE, done: ++finished, total: projects.length, stream: "projects" });
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.concurrency, projects.length) }, worker));
  if (fatal !== null) throw fatal;
  if (failures.length === 0 && tally.rejected.length === 0) return result("ok");
  return result(succeeded === 0 && projects.length > 0 ? "failed" : "partial");
}
