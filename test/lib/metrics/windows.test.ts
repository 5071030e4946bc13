import { afterAll, describe, expect, test } from "vitest";
import { deployment, incident, repository } from "../../factories";
import { freshDatabase, importObjects } from "../../support/db";
import { scenario } from "./scenario";
import { getMetricsReport } from "@/lib/service/metrics";

const store = await freshDatabase();
afterAll(() => store.dispose());

const day = (d: number, h = 12) => new Date(Date.UTC(2026, 0, 5 + d, h)).toISOString();
const deploysOnDays = (days: number[]) => days.map((d) => deployment({ repositoryId: "r", finishedAt: day(d) }));

describe("deployment frequency tiers by deploy days (spec/metrics.md §1)", () => {
  test("five deploy days in the median week is elite; four is high", async () => {
    const five = await scenario(store.db, [
      repository({ id: "r" }),
      ...deploysOnDays([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14]),
    ]);
    expect((await five.metrics("2026-01-05", "2026-01-26")).deploymentFrequency).toEqual({
      deployments: 11,
      perDay: 11 / 21,
      perWeek: 11 / 3,
      deployDays: 11,
      tier: "elite",
    });
    const four = await scenario(store.db, [repository({ id: "r" }), ...deploysOnDays([0, 1, 2, 3, 7, 8, 9, 10, 14])]);
    expect((await four.metrics("2026-01-05", "2026-01-26")).deploymentFrequency.tier).toBe("high");
  });

  test("several deploys on one day count as one deploy day", async () => {
    const s = await scenario(store.db, [repository({ id: "r" }), ...deploysOnDays([0, 0, 0, 7])]);
    expect((await s.metrics("2026-01-05", "2026-01-19")).deploymentFrequency).toMatchObject({
      deployments: 4,
      deployDays: 2,
      tier: "high",
    });
  });

  test("medium needs a deploy day in the median month of four full weeks; below that is low", async () => {
    // Eight full weeks = two months; one deploy day in each month.
    const medium = await scenario(store.db, [repository({ id: "r" }), ...deploysOnDays([3, 30])]);
    expect((await medium.metrics("2026-01-05", "2026-03-02")).deploymentFrequency.tier).toBe("medium");
    const low = await scenario(store.db, [repository({ id: "r" }), ...deploysOnDays([3])]);
    // One deploy day in the first month only: the median of [1, 0] is 0.5, below 1.
    expect((await low.metrics("2026-01-05", "2026-03-02")).deploymentFrequency.tier).toBe("low");
  });

  test("without a full month, any deploy day is medium; full weeks without deploys are low; no full week is null", async () => {
    const s = await scenario(store.db, [repository({ id: "r" }), ...deploysOnDays([2])]);
    expect((await s.metrics("2026-01-05", "2026-01-26")).deploymentFrequency.tier).toBe("medium");
    expect((await s.metrics("2026-02-02", "2026-02-16")).deploymentFrequency).toEqual({
      deployments: 0,
      perDay: 0,
      perWeek: 0,
      deployDays: 0,
      tier: "low",
    });
    expect((await s.metrics("2026-01-05", "2026-01-11")).deploymentFrequency.tier).toBeNull();
  });

  test("a trailing partial week is not a week", async () => {
    const s = await scenario(store.db, [repository({ id: "r" }), ...deploysOnDays([7, 8, 9, 10, 11])]);
    // Days 7–11 are in the trailing 5-day bucket of a 12-day window: the only full week has none.
    expect((await s.metrics("2026-01-05", "2026-01-17")).deploymentFrequency).toMatchObject({
      deployDays: 5,
      tier: "medium",
    });
  });
});

describe("windows, zones and empty results", () => {
  test("timestamps with zone offsets are compared in UTC at the window's edges", async () => {
    const s = await scenario(store.db, [
      repository({ id: "r" }),
      deployment({ repositoryId: "r", finishedAt: "2026-01-05T01:00:00+02:00" }), // 2026-01-04T23:00Z: before
      deployment({ repositoryId: "r", finishedAt: "2026-01-04T23:30:00-01:00" }), // 2026-01-05T00:30Z: inside
      deployment({ repositoryId: "r", finishedAt: "2026-01-12T05:29:59+05:30" }), // 2026-01-11T23:59:59Z: inside
      deployment({ repositoryId: "r", finishedAt: "2026-01-12T05:30:00+05:30" }), // 2026-01-12T00:00Z: after
    ]);
    expect((await s.metrics("2026-01-05", "2026-01-12")).deploymentFrequency).toMatchObject({
      deployments: 2,
      deployDays: 2,
    });
  });

  test("an empty window gives nulls, never zeros or NaN, and targets without data are null", async () => {
    const s = await scenario(store.db, [repository({ id: "r" })]);
    const m = await s.metrics("2026-01-05", "2026-01-12");
    expect(m.leadTime).toEqual({ changes: 0, medianHours: null, p90Hours: null, tier: null });
    expect(m.changeFailureRate).toEqual({ deployments: 0, failed: 0, rate: null, tier: null });
    expect(m.timeToRestore).toEqual({
      incidents: 0,
      resolved: 0,
      open: 0,
      medianHours: null,
      meanHours: null,
      tier: null,
    });
    expect(m.targets).toEqual({
      onboarding: null,
      timeToFirstDeploy: null,
      // No deployment data at all: no judgement, not a missed target (spec/metrics.md, Coverage).
      deploymentFrequency: null,
      changeFailureRate: null,
      timeToRestore: null,
      reworkRate: null,
      failedDeploymentRecovery: null,
    });
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  test("open incidents are counted apart, never as zero or as now", async () => {
    const s = await scenario(store.db, [
      incident({ openedAt: "2026-01-06T00:00:00Z", resolvedAt: "2026-01-06T02:00:00Z" }),
      incident({ openedAt: "2026-01-06T00:00:00Z", resolvedAt: "2026-01-06T04:00:00Z" }),
      incident({ openedAt: "2026-01-06T00:00:00Z" }),
    ]);
    expect((await s.metrics("2026-01-05", "2026-01-12")).timeToRestore).toEqual({
      incidents: 3,
      resolved: 2,
      open: 1,
      medianHours: 3,
      meanHours: 3,
      tier: "high",
    });
  });

  test("a duplicate record replaces the earlier one whole: the last write wins", async () => {
    const s = await scenario(store.db, [
      incident({ id: "i", openedAt: "2026-01-06T00:00:00Z", repositoryId: "r" }),
      incident({ id: "i", openedAt: "2026-01-06T00:00:00Z", resolvedAt: "2026-01-06T00:30:00Z" }),
    ]);
    expect((await s.metrics("2026-01-05", "2026-01-12")).timeToRestore).toMatchObject({
      incidents: 1,
      resolved: 1,
      medianHours: 0.5,
      tier: "elite",
    });
    // A later import replaces it again, and the cached facts follow.
    await importObjects(store.db, s.workspace, [incident({ id: "i", openedAt: "2026-01-06T00:00:00Z" })]);
    expect(
      (await getMetricsReport(store.db, { workspace: s.workspace, from: "2026-01-05", to: "2026-01-12" })).timeToRestore
        .open,
    ).toBe(1);
  });

  test("a changed production pattern is honoured", async () => {
    const s = await scenario(
      store.db,
      [repository({ id: "r" }), deployment({ repositoryId: "r", environment: "live", finishedAt: day(1) })],
      { productionEnv: "^live$" },
    );
    expect((await s.metrics("2026-01-05", "2026-01-12")).deploymentFrequency.deployments).toBe(1);
  });
});
