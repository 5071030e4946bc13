import { afterAll, describe, expect, test } from "vitest";
import { commit, deployment, person, pullRequest, repository } from "../../factories";
import { freshDatabase } from "../../support/db";
import { scenario } from "./scenario";

const store = await freshDatabase();
afterAll(() => store.dispose());

const FROM = "2026-02-02",
  TO = "2026-03-02";
const dataStartsJan1 = () => [commit({ repositoryId: "r", authorId: "veteran", authoredAt: "2026-01-01T00:00:00Z" })];

describe("developer onboarding time (spec/metrics.md §5)", () => {
  test("a newcomer's start is their earliest commit or pull request, and onboarding runs to their first merge anywhere, any time", async () => {
    const s = await scenario(store.db, [
      ...dataStartsJan1(),
      person({ id: "ana" }),
      commit({ repositoryId: "r", authorId: "ana", authoredAt: "2026-02-10T00:00:00Z" }),
      pullRequest({ repositoryId: "r", number: 1, authorId: "ana", createdAt: "2026-02-09T12:00:00Z" }),
      pullRequest({
        repositoryId: "other",
        number: 7,
        authorId: "ana",
        createdAt: "2026-03-01T00:00:00Z",
        mergedAt: "2026-03-20T12:00:00Z",
      }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.onboarding).toEqual({ newcomers: 1, onboarded: 1, medianDays: 39, p90Days: 39 });
    const rows = await s.drill("onboarding", FROM, TO);
    expect(rows[0]).toMatchObject({ person: "ana", startFrom: "firstPullRequest", firstMergedPullRequest: "other#7" });
  });

  test("bots never count, whether flagged or named …[bot]; joinedAt wins over activity; a merge before joining counts as 0 days", async () => {
    const s = await scenario(store.db, [
      ...dataStartsJan1(),
      person({ id: "renovate", isBot: true, joinedAt: "2026-02-03T00:00:00Z" }),
      person({ id: "deployer[bot]", joinedAt: "2026-02-03T00:00:00Z" }),
      person({ id: "ben", joinedAt: "2026-02-05T00:00:00Z" }),
      pullRequest({
        repositoryId: "r",
        number: 1,
        authorId: "ben",
        createdAt: "2026-01-20T00:00:00Z",
        mergedAt: "2026-01-21T00:00:00Z",
      }),
      person({ id: "cleo", joinedAt: "2026-02-06T00:00:00+05:00" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.onboarding).toEqual({ newcomers: 2, onboarded: 1, medianDays: 0, p90Days: 0 });
  });

  test("the grace period: people starting within 30 days of dataStart are not new, unless the grace period is changed", async () => {
    const records = [
      ...dataStartsJan1(),
      person({ id: "early", joinedAt: "2026-01-30T23:59:59Z" }),
      person({ id: "later", joinedAt: "2026-01-31T00:00:00Z" }),
    ];
    const s = await scenario(store.db, records);
    expect((await s.metrics("2026-01-26", TO)).onboarding.newcomers).toBe(1);
    const lenient = await scenario(store.db, records, { newcomerGraceDays: 0 });
    expect((await lenient.metrics("2026-01-26", TO)).onboarding.newcomers).toBe(2);
  });

  test("a team's newcomers are its people, with facts from the whole workspace", async () => {
    const s = await scenario(store.db, [
      ...dataStartsJan1(),
      person({ id: "ana", teamId: "pay", joinedAt: "2026-02-10T00:00:00Z" }),
      person({ id: "bo", teamId: "search", joinedAt: "2026-02-10T00:00:00Z" }),
      pullRequest({
        repositoryId: "search-repo",
        number: 1,
        authorId: "ana",
        createdAt: "2026-02-11T00:00:00Z",
        mergedAt: "2026-02-12T00:00:00Z",
      }),
      { type: "team", id: "pay", name: "Pay" },
    ]);
    expect((await s.metrics(FROM, TO, "pay")).onboarding).toEqual({
      newcomers: 1,
      onboarded: 1,
      medianDays: 2,
      p90Days: 2,
    });
  });
});

describe("time to first deploy (spec/metrics.md §6)", () => {
  test("new repositories exclude templates; a first deploy before creation is dropped, not negative", async () => {
    const s = await scenario(store.db, [
      ...dataStartsJan1(),
      repository({ id: "tpl", createdAt: "2026-02-03T00:00:00Z", isTemplate: true }),
      repository({ id: "svc", createdAt: "2026-02-03T00:00:00Z", templateId: "tpl" }),
      repository({ id: "skewed", createdAt: "2026-02-04T00:00:00Z" }),
      repository({ id: "idle", createdAt: "2026-02-05T00:00:00Z" }),
      deployment({ repositoryId: "tpl", finishedAt: "2026-02-03T01:00:00Z" }),
      deployment({ repositoryId: "svc", environment: "staging", finishedAt: "2026-02-03T01:00:00Z" }),
      deployment({ repositoryId: "svc", finishedAt: "2026-02-03T06:30:00Z" }),
      deployment({ repositoryId: "skewed", createdAt: "2026-02-03T00:00:00Z", finishedAt: "2026-02-03T12:00:00Z" }),
    ]);
    expect((await s.metrics(FROM, TO)).timeToFirstDeploy).toEqual({
      newRepositories: 3,
      deployed: 1,
      medianHours: 6.5,
    });
    expect((await s.metrics(FROM, TO)).targets.timeToFirstDeploy).toBe(true);
  });

  test("a repository created before dataStart is not new, and without any data there are no new repositories or newcomers", async () => {
    const s = await scenario(store.db, [
      repository({ id: "svc", createdAt: "2026-02-03T00:00:00Z" }),
      person({ id: "p", joinedAt: "2026-02-10T00:00:00Z" }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.timeToFirstDeploy).toEqual({ newRepositories: 0, deployed: 0, medianHours: null });
    expect(m.onboarding).toEqual({ newcomers: 0, onboarded: 0, medianDays: null, p90Days: null });
  });
});
