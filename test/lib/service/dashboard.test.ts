import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { MetricsReport, MetricValues } from "@/lib/metrics/types";
import { compareHeadline } from "@/lib/service/comparison";
import { getOverview, type Overview } from "@/lib/service/dashboard";
import { createDemoWorkspace } from "@/lib/service/demo";
import { getMetricsReport, getWeeklySeries } from "@/lib/service/metrics";
import { listWorkspaceSummaries } from "@/lib/service/workspace-list";
import { freshDatabase, importObjects } from "../../support/db";
import { team } from "../../factories";

// A fixed "now", so the demo and every window below are the same on every run.
const NOW = Date.UTC(2026, 10, 26, 9, 30);
const WINDOW = { from: "2026-08-27", to: "2026-11-26" };

/** The six metrics and targets of a report, without its workspace, team and dates. */
function valuesOf({ workspace, team, from, to, ...values }: MetricsReport): MetricValues {
  void [workspace, team, from, to];
  return values;
}

describe("the overview of the demo workspace", async () => {
  const store = await freshDatabase();
  let overview: Overview;
  beforeAll(async () => {
    await createDemoWorkspace(store.db, { slug: "demo", now: NOW });
    await importObjects(store.db, "empty", [team({ id: "lonely", name: "Lonely" })]);
    overview = await getOverview(store.db, { workspace: "demo", ...WINDOW });
  });
  afterAll(() => store.dispose());

  test("its report is exactly altimeter metrics --json for the window", async () => {
    expect(overview.report).toEqual(await getMetricsReport(store.db, { workspace: "demo", ...WINDOW }));
    expect(overview.report.deploymentFrequency.deployments).toBeGreaterThan(0);
  });

  test("the previous period is the 91 days before, computed as the CLI would", async () => {
    expect(overview.previous.from).toBe("2026-05-28");
    expect(overview.previous.to).toBe("2026-08-27");
    expect(overview.previous.values).toEqual(
      valuesOf(await getMetricsReport(store.db, { workspace: "demo", from: "2026-05-28", to: "2026-08-27" })),
    );
  });

  test("the weeks are the CLI's --series week", async () => {
    const { series } = await getWeeklySeries(store.db, { workspace: "demo", ...WINDOW });
    expect(overview.weeks).toHaveLength(13);
    expect(overview.weeks.map((w) => ({ workspace: "demo", team: null, from: w.from, to: w.to, ...w.values }))).toEqual(
      series,
    );
  });

  test("every team's row equals altimeter metrics --team for that team", async () => {
    expect(overview.teams.map((t) => t.id).sort()).toEqual([
      "billing",
      "catalog",
      "checkout",
      "engineering",
      "fulfilment",
      "platform",
      "storefront",
    ]);
    for (const row of overview.teams) {
      expect(row.values, row.id).toEqual(
        valuesOf(await getMetricsReport(store.db, { workspace: "demo", ...WINDOW, team: row.id })),
      );
    }
  });

  test("a team's overview is scoped to it and has no team table", async () => {
    const checkout = await getOverview(store.db, { workspace: "demo", ...WINDOW, team: "checkout" });
    expect(checkout.team).toEqual({ id: "checkout", name: "Checkout" });
    expect(checkout.teams).toEqual([]);
    expect(checkout.report).toEqual(
      await getMetricsReport(store.db, { workspace: "demo", ...WINDOW, team: "checkout" }),
    );
  });

  test("an unknown workspace or team, or a backwards window, fails naming it", async () => {
    await expect(getOverview(store.db, { workspace: "nope", ...WINDOW })).rejects.toThrow(NotFoundError);
    await expect(getOverview(store.db, { workspace: "demo", ...WINDOW, team: "nope" })).rejects.toThrow(
      /unknown team "nope"/,
    );
    await expect(getOverview(store.db, { workspace: "demo", from: "2026-11-26", to: "2026-08-27" })).rejects.toThrow(
      ValidationError,
    );
  });

  test("a workspace without activity says so with a null data start", async () => {
    const empty = await getOverview(store.db, { workspace: "empty", ...WINDOW });
    expect(empty.dataStart).toBeNull();
    expect(overview.dataStart).not.toBeNull();
    const summaries = await listWorkspaceSummaries(store.db, WINDOW);
    expect(summaries.map((s) => [s.slug, s.hasData])).toEqual([
      ["demo", true],
      ["empty", false],
    ]);
  });

  test("the change against the previous period reads with each metric's direction", () => {
    const window = {
      from: Date.parse(`${overview.report.from}T00:00:00Z`),
      to: Date.parse(`${overview.report.to}T00:00:00Z`),
    };
    const compare = (m: "leadTime" | "deploymentFrequency" | "timeToRestore", previous = overview.previous.values) =>
      compareHeadline(m, overview.report, previous, overview.starts, window);
    const change = compare("leadTime");
    expect(change).toEqual(overview.changes.leadTime);
    expect(change.current).toBe(overview.report.leadTime.medianHours);
    expect(change.previous).toBe(overview.previous.values.leadTime.medianHours);
    const faster = change.delta! < 0;
    expect(change.verdict).toBe(faster ? "better" : "worse");
    const more = compare("deploymentFrequency");
    expect(more.verdict).toBe(more.delta! > 0 ? "better" : more.delta! < 0 ? "worse" : "unchanged");
    expect(compare("timeToRestore", overview.report).verdict).toBe("unchanged");
  });
});
