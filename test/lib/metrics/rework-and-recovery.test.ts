import { afterAll, describe, expect, test } from "vitest";
import { commit, deployment, incident, pullRequest, repository, team } from "../../factories";
import { freshDatabase } from "../../support/db";
import { scenario } from "./scenario";

const store = await freshDatabase();
afterAll(() => store.dispose());

const FROM = "2026-01-05",
  TO = "2026-01-19";
const base = () => [
  team({ id: "pay" }),
  repository({ id: "api", teamId: "pay" }),
  repository({ id: "web", teamId: "pay" }),
  // Deployed before the window, so pull requests merged later are linked (data begins mid-life).
  deployment({ id: "api-0", repositoryId: "api", sha: "a", finishedAt: "2026-01-01T10:00:00Z" }),
  incident({ id: "old", openedAt: "2025-06-01T00:00:00Z" }),
];

describe("commit graph linking (spec/metrics.md §2)", () => {
  test("a release cut from an older commit does not ship what was merged after that commit", async () => {
    const records = [
      ...base(),
      commit({ repositoryId: "api", sha: "a", authoredAt: "2026-01-01T09:00:00Z", parents: [] }),
      commit({ repositoryId: "api", sha: "b", authoredAt: "2026-01-06T09:00:00Z", parents: ["a"] }),
      commit({ repositoryId: "api", sha: "c", authoredAt: "2026-01-06T10:00:00Z", parents: ["b"] }),
      pullRequest({
        repositoryId: "api",
        number: 1,
        createdAt: "2026-01-06T08:00:00Z",
        mergedAt: "2026-01-06T09:00:00Z",
        mergeCommitSha: "b",
      }),
      pullRequest({
        repositoryId: "api",
        number: 2,
        createdAt: "2026-01-06T08:00:00Z",
        mergedAt: "2026-01-06T10:00:00Z",
        mergeCommitSha: "c",
      }),
      // No merge commit: the time rule.
      pullRequest({
        repositoryId: "api",
        number: 3,
        createdAt: "2026-01-06T08:00:00Z",
        mergedAt: "2026-01-06T10:00:00Z",
      }),
      deployment({ id: "api-1", repositoryId: "api", sha: "b", finishedAt: "2026-01-06T12:00:00Z" }),
      deployment({ id: "api-2", repositoryId: "api", sha: "c", finishedAt: "2026-01-07T12:00:00Z" }),
    ];
    const s = await scenario(store.db, records);
    const shipped = async () =>
      Object.fromEntries((await s.drill("leadTime", FROM, TO)).map((r) => [r.pullRequest, r.deployment]));
    expect(await shipped()).toEqual({ 1: "api-1", 2: "api-2", 3: "api-1" });
    // A second import of the same records changes nothing.
    const again = await scenario(store.db, [...records, ...records]);
    expect(await again.drill("leadTime", FROM, TO)).toEqual(await s.drill("leadTime", FROM, TO));
  });
});

describe("deployment rework rate (spec/metrics.md §7)", () => {
  test("each rule makes a deployment rework and the drill-down names it; a changed pattern or label list is honoured", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "fix-1", repositoryId: "api", finishedAt: "2026-01-06T10:00:00Z" }),
      incident({ id: "i1", repositoryId: "web", openedAt: "2026-01-06T09:00:00Z", fixDeploymentId: "fix-1" }),
      pullRequest({
        repositoryId: "api",
        number: 10,
        createdAt: "2026-01-07T08:00:00Z",
        mergedAt: "2026-01-07T09:00:00Z",
        title: '  Revert "cache"',
      }),
      deployment({ id: "pr-title", repositoryId: "api", finishedAt: "2026-01-07T10:00:00Z" }),
      pullRequest({
        repositoryId: "api",
        number: 11,
        createdAt: "2026-01-08T08:00:00Z",
        mergedAt: "2026-01-08T09:00:00Z",
        title: "Fix! totals",
        labels: ["HOTFIX"],
      }),
      deployment({ id: "pr-label", repositoryId: "api", finishedAt: "2026-01-08T10:00:00Z" }),
      // Rule 3: a dangling fixDeploymentId; the last web deploy between opening and resolution is the fix.
      incident({
        id: "i2",
        repositoryId: "web",
        openedAt: "2026-01-09T09:00:00Z",
        resolvedAt: "2026-01-09T12:00:00Z",
        fixDeploymentId: "gone",
      }),
      deployment({ id: "web-1", repositoryId: "web", finishedAt: "2026-01-09T10:00:00Z" }),
      deployment({ id: "web-2", repositoryId: "web", finishedAt: "2026-01-09T11:00:00Z" }),
      deployment({ id: "planned", repositoryId: "api", finishedAt: "2026-01-10T10:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.reworkRate).toEqual({ deployments: 6, rework: 4, rate: 4 / 6, tier: null });
    expect(m.targets.reworkRate).toBe(false);
    const why = Object.fromEntries((await s.drill("reworkRate", FROM, TO)).map((r) => [r.deployment, r.why]));
    expect(why).toEqual({
      "fix-1": "rule 1: incident i1 names it as its fix",
      "pr-title": 'rule 2: pull request api#10 titled "  Revert \\"cache\\"" matches the rework pattern',
      "pr-label": 'rule 2: pull request api#11 is labelled "HOTFIX"',
      "web-1": null,
      "web-2": "rule 3: inferred fix of incident i2 (latest production deploy before it was resolved)",
      planned: null,
    });
    // The pay team sees the same rework deployments, whichever team's incident named them.
    expect((await s.metrics(FROM, TO, "pay")).reworkRate.rework).toBe(4);

    const { changeSettings } = await import("@/lib/service/settings");
    await changeSettings(store.db, s.workspace, { reworkPattern: "^fix!", reworkLabels: "rollback" });
    const after = Object.fromEntries((await s.drill("reworkRate", FROM, TO)).map((r) => [r.deployment, r.why]));
    expect(after["pr-title"]).toBeNull();
    expect(after["pr-label"]).toBe('rule 2: pull request api#11 titled "Fix! totals" matches the rework pattern');
  });
});

describe("failed deployment recovery time (spec/metrics.md §8)", () => {
  test("incidents recover at their last resolution, a failed status at the next deploy, an open incident never", async () => {
    const s = await scenario(store.db, [
      ...base(),
      // Failed by status: recovers at the next successful production deploy of its repository.
      deployment({ id: "bad", repositoryId: "api", status: "failure", finishedAt: "2026-01-06T10:00:00Z" }),
      deployment({ id: "good", repositoryId: "api", finishedAt: "2026-01-06T12:30:00Z" }),
      // Two incidents: the later resolution counts.
      deployment({ id: "inc", repositoryId: "web", finishedAt: "2026-01-07T10:00:00Z" }),
      incident({ deploymentId: "inc", openedAt: "2026-01-07T11:00:00Z", resolvedAt: "2026-01-07T12:00:00Z" }),
      incident({ deploymentId: "inc", openedAt: "2026-01-07T11:00:00Z", resolvedAt: "2026-01-07T14:00:00Z" }),
      // One of its incidents is open: not recovered.
      deployment({ id: "open", repositoryId: "web", finishedAt: "2026-01-08T10:00:00Z" }),
      incident({ deploymentId: "open", openedAt: "2026-01-08T11:00:00Z", resolvedAt: "2026-01-08T12:00:00Z" }),
      incident({ deploymentId: "open", openedAt: "2026-01-08T11:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.failedDeploymentRecovery).toEqual({
      failed: 3,
      recovered: 2,
      unrecovered: 1,
      medianHours: 3.25,
      meanHours: 3.25,
      tier: "high",
    });
    expect(m.targets.failedDeploymentRecovery).toBe(false);
    const rows = Object.fromEntries(
      (await s.drill("failedDeploymentRecovery", FROM, TO)).map((r) => [r.deployment, r]),
    );
    expect(rows.bad).toMatchObject({ recoveredBy: "next production deploy good", recoveryHours: 2.5 });
    expect(rows.inc!.recoveryHours).toBe(4);
    expect(rows.open!.recoveredBy).toMatch(/^not recovered: incident .* still open$/);
  });
});

describe("what a drill-down leaves out, and why", () => {
  test("pull requests no deployment contains, unknown coding time, negative lead times and unattributed incidents", async () => {
    const { getDrillDownTable } = await import("@/lib/service/metrics");
    const s = await scenario(store.db, [
      ...base(),
      pullRequest({ repositoryId: "api", createdAt: "2026-01-06T08:00:00Z", mergedAt: "2026-01-06T09:00:00Z" }),
      deployment({ id: "api-1", repositoryId: "api", finishedAt: "2026-01-06T10:00:00Z" }),
      // Clock skew: first commit after the deployment.
      pullRequest({
        repositoryId: "api",
        createdAt: "2026-01-06T08:00:00Z",
        firstCommitAt: "2026-01-06T11:00:00Z",
        mergedAt: "2026-01-06T09:30:00Z",
      }),
      // Merged after the last deployment: nothing ships it.
      pullRequest({
        repositoryId: "api",
        number: 99,
        createdAt: "2026-01-08T08:00:00Z",
        mergedAt: "2026-01-08T09:00:00Z",
      }),
      incident({ id: "lost", openedAt: "2026-01-09T00:00:00Z" }),
    ]);
    const table = async (metric: "leadTime" | "changeFailureRate") =>
      (await getDrillDownTable(store.db, { workspace: s.workspace, from: FROM, to: TO, team: null }, metric)).table;
    const lead = await table("leadTime");
    expect(lead.leftOut).toEqual([
      "1 merged pull request of the window that no production deployment contains (yet): left out.",
      "1 change with a negative lead time (clock skew): dropped.",
      "1 change without a first commit time: coding time unknown, lead time counted from the pull request's creation.",
    ]);
    expect(lead.rows.at(-1)!.slice(1, 2)).toEqual([99]);
    expect(lead.rows.at(-1)!.at(-2)).toBe("left out: no production deployment contains it");
    expect((await table("changeFailureRate")).leftOut).toEqual([
      "1 incident opened in the window attributed to no deployment (no rule applied): failing no deployment.",
    ]);
  });
});
