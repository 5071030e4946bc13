import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getMetricRecords } from "@/lib/service/metrics";
import { listIncidentsWithAttribution } from "@/lib/service/incident-list";
import { listRepositoriesWithActivity } from "@/lib/service/repository-list";
import { getTeamDetails } from "@/lib/service/team-details";
import { deployment, incident, person, pullRequest, repository, team } from "../../factories";
import { freshDatabase, importObjects } from "../../support/db";

const WINDOW = { workspace: "acme", from: "2026-01-05", to: "2026-04-06" };

/** A small organisation: two teams, a teamless repository, incidents of every scope. */
const RECORDS = [
  team({ id: "pay", name: "Payments" }),
  team({ id: "search", name: "Search" }),
  repository({ id: "r-pay", name: "acme/payments", teamId: "pay", createdAt: "2024-01-01T00:00:00Z" }),
  repository({ id: "r-search", name: "acme/search_api", teamId: "search", createdAt: "2024-01-01T00:00:00Z" }),
  repository({ id: "r-new", name: "acme/ledger", teamId: "pay", createdAt: "2026-02-01T00:00:00Z" }),
  repository({ id: "r-tools", name: "acme/tools", createdAt: "2024-01-01T00:00:00Z" }),
  // The data starts long before the window, so people starting in it are newcomers.
  deployment({ id: "d-old", repositoryId: "r-pay", finishedAt: "2025-01-01T10:00:00Z" }),
  deployment({ id: "d1", repositoryId: "r-pay", finishedAt: "2026-02-02T10:00:00Z", sha: "abc" }),
  deployment({ id: "d2", repositoryId: "r-pay", finishedAt: "2026-02-09T10:00:00Z" }),
  deployment({ id: "d3", repositoryId: "r-pay", status: "failure", finishedAt: "2026-02-10T10:00:00Z" }),
  deployment({ id: "d4", repositoryId: "r-search", finishedAt: "2026-03-01T10:00:00Z" }),
  deployment({ id: "d5", repositoryId: "r-new", finishedAt: "2026-02-01T06:00:00Z" }),
  deployment({ id: "d-staging", repositoryId: "r-pay", environment: "staging", finishedAt: "2026-02-03T10:00:00Z" }),
  incident({
    id: "i-named",
    openedAt: "2026-02-09T12:00:00Z",
    resolvedAt: "2026-02-09T13:30:00Z",
    deploymentId: "d2",
    repositoryId: "r-pay",
    severity: "sev1",
    title: "Checkout down",
  }),
  incident({ id: "i-team", openedAt: "2026-03-02T12:00:00Z", teamId: "pay", severity: "sev3", title: "Slow refunds" }),
  incident({
    id: "i-search",
    openedAt: "2026-03-01T11:00:00Z",
    resolvedAt: "2026-03-01T12:00:00Z",
    repositoryId: "r-search",
    severity: "sev2",
  }),
  incident({
    id: "i-old",
    openedAt: "2025-06-01T00:00:00Z",
    resolvedAt: "2025-06-01T01:00:00Z",
    repositoryId: "r-pay",
  }),
  incident({ id: "i-50%_off", openedAt: "2026-03-03T00:00:00Z", title: "Promo banner 50% off" }),
  person({ id: "alice", name: "Alice", teamId: "pay", joinedAt: "2026-02-01T00:00:00Z" }),
  person({ id: "bob", name: "Bob", teamId: "pay", joinedAt: "2024-01-01T00:00:00Z" }),
  person({ id: "dependabot[bot]", teamId: "pay" }),
  person({ id: "carol", teamId: "search", joinedAt: "2026-03-01T00:00:00Z" }),
  pullRequest({
    repositoryId: "r-pay",
    number: 7,
    authorId: "alice",
    createdAt: "2026-02-03T09:00:00Z",
    mergedAt: "2026-02-04T09:00:00Z",
    baseBranch: "main",
    url: "https://example.test/pr/7",
  }),
];

describe("the repositories, incidents and team lists", async () => {
  const store = await freshDatabase();
  beforeAll(async () => {
    const summary = await importObjects(store.db, "acme", RECORDS);
    expect(summary.rejectedTotal).toBe(0);
  });
  afterAll(() => store.dispose());

  test("each repository carries what the metrics counted of it in the window", async () => {
    const rows = await listRepositoriesWithActivity(store.db, WINDOW);
    expect(rows.map((r) => r.name)).toEqual(["acme/ledger", "acme/payments", "acme/search_api", "acme/tools"]);
    const pay = rows.find((r) => r.id === "r-pay")!;
    expect(pay).toMatchObject({ deployments: 2, changes: 1, failedDeployments: 2, incidents: 1, newRepository: null });
    expect(rows.find((r) => r.id === "r-new")!.newRepository).toEqual({ hoursToFirstDeploy: 6 });
    // The same numbers the drill-down lists.
    const { records } = await getMetricRecords(store.db, WINDOW);
    expect(rows.reduce((n, r) => n + r.deployments, 0)).toBe(records.deploymentFrequency.length);
  });

  test("repositories narrow to a team and a name, with LIKE's wildcards taken literally", async () => {
    expect((await listRepositoriesWithActivity(store.db, { ...WINDOW, team: "pay" })).map((r) => r.id)).toEqual([
      "r-new",
      "r-pay",
    ]);
    expect((await listRepositoriesWithActivity(store.db, { ...WINDOW, search: "SEARCH" })).map((r) => r.id)).toEqual([
      "r-search",
    ]);
    expect((await listRepositoriesWithActivity(store.db, { ...WINDOW, search: "h_a" })).map((r) => r.id)).toEqual([
      "r-search",
    ]);
    expect(await listRepositoriesWithActivity(store.db, { ...WINDOW, search: "%" })).toEqual([]);
    expect(
      (await listRepositoriesWithActivity(store.db, { ...WINDOW, sort: "deployments" })).map((r) => r.id).slice(0, 1),
    ).toEqual(["r-pay"]);
  });

  test("incidents opened in the window, newest first, with the deployment each one fails", async () => {
    const { rows, total, severities } = await listIncidentsWithAttribution(store.db, {
      ...WINDOW,
      page: 1,
      pageSize: 50,
    });
    expect(total).toBe(4);
    expect(rows.map((r) => r.id)).toEqual(["i-50%_off", "i-team", "i-search", "i-named"]);
    expect(severities).toEqual(["sev1", "sev2", "sev3"]);
    const named = rows.find((r) => r.id === "i-named")!;
    expect(named).toMatchObject({
      attributedTo: { deploymentId: "d2", rule: "deploymentId" },
      restoreHours: 1.5,
      repositoryName: "acme/payments",
      scopeTeamId: "pay",
    });
    expect(rows.find((r) => r.id === "i-team")).toMatchObject({
      restoreHours: null,
      scopeTeamId: "pay",
      repositoryName: null,
    });
  });

  test("a team's incidents are those of its repositories and the repository-less ones naming it", async () => {
    const pay = await listIncidentsWithAttribution(store.db, { ...WINDOW, team: "pay", page: 1, pageSize: 50 });
    expect(pay.rows.map((r) => r.id)).toEqual(["i-team", "i-named"]);
    const { records } = await getMetricRecords(store.db, { ...WINDOW, team: "pay" });
    expect(pay.total).toBe(records.timeToRestore.length);
  });

  test("incidents filter by status, severity and text, a page at a time", async () => {
    const list = (f: object) =>
      listIncidentsWithAttribution(store.db, { ...WINDOW, page: 1, pageSize: 50, ...f }).then((r) =>
        r.rows.map((i) => i.id),
      );
    expect(await list({ status: "open" })).toEqual(["i-50%_off", "i-team"]);
    expect(await list({ status: "resolved" })).toEqual(["i-search", "i-named"]);
    expect(await list({ severity: "sev1" })).toEqual(["i-named"]);
    expect(await list({ search: "checkout" })).toEqual(["i-named"]);
    expect(await list({ search: "50%" })).toEqual(["i-50%_off"]);
    const second = await listIncidentsWithAttribution(store.db, { ...WINDOW, page: 2, pageSize: 3 });
    expect([second.total, second.rows.map((r) => r.id)]).toEqual([4, ["i-named"]]);
  });

  test("a team's people mark the window's newcomers with their first merged pull request, and bots", async () => {
    const details = await getTeamDetails(store.db, { ...WINDOW, team: "pay" });
    expect(details.people.map((p) => p.id)).toEqual(["alice", "bob", "dependabot[bot]"]);
    const [alice, bob, bot] = details.people;
    expect(alice!.newcomer).toEqual({
      onboardingDays: 3 + 9 / 24,
      firstMerged: {
        repositoryId: "r-pay",
        number: 7,
        at: Date.parse("2026-02-04T09:00:00Z"),
        url: "https://example.test/pr/7",
      },
    });
    expect(alice!.start).toEqual({ at: Date.parse("2026-02-01T00:00:00Z"), source: "joinedAt" });
    expect(bob!.newcomer).toBeNull();
    expect(bot!.isBot).toBe(true);
    expect(details.repositories.map((r) => r.id)).toEqual(["r-new", "r-pay"]);
  });
});
