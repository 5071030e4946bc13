import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { computeMetrics, metricRecords, summarise, type WorkspaceFacts } from "@/lib/metrics";
import { scopeFilter } from "@/lib/metrics/scope";
import type { MetricsWindow } from "@/lib/metrics/types";
import { fullWeeks, parseWindow } from "@/lib/metrics/window";
import { getWorkspace } from "@/lib/queries/workspaces";
import { workspaceFacts } from "@/lib/service/metrics";
import { recordsByTeam, recordsByWindow, recordsInScope } from "@/lib/service/partition";
import { freshDatabase, importText } from "../../support/db";

const EXAMPLE = fileURLToPath(new URL("../../fixtures/examples/small-org.ndjson", import.meta.url));
const SCOPES = [null, "engineering", "payments", "search", "platform", "legacy-billing", "no-such-team"];

describe("splitting one drill-down by window and team (the shared small-org example)", async () => {
  const store = await freshDatabase();
  let facts: WorkspaceFacts;
  beforeAll(async () => {
    await importText(store.db, "acme", readFileSync(EXAMPLE, "utf8"));
    facts = await workspaceFacts(store.db, await getWorkspace(store.db, "acme"));
  });
  afterAll(() => store.dispose());

  const windows: [string, MetricsWindow][] = [
    ["13 weeks", parseWindow("2026-01-05", "2026-04-06")],
    ["4 weeks", parseWindow("2026-02-02", "2026-03-02")],
    ["a window with a partial last week", parseWindow("2026-02-02", "2026-03-19")],
  ];

  for (const [label, window] of windows) {
    const before = { from: 2 * window.from - window.to, to: window.from };

    test(`the previous period and the window cut from one wider computation equal the engine's own (${label})`, () => {
      for (const teamId of SCOPES) {
        const wide = metricRecords(facts, { from: before.from, to: window.to }, { teamId });
        const [previous, current] = recordsByWindow(wide, [before, window]);
        expect(previous, `previous, team ${teamId}`).toEqual(metricRecords(facts, before, { teamId }));
        expect(current, `current, team ${teamId}`).toEqual(metricRecords(facts, window, { teamId }));
        expect(summarise(current!, window)).toEqual(computeMetrics(facts, window, { teamId }));
      }
    });

    test(`each week cut from the window equals the engine's week, deploy days renumbered (${label})`, () => {
      for (const teamId of SCOPES) {
        const weeks = fullWeeks(window);
        const parts = recordsByWindow(metricRecords(facts, window, { teamId }), weeks);
        weeks.forEach((week, i) => {
          expect(parts[i], `week ${i}, team ${teamId}`).toEqual(metricRecords(facts, week, { teamId }));
          expect(summarise(parts[i]!, week)).toEqual(computeMetrics(facts, week, { teamId }));
        });
      }
    });

    test(`each team cut from the workspace's records equals the engine's team scope (${label})`, () => {
      const all = metricRecords(facts, window, { teamId: null });
      for (const teamId of SCOPES.filter((t) => t !== null)) {
        expect(recordsInScope(all, scopeFilter(facts, { teamId })), `team ${teamId}`).toEqual(
          metricRecords(facts, window, { teamId }),
        );
      }
    });

    test(`splitting the workspace's records by team in one pass equals the engine's team scopes (${label})`, () => {
      const teamIds = SCOPES.filter((t) => t !== null);
      const parts = recordsByTeam(metricRecords(facts, window, { teamId: null }), facts, teamIds);
      expect([...parts.keys()]).toEqual(teamIds);
      for (const teamId of teamIds)
        expect(parts.get(teamId), `team ${teamId}`).toEqual(metricRecords(facts, window, { teamId }));
    });
  }

  test("records outside every given window are left out", () => {
    const window = parseWindow("2026-01-05", "2026-04-06");
    const [part] = recordsByWindow(metricRecords(facts, window, { teamId: null }), [
      parseWindow("2030-01-01", "2030-01-08"),
    ]);
    expect(summarise(part!, parseWindow("2030-01-01", "2030-01-08")).deploymentFrequency.deployments).toBe(0);
  });
});
