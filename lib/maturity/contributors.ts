/** One (repository, author) pair of activity in the window. */
export interface Activity {
  repositoryId: string;
  authorId: string;
  isBot: boolean;
}

/** Distinct non-bot authors, over all activity or only that in some repositories. */
export function countContributors(activity: readonly Activity[], repositoryIds?: ReadonlySet<string>): number {
  const authors = new Set<string>();
  for (const a of activity) {
    if (a.isBot || (repositoryIds && !repositoryIds.has(a.repositoryId))) continue;
    authors.add(a.authorId);
  }
  return authors.size;
}
