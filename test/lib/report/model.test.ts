import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatHeadline, formatNumber } from "@/lib/format";
import { createDemoWorkspace } from "@/lib/service/demo";
import { assessMaturity } from "@/lib/service/maturity";
import { getMetricsReport } from "@/lib/service/metrics";
import { getReportModel, type ReportModel } from "@/lib/service/report";
import { freshDatabase } from "../../support/db";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const WINDOW = { workspace: "demo", from: "2026-08-26", to: "2026-11-25" };

describe("the report's content, from the services the dashboard and the CLI use", async () => {
  const store = await freshDatabase();
  let model: ReportModel;

  beforeAll(async () => {
    await createDemoWorkspace(store.db, { slug: "demo", now: NOW });
    model = await getReportModel(store.db, { ...WINDOW, preparedBy: "  Ana Rao  ", now: NOW });
  });
  afterAll(() => store.dispose());

  test("the metrics are altimeter metrics --json for the window, and the summary states them in words", async () => {
    const report = await getMetricsReport(store.db, WINDOW);
    expect(model.overview.report).toEqual(report);
    expect(model.preparedBy).toBe("Ana Rao");
    expect(model.days).toBe(91);
    const d = report.deploymentFrequency;
    expect(model.summary.standing[0]).toBe(
      `Northwind (demo) deploys to production ${formatNumber(d.perDay)} times a day (DORA ${d.tier}): ${d.deployments} deployments on ${d.deployDays} days of 91.`,
    );
    expect(model.summary.standing.join(" ")).toContain(
      `${formatHeadline("changeFailureRate", report.changeFailureRate.rate)}% of production deployments failed or caused an incident`,
    );
    expect(model.summary.standing.join(" ")).toMatch(/It meets \d of the 7 platform-engineering targets/);
  });

  test("the verdict and the three next steps are the maturity assessment's for the same window", async () => {
    const assessment = await assessMaturity(store.db, { workspace: "demo", to: WINDOW.to, days: 91, now: NOW });
    expect(model.maturity?.level).toBe(assessment.organisation.level);
    expect(model.summary.verdict?.verdict).toBe(assessment.organisation.verdict);
    expect(model.summary.nextSteps).toEqual(assessment.organisation.nextSteps.slice(0, 3));
    expect(model.maturity?.teams.map((t) => t.team)).toEqual(assessment.teams.map((t) => t.team));
    expect(model.maturity?.history.length).toBeGreaterThanOrEqual(4);
  });

  test("the roadmap starts with the open questions and the first steps, and ends with each team's next level", () => {
    const [first, , last] = model.roadmap;
    expect(first?.title).toBe("First 30 days");
    expect(first?.items[0]?.text).toMatch(/^Answer the questionnaire: \d+ open questions could change the verdict$/);
    expect(first?.items[1]?.text).toBe(model.summary.nextSteps[0]!.action);
    expect(last?.title).toBe("Days 90 to 180");
    const below = model.maturity!.teams.filter((t) => t.progress.nextLevel !== null);
    expect(last?.items).toHaveLength(below.length);
  });

  test("the coverage counts every record of the workspace", async () => {
    const count = async (table: string) => (await store.db.value<number>(`SELECT count(*) FROM ${table}`)) ?? 0;
    const byType = Object.fromEntries(model.coverage.records.map((r) => [r.type, r.count]));
    expect(byType).toMatchObject({
      commit: await count("commits"),
      pull_request: await count("pull_requests"),
      deployment: await count("deployments"),
      incident: await count("incidents"),
      person: await count("people"),
      team: await count("teams"),
    });
    expect(model.coverage.repositories).toHaveLength(await count("repositories"));
    expect(model.coverage.weekly.deployments).toHaveLength(13);
  });

  test("a team's report is about the team, and a team without repositories still gets one, saying why it is not assessed", async () => {
    const checkout = await getReportModel(store.db, { ...WINDOW, team: "checkout", now: NOW });
    expect(checkout.team).toEqual({ id: "checkout", name: "Checkout" });
    expect(checkout.summary.standing[0]).toMatch(/^The Checkout team deploys to production/);
    expect(checkout.maturity?.teams.map((t) => t.team)).toEqual(["checkout"]);
    expect(checkout.overview.report).toEqual(await getMetricsReport(store.db, { ...WINDOW, team: "checkout" }));

    const empty = await getReportModel(store.db, { ...WINDOW, team: "engineering", now: NOW });
    expect(empty.maturity).toBeNull();
    expect(empty.maturityProblem).toMatch(/owns no repositories/);
    expect(empty.roadmap).toEqual([]);
    expect(empty.summary.verdict).toBeNull();
    expect(empty.summary.standing.join(" ")).not.toContain("maturity rubric");
  });
});
