import type { PersonStart } from "./facts";
import type { PullRequestRef, PullRequestRow } from "./types";

/**
 * Whether a merged pull request's coding time is unknown: no first commit and
 * created no earlier than merged. That is how a git-only collection records a
 * squash merge whose author date is the merge time (collectors/CONFIG.md), so
 * its lead time measures merge → deploy only. A GitHub collection fills it.
 */
export function codingTimeUnknown(pr: Pick<PullRequestRow, "firstCommitAt" | "createdAt" | "mergedAt">): boolean {
  return pr.firstCommitAt === null && pr.mergedAt !== null && pr.createdAt >= pr.mergedAt;
}

/**
 * Whether a newcomer's onboarding time is unknown rather than zero: their
 * start comes from activity no earlier than their first merge, i.e. the
 * squash commit of that very pull request (git only), so when they began is
 * not in the data.
 */
export function onboardingTimeUnknown(start: PersonStart, firstMerged: PullRequestRef | null): boolean {
  return firstMerged !== null && start.source !== "joinedAt" && start.at >= firstMerged.at;
}
