import type { PersonRow, PullRequestRef } from "@/lib/metrics/types";

const earlier = (a: PullRequestRef | null, b: PullRequestRef | null): PullRequestRef | null => {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at < b.at ? a : b;
  if (a.repositoryId !== b.repositoryId) return a.repositoryId < b.repositoryId ? a : b;
  return a.number <= b.number ? a : b;
};
const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * The people of a workspace with each merged id folded into its group's
 * leader: one row per person, whose first commit and pull requests are the
 * earliest under any of their ids, so nobody with history under another id
 * is a newcomer. The leader's name, team and bot flag stand; a leader without
 * a record of its own takes the first member's.
 */
export function foldPeople(people: readonly PersonRow[], leaderOf: ReadonlyMap<string, string>): PersonRow[] {
  if (leaderOf.size === 0) return [...people];
  const byLeader = new Map<string, PersonRow>();
  for (const p of people) if (!leaderOf.has(p.id)) byLeader.set(p.id, { ...p });
  // The store's order stands; a leader without a record of its own takes its first member's place.
  const order: PersonRow[] = [];
  for (const p of people) {
    const leader = leaderOf.get(p.id);
    if (leader === undefined) {
      order.push(byLeader.get(p.id)!);
      continue;
    }
    const row = byLeader.get(leader);
    if (!row) {
      const own = { ...p, id: leader };
      byLeader.set(leader, own);
      order.push(own);
      continue;
    }
    row.name ??= p.name;
    row.teamId ??= p.teamId;
    row.joinedAt = min(row.joinedAt, p.joinedAt);
    row.firstCommitAt = min(row.firstCommitAt, p.firstCommitAt);
    row.firstPullRequest = earlier(row.firstPullRequest, p.firstPullRequest);
    row.firstMergedPullRequest = earlier(row.firstMergedPullRequest, p.firstMergedPullRequest);
  }
  return order;
}
