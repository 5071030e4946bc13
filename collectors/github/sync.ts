import { readSecret } from "@/lib/env";
import { UpstreamError, ValidationError } from "@/lib/errors";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { storeRecords } from "../store";
import type { CollectorContext, CollectorFailure, CollectorResult } from "../types";
import { AuthorRegistry } from "./authors";
import { GithubClient, type Sleep } from "./client";
import type { GithubConfig } from "./config";
import { memberTeams, repositoryOwners, teamRecords } from "./map-teams";
import { readOrganization } from "./sync-organization";
import { addSummary, GITHUB_SOURCE, syncRepository, type Tally } from "./sync-repository";

/** What a GitHub collector is built with; tests inject the environment and fast, recorded sleeps. */
export interface GithubDeps {
  env?: NodeJS.ProcessEnv;
  sleep?: Sleep;
  random?: () => number;
  maxAttempts?: number;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === "AbortError");
}

/**
 * One sync of a GitHub organisation into a workspace: the team mapping first
 * (teams, their members, repository owners), then each repository in turn.
 * A repository that fails is reported and skipped (status "partial"); a bad
 * token, an unknown organisation or an abort ends the whole sync with the error.
 */
export async function syncGithub(
  ctx: CollectorContext,
  config: GithubConfig,
  deps: GithubDeps = {},
): Promise<CollectorResult> {
  const token = readSecret(config.tokenEnv, deps.env);
  if (!token)
    throw new ValidationError(
      `set ${config.tokenEnv} to a GitHub token (classic: scopes repo and read:org; fine-grained: read access to metadata, contents, pull requests, deployments, actions, issues and organisation members)`,
    );
  const client = new GithubClient({
    apiUrl: config.apiUrl,
    token,
    tokenEnv: config.tokenEnv,
    signal: ctx.signal,
    sleep: deps.sleep,
    random: deps.random,
    now: ctx.now,
    maxAttempts: deps.maxAttempts,
    onWait: (ms, reason) =>
      ctx.progress({ source: GITHUB_SOURCE, stream: `waiting ${Math.ceil(ms / 1000)} s: ${reason}`, done: 0 }),
  });
  const tally: Tally = { records: {}, rejected: [] };
  const failures: CollectorFailure[] = [];
  const result = (status: CollectorResult["status"]): CollectorResult => ({
    source: GITHUB_SOURCE,
    status,
    records: tally.records,
    failures: [...failures, ...tally.rejected],
    requests: client.requests,
    rateLimitPoints: client.points,
  });

  const workspace = await ensureWorkspace(ctx.db, ctx.workspace);
  const org = await readOrganization(client, config);
  addSummary(
    tally,
    config.org,
    await storeRecords(ctx.db, ctx.workspace, `github ${config.org} teams`, teamRecords(org.teams)),
  );

  const repoCtx = {
    client,
    db: ctx.db,
    workspaceId: workspace.id,
    workspace: ctx.workspace,
    config,
    owners: repositoryOwners(org.teams),
    authors: new AuthorRegistry(ctx.db, workspace.id, memberTeams(org.teams).keys()),
    tally,
    now: ctx.now,
    progress: ctx.progress,
  };
  let succeeded = 0;
  for (const [i, target] of org.repositories.entries()) {
    ctx.progress({ source: GITHUB_SOURCE, scope: target.id, done: i, total: org.repositories.length });
    try {
      await syncRepository(repoCtx, target);
      succeeded++;
    } catch (error) {
      if (isAbort(error, ctx.signal)) throw error;
      // A token that stops working fails every repository alike: stop and say so.
      if (error instanceof UpstreamError && error.kind === "auth") throw error;
      failures.push({ scope: target.id, message: error instanceof Error ? error.message : String(error) });
    }
    ctx.progress({ source: GITHUB_SOURCE, scope: target.id, done: i + 1, total: org.repositories.length });
  }
  if (failures.length === 0 && tally.rejected.length === 0) return result("ok");
  return result(succeeded === 0 && org.repositories.length > 0 ? "failed" : "partial");
}
