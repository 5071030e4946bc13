import type { Author } from "./map-people";
import { mapCommit } from "./map-commits";
import { mapDeployment, mapRelease } from "./map-deployments";
import { mapIncident } from "./map-incidents";
import { mapPullRequest } from "./map-pull-requests";
import type { RepositoryPayload, StreamPage } from "./map-repository";
import { afterPage, atOrAbove, lowerBound, type StreamName, type StreamState } from "./streams";

/** What one page of a stream gave: records, authors met, how many items, and the stream's next state. */
export interface PageResult {
  records: object[];
  authors: (Author | null)[];
  count: number;
  /** How many items the stream holds, on a pass from the beginning (for progress bars). */
  total?: number;
  state: StreamState;
  done: boolean;
}

interface Item {
  /** The time the stream is ordered (or filtered) by. */
  time: string;
  records: object[];
  author?: Author | null;
  /** Whether the item may still change (a deployment or workflow run in progress). */
  unsettled?: boolean;
}

const newer = (a: string | null, b: string) => (a === null || Date.parse(b) > Date.parse(a) ? b : a);
const older = (a: string | null, b: string) => (a === null || Date.parse(b) < Date.parse(a) ? b : a);

/**
 * Folds one page into a result. `ordered` streams come newest first and stop
 * at the first item below the bound; the others are filtered by GitHub
 * (`since`) and end with their last page.
 */
function fold<T>(
  page: StreamPage<T> | undefined | null,
  state: StreamState,
  bound: string | null,
  ordered: boolean,
  toItem: (node: T) => Item | null,
  from?: string | null,
): PageResult {
  const result: PageResult = { records: [], authors: [], count: 0, state, done: true };
  if (!page) {
    // No history (an empty repository) or no page asked: nothing to read, the state stays.
    return result;
  }
  let reachedBound = false,
    newest: string | null = null,
    unsettled: string | null = null;
  for (const node of page.nodes ?? []) {
    const item = node === null ? null : toItem(node);
    if (!item) continue;
    if (ordered && !atOrAbove(item.time, bound)) {
      reachedBound = true;
      continue;
    }
    result.records.push(...item.records);
    if (item.author !== undefined) result.authors.push(item.author);
    result.count++;
    newest = newer(newest, item.time);
    if (item.unsettled) unsettled = older(unsettled, item.time);
  }
  result.done = reachedBound || !page.pageInfo.hasNextPage;
  if (bound === null && page.totalCount !== undefined) result.total = page.totalCount;
  result.state = afterPage(state, { endCursor: page.pageInfo.endCursor, done: result.done, newest, unsettled, from });
  return result;
}

/** Reads the page of `stream` from a repository answer and maps it to event-format records. */
export function readStreamPage(
  stream: StreamName,
  repo: RepositoryPayload,
  repositoryId: string,
  state: StreamState,
  since: string | null,
): PageResult {
  const bound = lowerBound(state, since);
  switch (stream) {
    case "pull_requests":
      return fold(repo.pullRequests, state, bound, true, (n) => {
        const { record, author } = mapPullRequest(repositoryId, n);
        return { time: n.updatedAt, records: [record], author };
      });
    case "commits": {
      const pinned = state.from !== null;
      if (pinned && !repo.commitsFrom?.history) {
        // The commit the pass started from is gone (a force-push): start the pass again from the branch.
        return { records: [], authors: [], count: 0, state: { ...state, after: null, from: null }, done: false };
      }
      const head = repo.defaultBranchRef?.target;
      const history = pinned ? repo.commitsFrom?.history : head?.history;
      return fold(
        history,
        state,
        bound,
        false,
        (n) => {
          const { records, author, unfinished } = mapCommit(repositoryId, n);
          return { time: n.committedDate, records, author, unsettled: unfinished };
        },
        pinned ? state.from : (head?.oid ?? null),
      );
    }
    case "deployments":
      return fold(repo.deployments, state, bound, true, (n) => {
        const { record, settled } = mapDeployment(repositoryId, n);
        return { time: n.createdAt, records: record ? [record] : [], unsettled: !settled };
      });
    case "incidents":
      return fold(repo.issues, state, bound, false, (n) => ({
        time: n.updatedAt,
        records: [mapIncident(repositoryId, n)],
      }));
    case "releases":
      return fold(repo.releases, state, bound, true, (n) => {
        const record = mapRelease(repositoryId, n);
        return { time: n.createdAt, records: record ? [record] : [] };
      });
  }
}
