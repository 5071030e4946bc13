import { describe, expect, test } from "vitest";
import { countsBehind } from "@/lib/format";
import { METRIC_NAMES, type MetricValues } from "@/lib/metrics";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";

// Counts of one window, as the engine returns them (only what the counts read).
const m = {
  deploymentFrequency: { deployments: 1234, deployDays: 1, perWeek: 2.345 },
  leadTime: { changes: 1, p90Hours: 30.25 },
  changeFailureRate: { failed: 3, deployments: 40 },
  timeToRestore: { incidents: 5, resolved: 4, open: 1, meanHours: 2.5 },
  onboarding: { newcomers: 2, onboarded: 1, p90Days: null },
  timeToFirstDeploy: { newRepositories: 1, deployed: 0 },
  reworkRate: { rework: 2, deployments: 1 },
  failedDeploymentRecovery: { failed: 3, recovered: 2, unrecovered: 1, meanHours: 0.05 },
} as unknown as MetricValues;

describe("the counts behind each metric come from its catalogue entry, in three forms", () => {
  test("the dashboard's cards say every count, ' · ' between", () => {
    expect(Object.fromEntries(METRIC_NAMES.map((n) => [n, countsBehind(n, m, "card")]))).toEqual({
      deploymentFrequency: "1,234 deployments on 1 day · 2.35 / week",
      leadTime: "1 change · p90 30.3 h",
      changeFailureRate: "3 of 40 production deployments failed",
      timeToRestore: "5 incidents · 4 resolved · 1 open · mean 2.5 h",
      onboarding: "2 newcomers · 1 merged a pull request · p90 — days",
      timeToFirstDeploy: "1 new repository · 0 deployed",
      reworkRate: "2 of 1 production deployment were rework",
      failedDeploymentRecovery: "3 failed deployments · 2 recovered · 1 not recovered · mean 0.05 h",
    });
  });

  test("the CLI table says the same counts, ', ' between; the digest only the brief ones", () => {
    expect(countsBehind("timeToRestore", m, "table")).toBe("5 incidents, 4 resolved, 1 open, mean 2.5 h");
    expect(countsBehind("deploymentFrequency", m, "table")).toBe("1,234 deployments on 1 day, 2.35 / week");
    expect(Object.fromEntries(METRIC_NAMES.map((n) => [n, countsBehind(n, m, "brief")]))).toEqual({
      deploymentFrequency: "1,234 deployments on 1 day",
      leadTime: "1 change, p90 30.3 h",
      changeFailureRate: "3 of 40 production deployments failed",
      timeToRestore: "5 incidents, 1 open",
      onboarding: "2 newcomers, 1 merged a pull request",
      timeToFirstDeploy: "1 new repository, 0 deployed",
      reworkRate: "2 of 1 production deployment were rework",
      failedDeploymentRecovery: "3 failed deployments, 1 not recovered",
    });
  });

  test("every drill-down column has a label, keys are unique, and the linked column is one of them", () => {
    for (const name of METRIC_NAMES) {
      const { columns, linked } = METRIC_CATALOG[name].drillDown;
      const keys = columns.map((c) => c.key);
      expect(new Set(keys).size, name).toBe(keys.length);
      for (const c of columns) expect(c.label, `${name}.${c.key}`).not.toBe("");
      if (linked !== null) expect(keys, name).toContain(linked);
      for (const c of columns) if (c.unit) expect(c.format, `${name}.${c.key}`).toBe("measure");
    }
  });
});
