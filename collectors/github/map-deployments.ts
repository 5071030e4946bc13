import { z } from "zod";
import type { DeploymentStatus } from "@/lib/events/types";
import { deploymentId, releaseDeploymentId } from "./ids";

/** A deployment with its statuses. */
export const DeploymentNodeSchema = z.object({
  databaseId: z.number().int().nullable(),
  createdAt: z.string(),
  environment: z.string().nullable(),
  commitOid: z.string(),
  statuses: z
    .object({
      nodes: z
        .array(z.object({ state: z.string(), createdAt: z.string(), logUrl: z.string().nullable() }).nullable())
        .nullable(),
    })
    .nullable(),
});

/** A release, which stands in for a production deployment in repositories that record none. */
export const ReleaseNodeSchema = z.object({
  databaseId: z.number().int().nullable(),
  tagName: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  isDraft: z.boolean(),
  isPrerelease: z.boolean(),
  url: z.string(),
  tagCommit: z.object({ oid: z.string() }).nullable(),
});

export type DeploymentNode = z.infer<typeof DeploymentNodeSchema>;
export type ReleaseNode = z.infer<typeof ReleaseNodeSchema>;

type Status = { state: string; createdAt: string; logUrl: string | null };

/**
 * How a deployment ended, from its statuses in time order. It succeeded if it
 * ever reached SUCCESS (GitHub marks older successful deployments INACTIVE
 * when a newer one succeeds), finished at that status. It failed when its last
 * status other than INACTIVE is FAILURE or ERROR. Made INACTIVE before reaching
 * either, it was superseded: cancelled. Otherwise it is still in progress.
 */
export function deploymentOutcome(statuses: readonly Status[]): {
  status: DeploymentStatus;
  finishedAt: string | null;
  url: string | null;
} {
  const ordered = [...statuses].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const success = ordered.find((s) => s.state === "SUCCESS");
  if (success) return { status: "success", finishedAt: success.createdAt, url: success.logUrl };
  const last = ordered.at(-1);
  const lastActive = ordered.filter((s) => s.state !== "INACTIVE").at(-1);
  if (lastActive && (lastActive.state === "FAILURE" || lastActive.state === "ERROR"))
    return { status: "failure", finishedAt: lastActive.createdAt, url: lastActive.logUrl };
  if (last?.state === "INACTIVE") return { status: "cancelled", finishedAt: last.createdAt, url: null };
  return { status: "in_progress", finishedAt: null, url: null };
}

/** The `deployment` record; `settled` is false while its outcome may still change. */
export function mapDeployment(repositoryId: string, node: DeploymentNode): { record: object | null; settled: boolean } {
  if (node.databaseId === null) return { record: null, settled: true };
  const statuses = (node.statuses?.nodes ?? []).filter((s): s is Status => s !== null);
  const outcome = deploymentOutcome(statuses);
  const record = {
    type: "deployment",
    id: deploymentId(node.databaseId),
    repositoryId,
    // GitHub's REST API files a deployment without one under "production".
    environment: node.environment || "production",
    status: outcome.status,
    createdAt: node.createdAt,
    finishedAt: outcome.finishedAt,
    sha: node.commitOid || null,
    url: outcome.url,
  };
  return { record, settled: outcome.status !== "in_progress" };
}

/** A published, non-prerelease release as a successful production deployment at its publication; null for drafts and prereleases. */
export function mapRelease(repositoryId: string, node: ReleaseNode): object | null {
  if (node.isDraft || node.isPrerelease || node.databaseId === null) return null;
  const at = node.publishedAt ?? node.createdAt;
  return {
    type: "deployment",
    id: releaseDeploymentId(node.databaseId),
    repositoryId,
    environment: "production",
    status: "success",
    createdAt: at,
    finishedAt: at,
    sha: node.tagCommit?.oid ?? null,
    url: node.url,
  };
}
