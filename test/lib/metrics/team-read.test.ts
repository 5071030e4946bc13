import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { computeMetrics, deriveFacts, METRIC_NAMES, metricRecords, type WorkspaceFacts } from "@/lib/metrics";
import { loadMetricsData } from "@/lib/queries/metrics-data";
import { loadTeamMetricsData } from "@/lib/queries/team-metrics-data";
import { listTeams } from "@/lib/queries/teams";
import { getWorkspace } from "@/lib/queries/workspaces";
import { drillDownTable } from "@/lib/service/drilldown";
import { getMetricsReport } from "@/lib/service/metrics";
import { mergePeople } from "@/lib/service/people";
import { metricsSettings } from "@/lib/service/scope";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { generateWorkspace } from "../../bench/generate";
import { ndjsonLine } from "../../bench/ndjson";
import { freshDatabase, importText } from "../../support/db";

/**
 * A fresh process counting one team reads only that team's rows
 * (lib/queries/team-metrics-data.ts). These tests hold it to the numbers and
 * drill-downs the whole workspace's rows give, on a generated organisation
 * with incidents that cross teams (by deployment id, by sha, as a fix),
 * incidents of no repository, rework titles and merged identities.
 */
const END = Date.parse("2026-06-01T00:00:00Z");
const WORKSPACE = "teams";
const iso = (ms: number) => new Date(ms).toISOString();

let store: Awaited<ReturnType<typeof freshDatabase>>;
let teams: string[] = [];

async function wholeFacts(db: Db): Promise<WorkspaceFacts> {
  const ws = await getWorkspace(db, WORKSPACE);
  return deriveFacts(await loadMetricsData(db, ws.id), metricsSettings(ws));
}

async function teamFacts(db: Db, team: string): Promise<WorkspaceFacts> {
  const ws = await getWorkspace(db, WORKSPACE);
  return deriveFacts(await loadTeamMetricsData(db, ws.id, team), metricsSettings(ws));
}

const WINDOWS = [
  { from: END - 365 * DAY_MS, to: END },
  { from: END - 90 * DAY_MS, to: END },
  { from: END - 730 * DAY_MS, to: END - 300 * DAY_MS },
];

async function expectSameForEveryTeam(db: Db) {
  const whole = await wholeFacts(db);
  for (const team of teams) {
    const own = await teamFacts(db, team);
    for (const w of WINDOWS) {
      const scope = { teamId: team };
      expect(computeMetrics(own, w, scope), `${team} ${iso(w.from)}`).toEqual(computeMetrics(whole, w, scope));
      const [a, b] = [metricRecords(own, w, scope), metricRecords(whole, w, scope)];
      for (const metric of METRIC_NAMES)
        expect(drillDownTable(a, metric), `${team} ${metric} ${iso(w.from)}`).toEqual(drillDownTable(b, metric));
    }
  }
  return whole;
}

beforeAll(async () => {
  store = await freshDatabase();
  const lines: string[] = [];
  generateWorkspace(
    { seed: 7, scale: 0.02, end: END },
    { write: (type, values) => lines.push(ndjsonLine(type, values)) },
  );
  const summary = await importText(store.db, WORKSPACE, `${lines.join("\n")}\n`);
  expect(summary.rejectedTotal).toBe(0);
  const ws = await getWorkspace(store.db, WORKSPACE);
  teams = (await listTeams(store.db, ws.id)).map((t) => t.id);
});

afterAll(async () => {
  await store.dispose();
});

describe("one team's own read counts what the whole workspace's rows count for it", () => {
  test("on the generated organisation, every team, three windows, every metric and drill-down", async () => {
    expect(teams.length).toBeGreaterThanOrEqual(3);
    const whole = await expectSameForEveryTeam(store.db);
    // The comparison means something: teams count deployments, changes and incidents.
    const counted = computeMetrics(whole, WINDOWS[0]!, { teamId: teams[0]! });
    expect(counted.deploymentFrequency.deployments).toBeGreaterThan(0);
    expect(counted.leadTime.changes).toBeGreaterThan(0);
  });

  test("with incidents that cross teams, incidents of no repository or team, rework titles and merged people", async () => {
    const db = store.db;
    const whole = await wholeFacts(db);
    const repositoryTeam = new Map(whole.data.repositories.map((r) => [r.id, r.teamId]));
    const [a, b, c] = teams as [string, string, string];
    const productionOf = (team: string) =>
      [...whole.productionSuccessByRepository]
        .filter(([repo]) => repositoryTeam.get(repo) === team)
        .flatMap(([, list]) => list)
        .filter((d) => d.sha !== null && d.finishedAt! > END - 200 * DAY_MS)
        .sort((x, y) => x.finishedAt! - y.finishedAt!);
    const ofA = productionOf(a),
      ofB = productionOf(b);
    const repoOf = (team: string) => whole.data.repositories.find((r) => r.teamId === team)!.id;
    const at = (d: { finishedAt: number | null }, hours: number) => iso(d.finishedAt! + hours * HOUR_MS);
    const b1 = ofB[3]!,
      b2 = ofB[7]!,
      b3 = ofB[11]!,
      a1 = ofA[5]!;
    const incidents = [
      // Team A's incident naming team B's deployment: it fails B's deployment, and counts for A's restore time.
      { id: "x-named", openedAt: at(b1, 1), resolvedAt: at(b1, 3), repositoryId: repoOf(a), deploymentId: b1.id },
      // Team A's incident whose cause is team B's sha.
      { id: "x-sha", openedAt: at(b2, 2), resolvedAt: at(b2, 5), repositoryId: repoOf(a), causeSha: b2.sha },
      // No repository, no team: rules 1 and 2 only.
      { id: "x-loose-named", openedAt: at(b3, 1), resolvedAt: at(b3, 30), deploymentId: b3.id },
      { id: "x-loose-sha", openedAt: at(a1, 1), causeSha: a1.sha },
      // A team's incident fixed by another team's deployment (rework rule 1 across teams).
      { id: "x-fix", openedAt: at(b1, -2), resolvedAt: at(b1, 1), teamId: a, fixDeploymentId: b1.id },
      { id: "x-fix-c", openedAt: at(a1, -3), resolvedAt: at(a1, 2), repositoryId: repoOf(c), fixDeploymentId: a1.id },
      // A team-level incident of C: rule 4 over C's repositories.
      { id: "x-team", openedAt: at(ofA[9]!, 4), resolvedAt: at(ofA[9]!, 6), teamId: c },
    ].map((i) => ({ type: "incident", ...i }));
    // Rework by title in B's repository; a person without a team; people merged across teams.
    const personOf = (team: string) => whole.data.people.filter((p) => p.teamId === team);
    const merged = whole.changes.filter((ch) => repositoryTeam.get(ch.pullRequest.repositoryId) === b).slice(-3);
    const pullRequests = merged.map((ch) => ({
      type: "pull_request",
      repositoryId: ch.pullRequest.repositoryId,
      number: ch.pullRequest.number,
      authorId: personOf(b)[2]!.id,
      createdAt: iso(ch.pullRequest.createdAt),
      mergedAt: iso(ch.pullRequest.mergedAt!),
      title: "Revert: hotfix for the outage",
      labels: ["bug"],
    }));
    const lone = { type: "person", id: "lone@example.com", name: "Lone" };
    const summary = await importText(
      db,
      WORKSPACE,
      `${[...incidents, ...pullRequests, lone].map((r) => JSON.stringify(r)).join("\n")}\n`,
    );
    expect(summary.rejectedTotal, JSON.stringify(summary.rejected)).toBe(0);
    await mergePeople(db, WORKSPACE, [personOf(b)[0]!.id], personOf(a)[0]!.id);
    await mergePeople(db, WORKSPACE, [personOf(c)[1]!.id, personOf(a)[2]!.id], "lone@example.com");

    const after = await expectSameForEveryTeam(db);
    // The edge cases are there: an incident of A fails B's deployment, and a title makes one of B's deployments rework.
    expect(after.incidentsByDeployment.get(b1.id)?.map((x) => x.incident.id)).toContain("x-named");
    expect(after.reworkByDeployment.get(b1.id)?.map((r) => r.rule)).toContain("fixDeploymentId");
    expect([...after.reworkByDeployment.values()].flat().some((r) => r.rule === "pullRequest")).toBe(true);
  });
});

describe("a fresh process counts one team from the team's own read, and sees every import", () => {
  test("imports, counts a team cold, imports more, and counts the new numbers", async () => {
    const team = teams[1]!;
    const q = { workspace: WORKSPACE, from: "2025-06-01", to: "2026-06-01", team };
    const cold = async () => {
      const db = await openDatabase(store.file);
      try {
        return await getMetricsReport(db, q);
      } finally {
        await closeDatabase(db);
      }
    };
    const before = await cold();
    expect(await getMetricsReport(store.db, q)).toEqual(before);
    const whole = computeMetrics(await wholeFacts(store.db), WINDOWS[0]!, { teamId: team });
    expect(before.deploymentFrequency).toEqual(whole.deploymentFrequency);
    // One more production deployment of the team, and an incident that fails it.
    const facts = await wholeFacts(store.db);
    const repo = facts.data.repositories.find((r) => r.teamId === team)!;
    const env = facts.productionSuccessByRepository.get(repo.id)![0]!.environment;
    const t = Date.parse("2026-05-20T10:00:00Z");
    await importText(
      store.db,
      WORKSPACE,
      `${[
        {
          type: "deployment",
          id: "late-1",
          repositoryId: repo.id,
          environment: env,
          status: "success",
          createdAt: iso(t),
          finishedAt: iso(t + HOUR_MS),
        },
        {
          type: "incident",
          id: "late-i",
          openedAt: iso(t + 2 * HOUR_MS),
          resolvedAt: iso(t + 3 * HOUR_MS),
          repositoryId: repo.id,
          deploymentId: "late-1",
        },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n")}\n`,
    );
    const after = await cold();
    expect(after.deploymentFrequency.deployments).toBe(before.deploymentFrequency.deployments + 1);
    expect(after.changeFailureRate.failed).toBe(before.changeFailureRate.failed + 1);
    expect(after.timeToRestore.incidents).toBe(before.timeToRestore.incidents + 1);
    // The same Db, still holding the team's facts of the version before, counts the new numbers too.
    expect(await getMetricsReport(store.db, q)).toEqual(after);
  });
});
