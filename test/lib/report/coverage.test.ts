import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listRecordCoverage, listRepositoryCoverage, listWeeklyActivity } from "@/lib/queries/coverage";
import { getWorkspace } from "@/lib/queries/workspaces";
import { findGaps } from "@/lib/report/gaps";
import { commit, deployment, incident, pullRequest, repository, repositoryFiles, team } from "../../factories";
import { freshDatabase, importObjects } from "../../support/db";

const at = (iso: string) => Date.parse(iso);
// Four full weeks: 2 to 30 March 2026.
const WINDOW = { from: at("2026-03-02T00:00:00Z"), to: at("2026-03-30T00:00:00Z") };

describe("the data behind a report: record counts, repositories, weekly activity and gaps", async () => {
  const store = await freshDatabase();
  let workspaceId = 0;

  beforeAll(async () => {
    await importObjects(store.db, "acme", [
      team({ id: "core", name: "Core" }),
      repository({ id: "api", name: "acme/api", teamId: "core" }),
      repository({ id: "docs", name: "acme/docs", teamId: "core" }),
      repositoryFiles({ repositoryId: "api", observedAt: "2026-03-20T00:00:00Z" }),
      commit({ repositoryId: "api", authoredAt: "2026-02-20T00:00:00Z" }),
      commit({ repositoryId: "api", authoredAt: "2026-03-03T00:00:00Z" }),
      commit({ repositoryId: "api", authoredAt: "2026-03-25T00:00:00Z" }),
      commit({ repositoryId: "ghost", authoredAt: "2026-03-04T00:00:00Z" }),
      pullRequest({ repositoryId: "api", createdAt: "2026-03-10T00:00:00Z" }),
      deployment({ repositoryId: "api", finishedAt: "2026-03-05T00:00:00Z" }),
      deployment({ repositoryId: "api", finishedAt: "2026-03-26T00:00:00Z" }),
      incident({ repositoryId: "api", openedAt: "2026-03-26T06:00:00Z" }),
    ]);
    workspaceId = (await getWorkspace(store.db, "acme")).id;
    // Another workspace's records never count.
    await importObjects(store.db, "other", [commit({ repositoryId: "api", authoredAt: "2026-03-03T00:00:00Z" })]);
  });
  afterAll(() => store.dispose());

  test("each record type is counted in total and in the window, with the dates it really covers", async () => {
    const byType = Object.fromEntries(
      (await listRecordCoverage(store.db, workspaceId, WINDOW)).map((r) => [r.type, r]),
    );
    expect(byType.commit).toEqual({
      type: "commit",
      count: 4,
      first: at("2026-02-20T00:00:00Z"),
      last: at("2026-03-25T00:00:00Z"),
      inWindow: 3,
    });
    expect(byType.deployment).toMatchObject({ count: 2, inWindow: 2 });
    expect(byType.incident).toMatchObject({ count: 1, inWindow: 1 });
    expect(byType.team).toEqual({ type: "team", count: 1, first: null, last: null, inWindow: null });
    expect(byType.repository_files).toMatchObject({ count: 1 });
  });

  test("repositories list their activity and snapshot; an id only records name comes last, marked as never imported", async () => {
    const rows = await listRepositoryCoverage(store.db, workspaceId, WINDOW);
    expect(
      rows.map((r) => [
        r.id,
        r.name,
        r.commits.inWindow,
        r.pullRequests.inWindow,
        r.deployments.inWindow,
        r.snapshotAt,
      ]),
    ).toEqual([
      ["api", "acme/api", 2, 1, 2, at("2026-03-20T00:00:00Z")],
      ["docs", "acme/docs", 0, 0, 0, null],
      ["ghost", null, 1, 0, 0, null],
    ]);
  });

  test("weekly activity finds the weeks without records, and the gaps say so in words", async () => {
    const weekly = await listWeeklyActivity(store.db, workspaceId, WINDOW);
    expect(weekly).toEqual({
      commits: [2, 0, 0, 1],
      pullRequests: [0, 1, 0, 0],
      deployments: [1, 0, 0, 1],
      incidents: [0, 0, 0, 1],
    });
    const gaps = findGaps({
      window: WINDOW,
      dataStart: at("2026-02-20T00:00:00Z"),
      records: await listRecordCoverage(store.db, workspaceId, WINDOW),
      repositories: await listRepositoryCoverage(store.db, workspaceId, WINDOW),
      weekly,
    });
    expect(gaps).toEqual([
      "The latest pull request is from 10 Mar 2026, more than two weeks before the period ends: collection may have stopped.",
      "No commits in 2 of 4 weeks (weeks of 9 Mar, 16 Mar).",
      "No pull requests in 3 of 4 weeks (weeks of 2 Mar, 16 Mar, 23 Mar).",
      "No deployments in 2 of 4 weeks (weeks of 9 Mar, 16 Mar).",
      "1 repository had no commit, pull request or deployment in the period: acme/docs.",
      "1 repository never deployed (or their deployments were not collected): acme/docs.",
      "1 repository has no configuration snapshot, so the maturity checks cannot see their files: acme/docs.",
      "1 repository named by records was never imported: ghost (altimeter doctor lists them).",
    ]);
  });

  test("data that starts after the period begins is named as a gap", () => {
    const gaps = findGaps({
      window: WINDOW,
      dataStart: at("2026-03-12T00:00:00Z"),
      records: [],
      repositories: [],
      weekly: { commits: [], pullRequests: [], deployments: [], incidents: [] },
    });
    expect(gaps).toEqual([
      "The data starts on 12 Mar 2026, 10 days after the period begins: the first weeks are incomplete.",
    ]);
  });
});
