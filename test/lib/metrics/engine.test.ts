import { describe, expect, test } from "vitest";
import { computeMetrics, deriveFacts } from "@/lib/metrics";
import type {
  DeploymentRow,
  IncidentRow,
  MetricsData,
  MetricsSettings,
  PullRequestRow,
  RepositoryRow,
} from "@/lib/metrics/types";
import { DAY_MS, HOUR_MS } from "@/lib/time";

// The metrics engine over plain rows, as lib/service hands them over: no database, no import, no service.
const FROM = Date.UTC(2026, 0, 5); // a Monday
const window = { from: FROM, to: FROM + 14 * DAY_MS };
const at = (day: number, hour = 0) => FROM + day * DAY_MS + hour * HOUR_MS;

const settings: MetricsSettings = {
  productionEnv: /^prod(uction)?([-_.: ].*)?$/i,
  attributionWindowMs: 24 * HOUR_MS,
  newcomerGraceMs: 30 * DAY_MS,
  reworkPattern: /\b(revert|hotfix|rollback)\b/i,
  reworkLabels: ["rework"],
};

const repo = (id: string, teamId: string | null = "pay"): RepositoryRow => ({
  id,
  name: `acme/${id}`,
  createdAt: at(-400),
  teamId,
  defaultBranch: "main",
  isTemplate: false,
  url: null,
});
const deploy = (id: string, finishedAt: number, o: Partial<DeploymentRow> = {}): DeploymentRow => ({
  id,
  repositoryId: "api",
  environment: "production",
  status: "success",
  createdAt: finishedAt - HOUR_MS,
  finishedAt,
  sha: null,
  ...o,
});
const pull = (
  number: number,
  firstCommitAt: number,
  mergedAt: number,
  o: Partial<PullRequestRow> = {},
): PullRequestRow => ({
  repositoryId: "api",
  number,
  createdAt: firstCommitAt,
  firstCommitAt,
  mergedAt,
  baseBranch: "main",
  title: `change ${number}`,
  labels: [],
  ...o,
});
const incident = (
  id: string,
  openedAt: number,
  resolvedAt: number | null,
  o: Partial<IncidentRow> = {},
): IncidentRow => ({
  id,
  openedAt,
  resolvedAt,
  title: id,
  repositoryId: "api",
  teamId: null,
  deploymentId: null,
  causeSha: null,
  fixDeploymentId: null,
  url: null,
  ...o,
});

function data(rows: Partial<MetricsData>): MetricsData {
  const all = {
    repositories: [repo("api")],
    deployments: [],
    pullRequests: [],
    incidents: [],
    people: [],
    graphLinks: [],
    ...rows,
  };
  const earliest = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
  const sourceStarts = {
    deployments: earliest(all.deployments.map((d) => d.createdAt)),
    incidents: earliest(all.incidents.map((i) => i.openedAt)),
    pullRequests: earliest(all.pullRequests.map((p) => p.createdAt)),
    commits: earliest(all.pullRequests.map((p) => p.firstCommitAt ?? p.createdAt)),
  };
  const starts = Object.values(sourceStarts).filter((v): v is number => v !== null);
  return { ...all, dataStart: earliest(starts), sourceStarts };
}

const metrics = (rows: Partial<MetricsData>, scope: { teamId: string | null } = { teamId: null }) =>
  computeMetrics(deriveFacts(data(rows), settings), window, scope);

describe("the metrics engine over plain rows", () => {
  test("deployment frequency counts successful production deployments finished in the window, by day", () => {
    const m = metrics({
      deployments: [
        deploy("d1", at(0, 10)),
        deploy("d2", at(0, 15)), // same day: one deploy day
        deploy("d3", at(8, 9)),
        deploy("staging", at(3, 9), { environment: "staging" }),
        deploy("failed", at(4, 9), { status: "failure" }),
        deploy("late", at(14, 1)), // on `to`: outside [from, to)
      ],
    });
    expect(m.deploymentFrequency).toMatchObject({ deployments: 3, perDay: 3 / 14, perWeek: 1.5, deployDays: 2 });
    // One deploy day in each of the two full weeks: the median is 1 day a week, "high".
    expect(m.deploymentFrequency.tier).toBe("high");
  });

  test("lead time runs from the first commit to the first production deployment finished after the merge", () => {
    const m = metrics({
      deployments: [deploy("d0", at(0, 1)), deploy("d1", at(2, 12)), deploy("d2", at(9, 12))],
      pullRequests: [
        pull(5, at(-1, 0), at(0, 0)), // merged before the repository's first deployment in the data: not linked
        pull(1, at(1, 0), at(2, 6)), // ships in d1: 36 h
        pull(2, at(2, 10), at(2, 11)), // ships in d1: 2 h
        pull(3, at(8, 0), at(9, 0)), // ships in d2: 36 h
        pull(4, at(3, 0), at(3, 1), { baseBranch: "release" }), // not the default branch: not a change
      ],
    });
    expect(m.leadTime).toMatchObject({ changes: 3, medianHours: 36, p90Hours: 36, tier: "high" });
  });

  test("an incident naming a deployment fails it; the rate counts each failed deployment once", () => {
    const m = metrics({
      deployments: [deploy("d1", at(1, 10)), deploy("d2", at(2, 10)), deploy("d3", at(3, 10)), deploy("d4", at(4, 10))],
      incidents: [
        incident("i1", at(2, 12), at(2, 15), { deploymentId: "d2" }),
        incident("i2", at(2, 13), at(2, 14), { deploymentId: "d2" }),
      ],
    });
    expect(m.changeFailureRate).toMatchObject({ deployments: 4, failed: 1, rate: 0.25, tier: "low" });
    expect(m.timeToRestore).toMatchObject({ incidents: 2, resolved: 2, open: 0, medianHours: 2, meanHours: 2 });
  });

  test("an open incident is counted as open, never as a restore time of zero or of now", () => {
    const m = metrics({
      deployments: [deploy("d1", at(1, 10))],
      incidents: [incident("i1", at(5, 0), at(5, 3)), incident("i2", at(6, 0), null)],
    });
    expect(m.timeToRestore).toMatchObject({ incidents: 2, resolved: 1, open: 1, medianHours: 3, tier: "high" });
  });

  test("team scope counts only the team's repositories, while attribution stays workspace-wide", () => {
    const rows = {
      repositories: [repo("api", "pay"), repo("web", "search")],
      deployments: [deploy("d1", at(1, 10)), deploy("w1", at(1, 11), { repositoryId: "web" })],
      incidents: [incident("i1", at(1, 12), at(1, 13), { repositoryId: "web", deploymentId: "d1" })],
    };
    expect(metrics(rows, { teamId: "pay" }).changeFailureRate).toMatchObject({ deployments: 1, failed: 1 });
    expect(metrics(rows, { teamId: "search" }).changeFailureRate).toMatchObject({ deployments: 1, failed: 0 });
  });

  test("without incident data the rate is computed but not judged: no tier, never elite", () => {
    const m = metrics({ deployments: [deploy("d1", at(1, 10))] });
    expect(m.coverage.incidents).toBe(false);
    expect(m.changeFailureRate).toMatchObject({ deployments: 1, failed: 0, rate: 0, tier: null });
  });
});
