import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import { metricsTable } from "@/lib/cli/format";
import { metricTarget, metricTier } from "@/lib/service/definitions";
import { getOverview } from "@/lib/service/dashboard";
import { getDigest } from "@/lib/service/digest";
import { getMetricsReport } from "@/lib/service/metrics";
import { getReportModel } from "@/lib/service/report";
import { freshDatabase } from "../../support/db";
import { TestRepository, type Author } from "./repo";

const mike: Author = { name: "Mike Cao", email: "mike@shop.example" };
const zoe: Author = { name: "Zoe Park", email: "zoe@home.example" };
const yan: Author = { name: "Yan Li", email: "yan@home.example" };
const amy: Author = { name: "Amy Ode", email: "amy@home.example" };
const march = { workspace: "shop", from: "2025-03-01", to: "2025-04-01" };
const NOW = Date.parse("2025-05-01T00:00:00Z");

const ONBOARDING =
  "2 of 3 onboarded newcomers have an unknown onboarding time, not 0 days (their first commit is the squash merge of their first pull request, git only); collect from GitHub to fill it";
const LEAD_TIME =
  "2 of 3 changes have an unknown coding time (squash merges collected from git only), so their lead time runs from the merge; collect from GitHub to fill it";

/**
 * Three newcomers of March each merge one squashed pull request; GitHub dated
 * two of the squash commits at the merge, so git does not know when Zoe and
 * Yan began (their onboarding would read 0 days) nor their coding time. Most
 * rows unknown: no tier, no target met, anywhere.
 */
describe("most rows of unknown coding time: no judgement on them anywhere", async () => {
  const store = await freshDatabase();
  const repo = new TestRepository("shop");
  beforeAll(async () => {
    repo.commit(mike, "2025-01-02T09:00:00Z", "Initial commit");
    repo.commit(zoe, "2025-03-03T10:00:00Z", "Add search (#4)");
    repo.commit(yan, "2025-03-04T10:00:00Z", "Add cart (#5)");
    // Squashed locally and rebased: the author date still says when Amy wrote it, four days before.
    repo.commit(amy, "2025-03-01T09:00:00Z", "Fix totals (#6)", { committedAt: "2025-03-05T09:00:00Z" });
    repo.tag("v1.0", "2025-03-06T10:00:00Z");
    const result = await gitCollector.collect(
      { db: store.db, workspace: "shop", now: () => NOW, progress: () => {} },
      gitConfig({ repositories: [{ path: repo.dir }] }),
    );
    expect(result.status).toBe("ok");
  });
  afterAll(async () => {
    repo.dispose();
    await store.dispose();
  });

  test("the numbers stay as computed; the tier and the target are withheld with the count of unknown rows", async () => {
    const report = await getMetricsReport(store.db, march);
    expect(report.onboarding).toMatchObject({ newcomers: 3, onboarded: 3, medianDays: 0 });
    // The engine alone would call 0 days a target met: that is what is refused.
    expect(report.targets.onboarding).toBe(true);
    expect(report.leadTime.changes).toBe(3);
    expect(report.withheld.onboarding).toBe(ONBOARDING);
    expect(report.withheld.leadTime).toBe(LEAD_TIME);
    expect(metricTarget("onboarding", report)).toBeNull();
    expect(metricTier("leadTime", report)).toBeNull();
    expect(report.withheld.deploymentFrequency).toBeNull();
    const table = metricsTable(report).split("\n");
    expect(table.find((l) => l.startsWith("onboarding time"))).toMatch(/no data \(< 7 d\)$/);
    expect(table.find((l) => l.startsWith("lead time for changes"))).toMatch(/ — *$/);
  });

  test("the dashboard's cards, weekly trend and comparison read the same reasons", async () => {
    const overview = await getOverview(store.db, march);
    expect(overview.report.withheld.onboarding).toBe(ONBOARDING);
    // The window's first full week (1–8 March) holds all three starts; the weeks after hold none.
    expect(overview.weeks.map((w) => w.values.withheld.onboarding)).toEqual([ONBOARDING, null, null, null]);
    expect(overview.changes.onboarding).toMatchObject({ verdict: null, unavailable: ONBOARDING });
  });

  test("the report (what the PDF prints) says no data and why, and counts no onboarding target as met", async () => {
    const model = await getReportModel(store.db, { ...march, now: NOW });
    const standing = model.summary.standing.join(" ");
    expect(standing).toContain(`Developer onboarding — no data: ${ONBOARDING}.`);
    expect(standing).toContain(`Lead time for changes — no data: ${LEAD_TIME}.`);
    expect(standing).not.toMatch(/Newcomers merge their first pull request/);
    expect(standing).not.toMatch(/A merged change reaches production/);
    expect(standing).toContain(
      "It meets 1 of the 7 platform-engineering targets (fewer than 10% of deployments being rework), misses 1",
    );
    expect(standing).toMatch(/cannot be judged without data \([^)]*newcomers merging within 7 days/);
  });

  test("the weekly digest says no data and why in every rendering, and never 0 days for the squash-only newcomers", async () => {
    const d = await getDigest(store.db, { workspace: "shop", week: "2025-W10", publicUrl: "https://a.test", now: NOW });
    const why =
      "2 of 2 onboarded newcomers have an unknown onboarding time, not 0 days (their first commit is the squash merge of their first pull request, git only); collect from GitHub to fill it";
    const onboarding = d.model.metrics.find((m) => m.metric === "onboarding")!;
    expect(onboarding).toMatchObject({ withheld: why, change: null, verdict: null });
    for (const text of [d.text, d.markdown, d.html, JSON.stringify(d.slack)]) expect(text).toContain(`no data: ${why}`);
    expect(d.model.newcomers.items.map((n) => [n.id, n.onboardingDays])).toEqual([
      ["zoe", null],
      ["yan", null],
      ["amy", expect.closeTo(4, 9)],
    ]);
    expect(d.text).toContain("onboarding time unknown (squash merge, git only)");
    expect(d.text).not.toMatch(/\b0 days after starting/);
    expect(d.text).toContain("4 days after starting");
  });
});
