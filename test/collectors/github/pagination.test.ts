import { describe, expect, test } from "vitest";
import { generatedOrg, smallOrg } from "./support/fixtures";
import { fakeGithubPerTest, rowCounts, storedRecords, syncFake } from "./support/harness";

const setup = fakeGithubPerTest();

describe("paging through GitHub", () => {
  test("250 pull requests, 230 commits, 120 deployments and 130 incidents take three requests: every open stream pages in the same request", async () => {
    const { store, fake } = await setup(generatedOrg([{ pulls: 250, commits: 230, deployments: 120, incidents: 130 }]));
    const run = await syncFake(store.db, fake, { workspace: "big" });
    expect(run.result.status).toBe("ok");
    expect(await rowCounts(store.db, "big")).toMatchObject({
      pull_requests: 250,
      commits: 230,
      ci_runs: 230,
      deployments: 120,
      incidents: 130,
      repositories: 1,
    });
    const pages = fake.requests.filter((r) => r.operation === "AltimeterRepository").map((r) => r.variables);
    expect(
      pages.map((v) => [v.withPulls, v.withCommits || v.withCommitsFrom, v.withDeployments, v.withIncidents]),
    ).toEqual([
      [true, true, true, true],
      [true, true, true, true],
      [true, true, false, false],
    ]);
    // Later commit pages follow the commit the pass started from, with the previous page's end cursor.
    expect(pages[1]).toMatchObject({ withCommits: false, withCommitsFrom: true, commitsFrom: "service-00-c229" });
    expect(pages[1]!.pullsAfter).toEqual(expect.any(String));
    expect(pages[2]!.pullsAfter).not.toBe(pages[1]!.pullsAfter);
    expect(run.result.requests).toBe(4);
  });

  test("--since bounds the first sync: older pull requests, commits, deployments and incidents are not fetched", async () => {
    const org = generatedOrg([{ pulls: 250, commits: 230, deployments: 120, incidents: 40 }]);
    const { store, fake } = await setup(org);
    const since = "2025-06-30";
    const sinceDay = (iso: string) => Date.parse(iso) >= Date.parse("2025-06-30T00:00:00Z");
    const repo = org.repos[0]!;
    await syncFake(store.db, fake, { workspace: "big", config: { since } });
    expect(await rowCounts(store.db, "big")).toMatchObject({
      pull_requests: repo.pulls.filter((p) => sinceDay(p.updatedAt)).length,
      commits: repo.commits.filter((c) => sinceDay(c.committedDate)).length,
      deployments: repo.deployments.filter((d) => sinceDay(d.createdAt)).length,
      incidents: repo.issues.filter((i) => sinceDay(i.updatedAt)).length,
    });
    expect(fake.requests[1]!.variables).toMatchObject({
      commitsSince: "2025-06-30T00:00:00.000Z",
      issuesSince: "2025-06-30T00:00:00.000Z",
    });
    expect((await rowCounts(store.db, "big")).pull_requests).toBeLessThan(250);
  });

  test("a team with more than 100 members and repositories is read to its end", async () => {
    const org = smallOrg();
    const many = Array.from({ length: 150 }, (_, i) => `dev${String(i).padStart(3, "0")}`);
    org.teams[0]!.members.push(...many);
    for (let i = 0; i < 104; i++)
      org.repos.push({ ...org.repos[2]!, name: `svc-${String(i).padStart(3, "0")}`, template: undefined });
    org.teams[0]!.repositories.push(
      ...org.repos.slice(4).map((r) => ({ repo: `acme/${r.name}`, permission: "WRITE" })),
    );
    const { store, fake } = await setup(org);
    const run = await syncFake(store.db, fake, { config: { repos: ["acme/svc-103"] } });
    expect(run.result.status).toBe("ok");
    expect(fake.requests.map((r) => r.operation)).toEqual([
      "AltimeterOrganization",
      "AltimeterTeam",
      "AltimeterRepository",
    ]);
    expect(fake.requests[1]!.variables).toMatchObject({ slug: "payments", withMembers: true, withRepositories: true });
    const people = (await storedRecords(store.db)).people;
    expect(people.filter((p) => p.team_id === "payments")).toHaveLength(152);
    expect((await storedRecords(store.db)).repositories).toEqual([
      expect.objectContaining({ id: "acme/svc-103", team_id: "payments" }),
    ]);
  });

  test("a pass over 1,000 pull requests with their first commits needs 11 requests", async () => {
    const { store, fake } = await setup(generatedOrg([{ pulls: 1000, commits: 50, deployments: 50, incidents: 5 }]));
    const run = await syncFake(store.db, fake, { workspace: "big" });
    expect((await rowCounts(store.db, "big")).pull_requests).toBe(1000);
    expect((await storedRecords(store.db, "big")).pull_requests.every((p) => p.first_commit_at !== null)).toBe(true);
    expect(run.result.requests).toBe(11);
  });
});
