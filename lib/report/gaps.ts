/**
 * Gaps in a workspace's data that a reader of the report should know about:
 * data that starts late, weeks without records, repositories nothing was
 * collected for. Pure, from the coverage queries' rows.
 */
import type { RecordTypeCoverage, RepositoryCoverage, WeeklyActivity } from "@/lib/queries/coverage";
import { count, formatDay, formatShortDay } from "@/lib/format";
import { metricInfo } from "@/lib/service/definitions";
import { DAY_MS, WEEK_MS } from "@/lib/time";
import { noDataBecause, withheldByReason, type Withheld } from "@/lib/withheld";

const LISTED = 6;

/** What gaps are found in. */
export interface GapInput {
  window: { from: number; to: number };
  /** The first day of any commit, pull request, deployment or incident; null without any. */
  dataStart: number | null;
  records: readonly RecordTypeCoverage[];
  repositories: readonly RepositoryCoverage[];
  weekly: WeeklyActivity;
  /** Why the window's tiers and targets are withheld, per metric (a source without data). */
  withheld?: Withheld;
}

function names(list: readonly RepositoryCoverage[]): string {
  const shown = list
    .slice(0, LISTED)
    .map((r) => r.name ?? r.id)
    .join(", ");
  return list.length > LISTED ? `${shown} and ${list.length - LISTED} more` : shown;
}

function emptyWeeks(label: string, counts: readonly number[], from: number): string | null {
  const empty = counts.flatMap((n, i) => (n === 0 ? [i] : []));
  if (empty.length === 0 || empty.length === counts.length) return null;
  const weeks = empty
    .slice(0, LISTED)
    .map((i) => formatShortDay(from + i * WEEK_MS))
    .join(", ");
  return `No ${label} in ${empty.length} of ${counts.length} weeks (weeks of ${weeks}${empty.length > LISTED ? ", …" : ""}).`;
}

/** The gaps, as sentences; empty when the data covers the period without holes. */
export function findGaps(input: GapInput): string[] {
  const { window } = input;
  const gaps: string[] = [];
  if (input.dataStart === null)
    return ["The workspace holds no commits, pull requests, deployments or incidents: every metric is empty."];
  if (input.dataStart > window.from) {
    gaps.push(
      `The data starts on ${formatDay(input.dataStart)}, ${count(Math.ceil((input.dataStart - window.from) / DAY_MS), "day")} after the period begins: the first weeks are incomplete.`,
    );
  }
  for (const { metrics, reason } of input.withheld ? withheldByReason(input.withheld) : []) {
    const titles = metrics.map((m) => metricInfo(m).title.toLowerCase()).join(", ");
    gaps.push(`Not judged (${titles}) — ${noDataBecause(reason)}.`);
  }
  for (const r of input.records) {
    if (r.last === null || r.type === "repository" || r.type === "repository_files") continue;
    if (r.last < window.to - 14 * DAY_MS && r.last >= window.from)
      gaps.push(
        `The latest ${r.type.replace("_", " ")} is from ${formatDay(r.last)}, more than two weeks before the period ends: collection may have stopped.`,
      );
  }
  for (const [label, counts] of [
    ["commits", input.weekly.commits],
    ["pull requests", input.weekly.pullRequests],
    ["deployments", input.weekly.deployments],
  ] as const) {
    const line = emptyWeeks(label, counts, window.from);
    if (line) gaps.push(line);
  }
  const known = input.repositories.filter((r) => r.name !== null);
  const silent = known.filter(
    (r) => r.commits.inWindow === 0 && r.pullRequests.inWindow === 0 && r.deployments.inWindow === 0,
  );
  if (silent.length)
    gaps.push(
      `${count(silent.length, "repository", "repositories")} had no commit, pull request or deployment in the period: ${names(silent)}.`,
    );
  const neverDeployed = known.filter((r) => r.deployments.total === 0);
  if (neverDeployed.length)
    gaps.push(
      `${count(neverDeployed.length, "repository", "repositories")} never deployed (or their deployments were not collected): ${names(neverDeployed)}.`,
    );
  const noSnapshot = known.filter((r) => r.snapshotAt === null);
  if (noSnapshot.length)
    gaps.push(
      `${count(noSnapshot.length, "repository has", "repositories have")} no configuration snapshot, so the maturity checks cannot see their files: ${names(noSnapshot)}.`,
    );
  const unknown = input.repositories.filter((r) => r.name === null);
  if (unknown.length)
    gaps.push(
      `${count(unknown.length, "repository", "repositories")} named by records ${unknown.length === 1 ? "was" : "were"} never imported: ${names(unknown)} (altimeter doctor lists them).`,
    );
  return gaps;
}
