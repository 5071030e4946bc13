import { z } from "zod";
import { actorAuthor, ActorSchema, type Author } from "./map-people";
import { GHOST_LOGIN } from "./ids";

/** A pull request with its author, merge commit and first commit. */
export const PullRequestNodeSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mergedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  baseRefName: z.string(),
  url: z.string(),
  author: ActorSchema,
  mergeCommit: z.object({ oid: z.string() }).nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()).nullable() }).nullable(),
  commits: z.object({
    nodes: z.array(z.object({ commit: z.object({ authoredDate: z.string() }) }).nullable()).nullable(),
  }),
});

export type PullRequestNode = z.infer<typeof PullRequestNodeSchema>;

/**
 * A `pull_request` record. `firstCommitAt` is the authored date of the pull
 * request's first commit; a deleted author is GitHub's `ghost`. `title` and
 * `labels` tell rework (a revert or hotfix) from planned work (spec/metrics.md §7).
 */
export function mapPullRequest(repositoryId: string, node: PullRequestNode): { record: object; author: Author | null } {
  const author = actorAuthor(node.author);
  const record = {
    type: "pull_request",
    repositoryId,
    number: node.number,
    authorId: author?.id ?? GHOST_LOGIN,
    createdAt: node.createdAt,
    firstCommitAt: node.commits.nodes?.[0]?.commit.authoredDate ?? null,
    mergedAt: node.mergedAt,
    closedAt: node.closedAt,
    baseBranch: node.baseRefName,
    mergeCommitSha: node.mergeCommit?.oid ?? null,
    url: node.url,
    title: node.title,
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
  };
  return { record, author };
}
