import { afterAll, describe, expect, test } from "vitest";
import { commit, deployment, incident, pullRequest, repository, team } from "../../factories";
import { freshDatabase } from "../../support/db";
import { scenario } from "./scenario";

const store = await freshDatabase();
afterAll(() => store.dispose());

const FROM = "2026-01-05",
  TO = "2026-01-19";

/** Two weeks of daily deployments of repository "api", each finishing at 10:00. */
const dailyDeployments = () =>
  Array.from({ length: 14 }, (_, i) =>
    deployment({ repositoryId: "api", finishedAt: `2026-01-${String(5 + i).padStart(2, "0")}T10:00:00Z` }),
  );

describe("coverage (spec/metrics.md, Coverage)", () => {
  test("without incident data, a change failure rate of 0 is neither elite nor a met target", async () => {
    const s = await scenario(store.db, [
      repository({ id: "api" }),
      ...dailyDeployments(),
      // Merged after the first deployment, shipped in the next day's.
      pullRequest({ repositoryId: "api", createdAt: "2026-01-05T08:00:00Z", mergedAt: "2026-01-05T11:00:00Z" }),
      commit({ repositoryId: "api", authoredAt: "2026-01-05T07:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.coverage).toEqual({ deployments: true, incidents: false, pullRequests: true, commits: true });
    expect(m.changeFailureRate).toEqual({ deployments: 14, failed: 0, rate: 0, tier: null });
    expect(m.timeToRestore).toMatchObject({ incidents: 0, tier: null });
    expect(m.targets.changeFailureRate).toBeNull();
    expect(m.targets.timeToRestore).toBeNull();
    // The deployment judgements stand: deployments cover the window.
    expect(m.deploymentFrequency).toMatchObject({ deployments: 14, tier: "elite" });
    expect(m.targets.deploymentFrequency).toBe(false);
    expect(m.leadTime).toMatchObject({ changes: 1, medianHours: 26, tier: "high" });
  });

  test("incidents only after the window do not cover it; one before its end does, in any scope", async () => {
    const s = await scenario(store.db, [
      team({ id: "pay" }),
      repository({ id: "api", teamId: "pay" }),
      repository({ id: "other", teamId: "search" }),
      ...dailyDeployments(),
      incident({ repositoryId: "other", openedAt: "2026-01-20T00:00:00Z", resolvedAt: "2026-01-20T01:00:00Z" }),
    ]);
    const before = await s.metrics(FROM, TO);
    expect(before.coverage.incidents).toBe(false);
    expect(before.changeFailureRate.tier).toBeNull();
    const after = await s.metrics(FROM, "2026-01-26", "pay");
    expect(after.coverage.incidents).toBe(true);
    expect(after.timeToRestore).toMatchObject({ incidents: 0, tier: null });
    expect(after.changeFailureRate).toMatchObject({ deployments: 14, failed: 0, rate: 0, tier: "elite" });
    expect(after.targets.changeFailureRate).toBe(true);
  });

  test("without deployments, no deployment judgement: frequency is not low and its target not missed", async () => {
    const s = await scenario(store.db, [
      repository({ id: "api" }),
      incident({ repositoryId: "api", openedAt: "2026-01-06T00:00:00Z", resolvedAt: "2026-01-06T00:30:00Z" }),
      pullRequest({ repositoryId: "api", createdAt: "2026-01-05T08:00:00Z", mergedAt: "2026-01-05T09:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.coverage).toEqual({ deployments: false, incidents: true, pullRequests: true, commits: false });
    expect(m.deploymentFrequency).toMatchObject({ deployments: 0, perDay: 0, tier: null });
    expect(m.targets.deploymentFrequency).toBeNull();
    expect(m.changeFailureRate).toMatchObject({ deployments: 0, rate: null, tier: null });
    expect(m.targets.changeFailureRate).toBeNull();
    expect(m.targets.timeToFirstDeploy).toBeNull();
    expect(m.timeToRestore).toMatchObject({ medianHours: 0.5, tier: "elite" });
    expect(m.targets.timeToRestore).toBe(true);
  });

  test("a deployment counts for coverage by finishedAt, else createdAt", async () => {
    const s = await scenario(store.db, [
      repository({ id: "api" }),
      deployment({
        repositoryId: "api",
        status: "in_progress",
        createdAt: "2026-01-10T00:00:00Z",
        finishedAt: undefined,
      }),
    ]);
    expect((await s.metrics(FROM, TO)).coverage.deployments).toBe(true);
    expect((await s.metrics("2025-12-01", "2026-01-10")).coverage.deployments).toBe(false);
  });

  test("without pull requests lead time has no tier; without pull requests and commits onboarding has no target", async () => {
    const s = await scenario(store.db, [
      repository({ id: "api" }),
      ...dailyDeployments(),
      incident({ repositoryId: "api", openedAt: "2026-01-06T00:00:00Z", resolvedAt: "2026-01-06T00:30:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.coverage).toEqual({ deployments: true, incidents: true, pullRequests: false, commits: false });
    expect(m.leadTime.tier).toBeNull();
    expect(m.targets.onboarding).toBeNull();
  });
});
