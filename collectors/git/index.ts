import { ensureWorkspace } from "@/lib/queries/workspaces";
import type { Collector, CollectorResult } from "../types";
import { collectGitRepository } from "./collect";
import { GitConfigSchema, type GitConfig } from "./config";

export { GitConfigSchema, type GitConfig } from "./config";
export { DEFAULT_TAG_PATTERN } from "./tags";
export { personIdOf } from "./people";

/**
 * Local git clones (collectors/CONFIG.md, "Local git"): no network, one
 * repository at a time; a repository that fails is reported and skipped.
 */
export const gitCollector: Collector<GitConfig> = {
  kind: "git",
  async collect(ctx, config): Promise<CollectorResult> {
    const workspace = await ensureWorkspace(ctx.db, ctx.workspace);
    const pattern = new RegExp(config.tagPattern);
    const result: CollectorResult = { source: "git", status: "ok", records: {}, failures: [] };
    let reached = 0;
    for (const target of config.repositories) {
      if (ctx.signal?.aborted) break;
      try {
        const { summary, warnings, removedDeployments, removedPullRequests, removedCommits, removedPeople } =
          await collectGitRepository(ctx, workspace.id, target, pattern, config.branch);
        if (warnings.length > 0)
          result.warnings = [
            ...(result.warnings ?? []),
            ...warnings.map((message) => ({ scope: target.path, message })),
          ];
        if (removedDeployments > 0)
          result.removed = { ...result.removed, deployment: (result.removed?.deployment ?? 0) + removedDeployments };
        if (removedPullRequests > 0)
          result.removed = {
            ...result.removed,
            pull_request: (result.removed?.pull_request ?? 0) + removedPullRequests,
          };
        if (removedCommits > 0)
          result.removed = { ...result.removed, commit: (result.removed?.commit ?? 0) + removedCommits };
        if (removedPeople > 0)
          result.removed = { ...result.removed, person: (result.removed?.person ?? 0) + removedPeople };
        for (const [type, n] of Object.entries(summary.imported) as [keyof CollectorResult["records"], number][])
          result.records[type] = (result.records[type] ?? 0) + n;
        for (const r of summary.rejected)
          result.failures.push({ scope: target.path, message: `record ${r.line} rejected: ${r.reason}` });
        reached++;
      } catch (error) {
        result.failures.push({ scope: target.path, message: (error as Error).message });
      }
    }
    result.status = result.failures.length === 0 ? "ok" : reached === 0 ? "failed" : "partial";
    return result;
  },
};

/** Parses git source options given on the command line or in code, with defaults. */
export function gitConfig(
  input: Omit<GitConfig, "kind" | "tagPattern" | "branch"> & { tagPattern?: string; branch?: string },
): GitConfig {
  return GitConfigSchema.parse({ kind: "git", ...input });
}
