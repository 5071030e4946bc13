import { afterAll, describe, expect, test } from "vitest";
import { deployment, incident, repository, team } from "../../factories";
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
  repository({ id: "other", teamId: "search" }),
];

describe("incident attribution (spec/metrics.md §3)", () => {
  test("rule 1: an incident naming a deployment fails that one, even in another environment, not the production deploy before it", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "prod-1", repositoryId: "api", finishedAt: "2026-01-06T10:00:00Z" }),
      deployment({ id: "stage-1", repositoryId: "api", environment: "staging", finishedAt: "2026-01-06T11:00:00Z" }),
      incident({ id: "i1", repositoryId: "api", deploymentId: "stage-1", openedAt: "2026-01-06T12:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.changeFailureRate).toMatchObject({ deployments: 1, failed: 0, rate: 0 });
    const tr = await s.drill("timeToRestore", FROM, TO);
    expect(tr[0]!.attributedTo).toBe("stage-1 (rule 1: names the deployment)");
  });

  test("rule 1 does not apply to a dangling deploymentId: the repository rule decides instead", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({
        id: "prod-1",
        repositoryId: "api",
        finishedAt: "2026-01-06T10:00:00Z",
        url: "https://example.test/deployments/prod-1",
      }),
      incident({ id: "i1", repositoryId: "api", deploymentId: "no-such-deploy", openedAt: "2026-01-06T12:00:00Z" }),
    ]);
    expect((await s.metrics(FROM, TO)).changeFailureRate).toMatchObject({ deployments: 1, failed: 1, rate: 1 });
    const why = await s.drill("changeFailureRate", FROM, TO);
    expect(why[0]!.why).toBe("incident i1 by rule 3: repository's latest deploy");
    expect(why[0]!.url).toBe("https://example.test/deployments/prod-1");
  });

  test("rule 2: a causeSha shipped twice fails the earliest successful production deployment, in any repository", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "web-1", repositoryId: "web", sha: "abc", finishedAt: "2026-01-07T09:00:00Z" }),
      deployment({ id: "api-1", repositoryId: "api", sha: "abc", finishedAt: "2026-01-06T09:00:00Z" }),
      deployment({
        id: "api-stage",
        repositoryId: "api",
        sha: "abc",
        environment: "staging",
        finishedAt: "2026-01-05T09:00:00Z",
      }),
      incident({ id: "i1", repositoryId: "web", causeSha: "abc", openedAt: "2026-01-08T09:00:00Z" }),
    ]);
    const rows = await s.drill("changeFailureRate", FROM, TO);
    expect(rows.map((r) => [r.deployment, r.failed])).toEqual([
      ["api-1", true],
      ["web-1", false],
    ]);
  });

  test("rule 3: the repository's latest deploy within 24 hours fails; one older than the window leaves the incident unattributed", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "d1", repositoryId: "api", finishedAt: "2026-01-06T00:00:00Z" }),
      deployment({ id: "d2", repositoryId: "api", finishedAt: "2026-01-06T10:00:00Z" }),
      incident({ id: "inside", repositoryId: "api", openedAt: "2026-01-07T10:00:00Z" }),
      deployment({ id: "d3", repositoryId: "api", finishedAt: "2026-01-09T00:00:00Z" }),
      // 24 h and 1 ms after d3: outside the window, and rule 4 is not tried although a team deploy is closer.
      deployment({ id: "web-late", repositoryId: "web", finishedAt: "2026-01-09T23:00:00Z" }),
      incident({ id: "outside", repositoryId: "api", teamId: "pay", openedAt: "2026-01-10T00:00:00.001Z" }),
    ]);
    const rows = await s.drill("changeFailureRate", FROM, TO);
    expect(rows.filter((r) => r.failed).map((r) => r.deployment)).toEqual(["d2"]);
    const tr = await s.drill("timeToRestore", FROM, TO);
    expect(tr.find((r) => r.incident === "outside")!.attributedTo).toBe("unattributed");
  });

  test("an attribution window of 0 is unlimited", async () => {
    const s = await scenario(
      store.db,
      [
        ...base(),
        deployment({ id: "d1", repositoryId: "api", finishedAt: "2026-01-06T00:00:00Z" }),
        incident({ repositoryId: "api", openedAt: "2026-01-16T00:00:00Z" }),
      ],
      { attributionWindowHours: 0 },
    );
    expect((await s.metrics(FROM, TO)).changeFailureRate.failed).toBe(1);
  });

  test("rule 4: an incident with only a team fails the team's latest deploy across its repositories", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "api-1", repositoryId: "api", finishedAt: "2026-01-06T08:00:00Z" }),
      deployment({ id: "web-1", repositoryId: "web", finishedAt: "2026-01-06T09:00:00Z" }),
      deployment({ id: "other-1", repositoryId: "other", finishedAt: "2026-01-06T09:30:00Z" }),
      incident({ id: "i1", teamId: "pay", openedAt: "2026-01-06T10:00:00Z" }),
    ]);
    const rows = await s.drill("changeFailureRate", FROM, TO);
    expect(rows.filter((r) => r.failed).map((r) => r.deployment)).toEqual(["web-1"]);
  });

  test("rule 5: an incident with neither repository nor team is unattributed but still counted for restore time", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ repositoryId: "api", finishedAt: "2026-01-06T08:00:00Z" }),
      incident({ id: "sso", openedAt: "2026-01-06T09:00:00Z", resolvedAt: "2026-01-06T10:30:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.changeFailureRate.failed).toBe(0);
    expect(m.timeToRestore).toMatchObject({ incidents: 1, resolved: 1, medianHours: 1.5 });
  });

  test("an incident opened after the window still fails a deployment inside it, and a deployment fails once however many incidents", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "d1", repositoryId: "api", finishedAt: "2026-01-18T23:00:00Z" }),
      deployment({ id: "d0", repositoryId: "api", status: "failure", finishedAt: "2026-01-18T22:00:00Z" }),
      incident({ repositoryId: "api", openedAt: "2026-01-19T01:00:00Z" }),
      incident({ repositoryId: "api", openedAt: "2026-01-19T02:00:00Z" }),
      incident({ deploymentId: "d1", openedAt: "2026-01-19T03:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    // The incident data begins after the window, so the rate stands without a tier (spec/metrics.md, Coverage).
    expect(m.changeFailureRate).toEqual({ deployments: 2, failed: 2, rate: 1, tier: null });
    expect((await s.metrics(FROM, "2026-01-26")).changeFailureRate).toEqual({
      deployments: 2,
      failed: 2,
      rate: 1,
      tier: "low",
    });
    expect(m.deploymentFrequency.deployments).toBe(1);
  });

  test("a team's failed deployments are the ones the workspace sees, whoever's incident failed them", async () => {
    const s = await scenario(store.db, [
      ...base(),
      deployment({ id: "api-1", repositoryId: "api", sha: "s1", finishedAt: "2026-01-06T08:00:00Z" }),
      // Another team's incident blames pay's deploy by causeSha.
      incident({ repositoryId: "other", causeSha: "s1", openedAt: "2026-01-06T09:00:00Z" }),
    ]);
    expect((await s.metrics(FROM, TO, "pay")).changeFailureRate).toMatchObject({ deployments: 1, failed: 1 });
    expect((await s.metrics(FROM, TO, "pay")).timeToRestore.incidents).toBe(0);
  });

  test("tiers follow the DORA 2023 thresholds at their edges", async () => {
    const deploys = Array.from({ length: 20 }, (_, i) =>
      deployment({
        repositoryId: "api",
        finishedAt: `2026-01-${String(6 + (i % 10)).padStart(2, "0")}T0${i % 9}:00:00Z`,
        status: i === 0 ? "failure" : "success",
      }),
    );
    // An unattributed incident long before: incident data covers the window, so the rate gets a tier.
    const s = await scenario(store.db, [...base(), ...deploys, incident({ openedAt: "2025-06-01T00:00:00Z" })]);
    expect((await s.metrics(FROM, TO)).changeFailureRate).toEqual({
      deployments: 20,
      failed: 1,
      rate: 0.05,
      tier: "elite",
    });
  });
});
