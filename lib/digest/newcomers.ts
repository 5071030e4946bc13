import { onboardingTimeUnknown } from "@/lib/metrics/coding-time";
import { isBot, type PersonStart, type WorkspaceFacts } from "@/lib/metrics/facts";
import type { PersonRow, PullRequestRef } from "@/lib/metrics/types";
import { DAY_MS } from "@/lib/time";

/** A newcomer and the first merge that made them one who delivered. */
export interface FirstMerge {
  person: PersonRow;
  start: number;
  /** What says when they started (their first commit, first pull request or joining). */
  startSource: PersonStart["source"];
  merged: PullRequestRef;
}

/**
 * Newcomers (spec/metrics.md §5: not bots, starting at least the grace period
 * after the data begins) whose first merged pull request falls in the window,
 * whenever they started. Oldest merge first.
 */
export function firstMergesOfNewcomers(facts: WorkspaceFacts, window: { from: number; to: number }): FirstMerge[] {
  const { dataStart } = facts.data;
  if (dataStart === null) return [];
  const earliestStart = dataStart + facts.settings.newcomerGraceMs;
  const out: FirstMerge[] = [];
  for (const person of facts.data.people) {
    const merged = person.firstMergedPullRequest;
    if (!merged || merged.at < window.from || merged.at >= window.to || isBot(person)) continue;
    const start = facts.starts.get(person.id);
    if (!start || start.at < earliestStart) continue;
    out.push({ person, start: start.at, startSource: start.source, merged });
  }
  return out.sort((a, b) => a.merged.at - b.merged.at || (a.person.id < b.person.id ? -1 : 1));
}

/**
 * Days from start to merge, negative counted as 0 (as onboarding time is);
 * null when unknown: their start is that very merge's squash commit (git only).
 */
export function onboardingDays(m: FirstMerge): number | null {
  if (onboardingTimeUnknown({ at: m.start, source: m.startSource }, m.merged)) return null;
  return Math.max(0, (m.merged.at - m.start) / DAY_MS);
}
