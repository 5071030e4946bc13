import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { metricTarget, metricTier, METRIC_INFO } from "@/lib/service/definitions";
import { getDigest } from "@/lib/service/digest";
import { assessMaturity } from "@/lib/service/maturity";
import { getMetricsReport } from "@/lib/service/metrics";
import { getReportModel } from "@/lib/service/report";
import { getOverview } from "@/lib/service/dashboard";
import { withholdJudgements } from "@/lib/metrics/coverage";
import type { MetricValues } from "@/lib/metrics/types";
import { noComparisonReason, partialReason, withheldReason, type SourceStarts } from "@/lib/withheld";
import { altimeter } from "../support/cli";
import { freshDatabase, importObjects } from "../support/db";
import { incidentsOn, NO_INCIDENTS, UNCOVERED_WINDOW as WINDOW, uncoveredRecords } from "../support/uncovered";

const at = (iso: string) => Date.parse(iso);
const NOW = at("2026-04-07T10:00:00Z");

describe("the wording of a withheld judgement", () => {
  const none: SourceStarts = { deployments: null, incidents: null, pullRequests: null, commits: null };
  const to = at("2026-04-06T00:00:00Z");

  test("names the missing source, the window's end and what to do", () => {
    const starts = { ...none, deployments: at("2026-01-01T00:00:00Z") };
    expect(withheldReason("changeFailureRate", starts, to)).toBe(NO_INCIDENTS);
    expect(withheldReason("timeToRestore", starts, to)).toBe(NO_INCIDENTS);
    expect(withheldReason("deploymentFrequency", starts, to)).toBeNull();
  });

  test("a source that starts after the window names its first record instead", () => {
    const starts = { ...none, incidents: at("2026-04-20T08:00:00Z") };
    expect(withheldReason("changeFailureRate", starts, to)).toBe(
      "no deployment or incident data before 6 Apr 2026; the first incident is from 20 Apr 2026; connect a deployment source",
    );
    // A record exactly at the window's end is not before it.
    expect(withheldReason("timeToRestore", { ...none, incidents: to }, to)).toBe(
      "no incident data before 6 Apr 2026; the first incident is from 6 Apr 2026",
    );
  });

  test("onboarding needs pull requests or commits, either will do", () => {
    expect(withheldReason("onboarding", none, to)).toBe(
      "no pull request or commit data before 6 Apr 2026; connect a pull request source or a commit source",
    );
    expect(withheldReason("onboarding", { ...none, commits: 0 }, to)).toBeNull();
    expect(withheldReason("leadTime", { ...none, commits: 0, deployments: 0 }, to)).toBe(
      "no pull request data before 6 Apr 2026; connect a pull request source",
    );
  });

  test("a comparison needs both periods covered; the previous one ends where the window begins", () => {
    const window = { from: at("2026-01-05T00:00:00Z"), to };
    const starts = { ...none, deployments: 0, incidents: at("2026-02-02T10:00:00Z") };
    expect(noComparisonReason("changeFailureRate", starts, window)).toBe(
      "no incident data before 5 Jan 2026, when the previous period ends; the first incident is from 2 Feb 2026",
    );
    expect(noComparisonReason("deploymentFrequency", starts, window)).toBeNull();
    expect(noComparisonReason("timeToRestore", { ...starts, incidents: null }, window)).toBe(NO_INCIDENTS);
  });
});

describe("lead time and onboarding on rows of unknown coding time", () => {
  const share = (unknown: number, of: number) => ({ unknown, of });
  test("are withheld only when most rows are unknown: half is not most", () => {
    const half = { leadTime: share(1, 2), onboarding: share(2, 4) };
    expect(partialReason("leadTime", half)).toBeNull();
    expect(partialReason("onboarding", half)).toBeNull();
    expect(partialReason("onboarding", { ...half, onboarding: share(0, 0) })).toBeNull();
    const most = { leadTime: share(952, 952), onboarding: share(36, 37) };
    expect(partialReason("leadTime", most)).toBe(
      "952 of 952 changes have an unknown coding time (squash merges collected from git only), so their lead time runs from the merge; collect from GitHub to fill it",
    );
    expect(partialReason("onboarding", most)).toMatch(/^36 of 37 onboarded newcomers have an unknown onboarding time/);
    expect(partialReason("deploymentFrequency", most)).toBeNull();
  });
});

describe("the wording's rules agree with the engine's", () => {
  const judgedEverywhere: MetricValues = {
    deploymentFrequency: { deployments: 10, perDay: 2, perWeek: 14, deployDays: 5, tier: "elite" },
    leadTime: { changes: 3, medianHours: 2, p90Hours: 3, tier: "elite" },
    changeFailureRate: { deployments: 10, failed: 0, rate: 0, tier: "elite" },
    timeToRestore: { incidents: 1, resolved: 1, open: 0, medianHours: 0.5, meanHours: 0.5, tier: "elite" },
    onboarding: { newcomers: 1, onboarded: 1, medianDays: 1, p90Days: 1 },
    timeToFirstDeploy: { newRepositories: 1, deployed: 1, medianHours: 1 },
    reworkRate: { deployments: 10, rework: 0, rate: 0, tier: null },
    failedDeploymentRecovery: {
      failed: 1,
      recovered: 1,
      unrecovered: 0,
      medianHours: 0.5,
      meanHours: 0.5,
      tier: "elite",
    },
    coverage: { deployments: true, incidents: true, pullRequests: true, commits: true },
    targets: {
      onboarding: true,
      timeToFirstDeploy: true,
      deploymentFrequency: true,
      changeFailureRate: true,
      timeToRestore: true,
      reworkRate: true,
      failedDeploymentRecovery: true,
    },
  };

  test.each(Array.from({ length: 16 }, (_, i) => i))(
    "coverage case %i: a metric has a reason exactly when the engine withholds its tier or target",
    (bits) => {
      const to = at("2026-04-06T00:00:00Z");
      const starts: SourceStarts = {
        deployments: bits & 1 ? 0 : null,
        incidents: bits & 2 ? 0 : null,
        pullRequests: bits & 4 ? 0 : null,
        commits: bits & 8 ? 0 : null,
      };
      const coverage = {
        deployments: !!(bits & 1),
        incidents: !!(bits & 2),
        pullRequests: !!(bits & 4),
        commits: !!(bits & 8),
      };
      const engine = withholdJudgements({ ...judgedEverywhere, coverage });
      for (const info of METRIC_INFO) {
        const tier = (engine as unknown as Record<string, { tier?: unknown }>)[info.name]!.tier;
        const target = info.target ? engine.targets[info.target.key] : undefined;
        // A metric without DORA bands (rework rate) has a tier that is always null: only its target tells.
        const withheldByEngine = (info.tiers !== null && tier === null) || target === null;
        expect(withheldReason(info.name, starts, to) !== null, info.name).toBe(withheldByEngine);
      }
    },
  );
});

const lateIncidents = incidentsOn(["2026-02-02", "2026-02-16", "2026-03-31"]);

describe("a workspace without incident data never shows its change failure rate as performance", async () => {
  const store = await freshDatabase();
  beforeAll(async () => {
    await importObjects(store.db, "quiet", uncoveredRecords([]));
    await importObjects(store.db, "late", uncoveredRecords(lateIncidents));
    await importObjects(store.db, "fresh", uncoveredRecords(lateIncidents.slice(2)));
  });
  afterAll(() => store.dispose());

  test("the report withholds the tiers and targets that read incidents, and says why", async () => {
    const report = await getMetricsReport(store.db, { workspace: "quiet", ...WINDOW });
    expect(report.changeFailureRate).toMatchObject({ deployments: 91, failed: 0, rate: 0 });
    expect(report.withheld).toMatchObject({
      changeFailureRate: NO_INCIDENTS,
      timeToRestore: NO_INCIDENTS,
      deploymentFrequency: null,
      leadTime: null,
    });
    expect(metricTier("changeFailureRate", report)).toBeNull();
    expect(metricTarget("changeFailureRate", report)).toBeNull();
    expect(metricTier("deploymentFrequency", report)).toBe("elite");
    expect(metricTarget("deploymentFrequency", report)).toBe(false);
  });

  test("the executive summary counts no withheld target as met and names the missing source", async () => {
    const model = await getReportModel(store.db, { workspace: "quiet", ...WINDOW, now: NOW });
    const standing = model.summary.standing.join(" ");
    expect(standing).not.toMatch(/% of production deployments failed/);
    expect(standing).not.toMatch(/No incident was opened/);
    expect(standing).toContain(`Change failure rate — no data: ${NO_INCIDENTS}.`);
    expect(standing).toContain(`Time to restore — no data: ${NO_INCIDENTS}.`);
    expect(standing).toContain(
      "It meets 1 of the 7 platform-engineering targets (fewer than 10% of deployments being rework), misses 1",
    );
    expect(standing).toMatch(/cannot be judged without data \([^)]*a change failure rate below 5%/);
    // First the questions, then the source to connect, then the steps.
    expect(model.roadmap[0]!.items[1]!.text).toBe(
      `Change failure rate, time to restore, failed deployment recovery time — no data: ${NO_INCIDENTS}`,
    );
    expect(model.coverage.gaps).toContain(
      `Not judged (change failure rate, time to restore, failed deployment recovery time) — no data: ${NO_INCIDENTS}.`,
    );
    const missed = model.roadmap.flatMap((p) => p.items.map((i) => i.text)).filter((t) => t.startsWith("Meet"));
    expect(missed).toEqual(["Meet the target of more than one deployment a day (now 1 deployments / day)"]);
  });

  test("no comparison is shown against a period without incident data, and the summary says why", async () => {
    const overview = await getOverview(store.db, { workspace: "late", ...WINDOW });
    expect(overview.report.withheld.changeFailureRate).toBeNull();
    expect(overview.report.changeFailureRate.failed).toBeGreaterThan(0);
    const why =
      "no incident data before 5 Jan 2026, when the previous period ends; the first incident is from 2 Feb 2026";
    expect(overview.changes.changeFailureRate).toMatchObject({ verdict: null, delta: null, unavailable: why });
    expect(overview.changes.deploymentFrequency).toMatchObject({ verdict: "unchanged", unavailable: null });
    const model = await getReportModel(store.db, { workspace: "late", ...WINDOW, now: NOW });
    expect(model.summary.movement).not.toMatch(/worsened/);
    expect(model.summary.movement).toContain(
      `Change failure rate, time to restore, failed deployment recovery time — no comparison: ${why}.`,
    );
  });

  test("the maturity outcome check on time to restore is unknown with the reason", async () => {
    const assessment = await assessMaturity(store.db, { workspace: "quiet", to: WINDOW.to, days: 91, now: NOW });
    const check = assessment.teams[0]!.checks.find((c) => c.id === "time-to-restore")!;
    expect(check).toMatchObject({ status: "unknown", evidence: [], note: `no data: ${NO_INCIDENTS}` });
  });

  test("the digest says no data with the reason in every rendering, never a tier or met", async () => {
    const d = await getDigest(store.db, {
      workspace: "quiet",
      week: "2026-W14",
      publicUrl: "https://a.test",
      now: NOW,
    });
    const cfr = d.model.metrics.find((m) => m.metric === "changeFailureRate")!;
    expect(cfr).toMatchObject({ tier: null, withheld: NO_INCIDENTS });
    expect(d.subject).not.toContain("failed");
    const row = d.markdown.split("\n").find((l) => l.startsWith("| Change failure rate"))!;
    expect(row).toContain(`no data: ${NO_INCIDENTS}`);
    expect(row).not.toMatch(/\b(elite|high|medium|low|met|missed|better|worse)\b/i);
    for (const text of [d.text, d.html, JSON.stringify(d.slack)]) expect(text).toContain(`no data: ${NO_INCIDENTS}`);
  });

  test("a digest week whose baseline has no incident data shows no change for the rate, and why", async () => {
    const d = await getDigest(store.db, {
      workspace: "fresh",
      week: "2026-W14",
      publicUrl: "https://a.test",
      now: NOW,
    });
    const cfr = d.model.metrics.find((m) => m.metric === "changeFailureRate")!;
    expect(cfr.withheld).toBeNull();
    expect(cfr).toMatchObject({ change: null, verdict: null });
    expect(cfr.unavailable).toBe(
      "no incident data before 30 Mar 2026, when the previous period ends; the first incident is from 31 Mar 2026",
    );
    expect(d.markdown).toContain(`no comparison: ${cfr.unavailable}`);
  });

  test("altimeter metrics says why under its table, and --json carries the reasons beside coverage", () => {
    const args = ["metrics", "--workspace", "quiet", "--from", WINDOW.from, "--to", WINDOW.to];
    const table = altimeter(args, { db: store.file });
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain(
      `change failure rate, time to restore, failed deployment recovery time — no data: ${NO_INCIDENTS}\n`,
    );
    const json = altimeter([...args, "--json"], { db: store.file });
    const report = JSON.parse(json.stdout);
    expect(report.coverage).toEqual({ deployments: true, incidents: false, pullRequests: true, commits: true });
    expect(report.withheld.changeFailureRate).toBe(NO_INCIDENTS);
    expect(report.targets.changeFailureRate).toBeNull();
  });

  test("every metric of the catalogue has a coverage rule", async () => {
    const report = await getMetricsReport(store.db, { workspace: "quiet", ...WINDOW });
    expect(Object.keys(report.withheld).sort()).toEqual(METRIC_INFO.map((m) => m.name).sort());
  });
});
