import { isBot, type PersonStart, type WorkspaceFacts } from "./facts";
import { percentileOfSorted } from "./percentile";
import type { ScopeFilter } from "./scope";
import type { MetricsWindow, Onboarding, PersonRow, PullRequestRef } from "./types";
import { DAY_MS } from "@/lib/time";
import { inWindow } from "./window";

/** A newcomer of the window and their first merged pull request, if any. */
export interface NewcomerRecord {
  person: PersonRow;
  start: PersonStart;
  firstMerged: PullRequestRef | null;
  /** firstMerged − start in days, negative counted as 0; null until they merge. */
  onboardingDays: number | null;
}

/** Non-bot people who started in the window, at least the grace period after dataStart. */
export function onboardingRecords(facts: WorkspaceFacts, w: MetricsWindow, inScope: ScopeFilter): NewcomerRecord[] {
  const { dataStart } = facts.data;
  if (dataStart === null) return [];
  const earliestStart = dataStart + facts.settings.newcomerGraceMs;
  const records: NewcomerRecord[] = [];
  for (const person of facts.data.people) {
    if (isBot(person) || !inScope.person(person)) continue;
    const start = facts.starts.get(person.id);
    if (!start || !inWindow(start.at, w) || start.at < earliestStart) continue;
    const firstMerged = person.firstMergedPullRequest;
    const onboardingDays = firstMerged ? Math.max(0, (firstMerged.at - start.at) / DAY_MS) : null;
    records.push({ person, start, firstMerged, onboardingDays });
  }
  return records.sort((a, b) => a.start.at - b.start.at || (a.person.id < b.person.id ? -1 : 1));
}

/** Developer onboarding time in days. */
export function onboarding(records: readonly NewcomerRecord[]): Onboarding {
  const days = records.flatMap((r) => (r.onboardingDays === null ? [] : [r.onboardingDays])).sort((a, b) => a - b);
  return {
    newcomers: records.length,
    onboarded: days.length,
    medianDays: percentileOfSorted(days, 0.5),
    p90Days: percentileOfSorted(days, 0.9),
  };
}
