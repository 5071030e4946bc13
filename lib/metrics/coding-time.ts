import { numbersOf } from "./counted-numbers";
import type { PersonStart, PullRequestRef, PullRequestRow } from "./types";

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

/** How many of the rows behind a number have an unknown coding (or onboarding) time. */
export interface UnknownShare {
  unknown: number;
  of: number;
}

/** The rows behind lead time and onboarding whose coding time is unknown (git-only squash merges). */
export interface PartialData {
  /** Counted changes (lead time not negative) without a coding time. */
  leadTime: UnknownShare;
  /** Onboarded newcomers whose onboarding time is unknown, not 0 days. */
  onboarding: UnknownShare;
}

/** The counted changes (lead time not negative) whose coding time is unknown, without building them when the records know. */
function unknownCodingTime(records: {
  changes: readonly { leadTimeMs: number; pullRequest: PullRequestRow }[];
}): UnknownShare {
  const known = numbersOf(records);
  if (known) return { unknown: known.codingTimeUnknown, of: known.hours.length };
  const counted = records.changes.filter((c) => c.leadTimeMs >= 0);
  return { unknown: counted.filter((c) => codingTimeUnknown(c.pullRequest)).length, of: counted.length };
}

/** Counts the rows of lead time and onboarding whose coding time is unknown. */
export function partialData(records: {
  leadTime: { changes: readonly { leadTimeMs: number; pullRequest: PullRequestRow }[] };
  onboarding: readonly { start: PersonStart; firstMerged: PullRequestRef | null }[];
}): PartialData {
  const onboarded = records.onboarding.filter((n) => n.firstMerged !== null);
  return {
    leadTime: unknownCodingTime(records.leadTime),
    onboarding: {
      unknown: onboarded.filter((n) => onboardingTimeUnknown(n.start, n.firstMerged)).length,
      of: onboarded.length,
    },
  };
}

/**
 * Whether most of the rows are unknown: then the number measures merge →
 * deploy (or 0 days) for most of them, and no tier or target may be judged on it.
 */
export function mostlyUnknown(share: UnknownShare): boolean {
  return share.unknown * 2 > share.of;
}
