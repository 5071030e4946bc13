/**
 * A workspace whose sources start at different times, for the coverage rules
 * (spec/metrics.md, Coverage): six months of daily deployments, merged pull
 * requests and commits of one repository from 6 Oct 2025 to 5 Apr 2026, with
 * only the incidents given. Shared by the unit and the browser tests.
 */
import { commit, deployment, incident, pullRequest, repository, team } from "../factories";
import { DAY_MS, HOUR_MS } from "@/lib/time";

/** The window the tests read: 13 weeks ending on 6 Apr 2026 (exclusive); the previous period starts 6 Oct 2025. */
export const UNCOVERED_WINDOW = { from: "2026-01-05", to: "2026-04-06" };

/** Why the incident metrics of that window are not judged when the workspace holds no incident. */
export const NO_INCIDENTS = "no incident data before 6 Apr 2026; connect an incident source";

/** Incidents of repository r1, opened on the given days at 10:00 and resolved 90 minutes later. */
export const incidentsOn = (days: string[]) =>
  days.map((d) => incident({ repositoryId: "r1", openedAt: `${d}T10:00:00Z`, resolvedAt: `${d}T11:30:00Z` }));

/** The workspace's records: one team, one repository, its daily activity and `incidents`. */
export function uncoveredRecords(incidents: object[]): object[] {
  const out: object[] = [
    team({ id: "core", name: "Core" }),
    repository({ id: "r1", name: "acme/api", teamId: "core", createdAt: "2025-01-01T00:00:00Z" }),
  ];
  for (let t = Date.parse("2025-10-06T00:00:00Z"); t < Date.parse("2026-04-06T00:00:00Z"); t += DAY_MS) {
    const day = (h: number) => new Date(t + h * HOUR_MS).toISOString();
    out.push(
      commit({ repositoryId: "r1", authorId: "ana", authoredAt: day(8) }),
      pullRequest({ repositoryId: "r1", authorId: "ana", createdAt: day(8), firstCommitAt: day(8), mergedAt: day(9) }),
      deployment({ repositoryId: "r1", finishedAt: day(12) }),
    );
  }
  return [...out, ...incidents];
}
