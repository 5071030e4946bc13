import { describe, expect, test } from "vitest";
import type { FakeOrg } from "./support/model";
import { smallOrg } from "./support/fixtures";
import { contentHash, fakeGithubPerTest, rowCounts, storedRecords, SYNC_NOW, syncFake } from "./support/harness";
import type { FakeGithub } from "./support/server";

const setup = fakeGithubPerTest(smallOrg);

const checkoutRequests = (fake: FakeGithub, from: number) =>
  fake.requests.slice(from).filter((r) => r.variables.name === "checkout");

/** What happens at acme between two syncs: merges, pushes, new deployments and incidents, a release. */
function laterDay(org: FakeOrg): void {
  const checkout = org.repos.find((r) => r.name === "checkout")!;
  const pr3 = checkout.pulls.find((p) => p.number === 3)!;
  Object.assign(pr3, {
    updatedAt: "2026-03-06T10:00:00Z",
    mergedAt: "2026-03-06T10:00:00Z",
    closedAt: "2026-03-06T10:00:00Z",
    mergeCommit: "c4",
  });
  checkout.pulls.push({
    number: 5,
    author: "erin",
    createdAt: "2026-03-06T11:00:00Z",
    updatedAt: "2026-03-06T11:00:00Z",
    baseRefName: "main",
    commitDates: ["2026-03-06T10:30:00Z"],
  });
  checkout.commits.unshift({
    oid: "c4",
    authoredDate: "2026-03-04T15:00:00Z",
    committedDate: "2026-03-06T10:00:00Z",
    author: "dave",
    suites: [
      {
        runId: 904,
        workflow: "ci",
        status: "IN_PROGRESS",
        createdAt: "2026-03-06T10:01:00Z",
        updatedAt: "2026-03-06T10:02:00Z",
        event: "push",
        branch: "main",
      },
    ],
  });
  checkout.pushedAt = "2026-03-06T10:00:00Z";
  checkout.files["terraform/main.tf"] = 'module "db" {}\n';
  checkout.deployments
    .find((d) => d.id === 506)!
    .statuses.push({ state: "SUCCESS", createdAt: "2026-03-06T09:00:00Z" });
  checkout.deployments.push({
    id: 507,
    createdAt: "2026-03-06T10:10:00Z",
    environment: "production",
    commitOid: "c4",
    statuses: [{ state: "FAILURE", createdAt: "2026-03-06T10:20:00Z" }],
  });
  Object.assign(checkout.issues.find((i) => i.number === 11)!, {
    state: "CLOSED",
    closedAt: "2026-03-06T08:00:00Z",
    updatedAt: "2026-03-06T08:00:00Z",
  });
  checkout.issues.push({
    number: 13,
    title: "Payments timeouts",
    state: "OPEN",
    createdAt: "2026-03-06T12:00:00Z",
    updatedAt: "2026-03-06T12:00:00Z",
    labels: ["incident"],
  });
  org.repos
    .find((r) => r.name === "tools")!
    .releases.push({ id: 804, tagName: "v3", createdAt: "2026-03-06T09:00:00Z", tagOid: "t1" });
}

const LATER = Date.parse("2026-03-07T00:00:00Z");

describe("an incremental GitHub sync", () => {
  test("re-run with nothing changed: one request per repository, no files, the same data, and only items at the cursors fetched again", async () => {
    const { store, fake } = await setup();
    await syncFake(store.db, fake);
    const before = await contentHash(store.db);
    const first = fake.requests.length;
    const again = await syncFake(store.db, fake);
    expect(again.result.status).toBe("ok");
    expect(fake.requests.length - first).toBe(4);
    expect(await contentHash(store.db)).toBe(before);
    // Only what sits exactly at a cursor comes again (the newest pull request, incident and each repository's newest commit; the queued deployment).
    expect(again.result.records).toMatchObject({ pull_request: 1, commit: 2, incident: 1, deployment: 1 });
    const [request] = checkoutRequests(fake, first);
    expect(request!.variables).toMatchObject({
      pullsAfter: null,
      commitsSince: "2026-03-02T12:00:00Z",
      issuesSince: "2026-03-04T08:00:00Z",
      withFiles: false,
    });
  });

  test("after a day of changes, the re-sync stores exactly what a fresh full sync stores, nothing duplicated", async () => {
    const { store, fake } = await setup();
    await syncFake(store.db, fake);
    const countsBefore = await rowCounts(store.db);
    laterDay(fake.org);
    const first = fake.requests.length;
    const resync = await syncFake(store.db, fake, { now: LATER });
    expect(resync.result.status).toBe("ok");
    // The default branch moved: a new snapshot, whose monorepo walk costs two requests more.
    expect(fake.requests.length - first).toBe(6);
    const [request] = checkoutRequests(fake, first);
    expect(request!.variables).toMatchObject({
      commitsSince: "2026-03-02T12:00:00Z",
      issuesSince: "2026-03-04T08:00:00Z",
      withFiles: true,
    });

    const fresh = await setup(fake.org);
    await syncFake(fresh.store.db, fresh.fake, { now: LATER });
    // A snapshot says when it was observed: tools did not move, so the re-sync kept the first observation.
    const observed = async (db: typeof store.db) =>
      (await storedRecords(db)).repository_files.map((s) => [s.repository_id, s.observed_at]);
    expect(await observed(store.db)).toEqual([
      ["acme/checkout", LATER],
      ["acme/tools", SYNC_NOW],
    ]);
    expect(await observed(fresh.store.db)).toEqual([
      ["acme/checkout", LATER],
      ["acme/tools", LATER],
    ]);
    const withoutObservation = async (db: typeof store.db) => {
      const records = await storedRecords(db);
      return { ...records, repository_files: records.repository_files.map(({ observed_at: _, ...rest }) => rest) };
    };
    expect(await withoutObservation(store.db)).toEqual(await withoutObservation(fresh.store.db));
    expect(await rowCounts(store.db)).toEqual({
      ...countsBefore,
      people: countsBefore.people! + 1,
      commits: countsBefore.commits! + 1,
      pull_requests: countsBefore.pull_requests! + 1,
      deployments: countsBefore.deployments! + 2,
      ci_runs: countsBefore.ci_runs! + 1,
      incidents: countsBefore.incidents! + 1,
    });
    const byId = Object.fromEntries((await storedRecords(store.db)).deployments.map((d) => [d.id, d.status]));
    expect(byId).toMatchObject({
      "github:deployment:506": "success",
      "github:deployment:507": "failure",
      "github:release:804": "success",
    });
  });

  test("a workflow run still in progress is fetched again by the next sync until it finishes", async () => {
    const { store, fake } = await setup();
    laterDay(fake.org);
    await syncFake(store.db, fake, { now: LATER });
    expect((await storedRecords(store.db)).ci_runs.find((r) => r.id === "github:run:904")).toMatchObject({
      status: "in_progress",
      finished_at: null,
    });
    const suite = fake.org.repos[0]!.commits[0]!.suites[0]!;
    Object.assign(suite, { status: "COMPLETED", conclusion: "SUCCESS", updatedAt: "2026-03-06T10:12:00Z" });
    await syncFake(store.db, fake, { now: LATER });
    expect((await storedRecords(store.db)).ci_runs.find((r) => r.id === "github:run:904")).toMatchObject({
      status: "success",
      finished_at: Date.parse("2026-03-06T10:12:00Z"),
    });
  });

  test("changing the incident labels restarts the incident stream from the beginning", async () => {
    const { store, fake } = await setup();
    await syncFake(store.db, fake);
    const first = fake.requests.length;
    await syncFake(store.db, fake, { config: { incidentLabels: ["incident", "bug"] } });
    const [request] = checkoutRequests(fake, first);
    expect(request!.variables).toMatchObject({ issuesSince: null, incidentLabels: ["incident", "bug"] });
    expect((await storedRecords(store.db)).incidents.map((i) => i.id)).toContain("github:issue:acme/checkout#12");
  });

  test("a second sync keeps the file snapshot of the first when the branch did not move", async () => {
    const { store, fake } = await setup();
    await syncFake(store.db, fake);
    await syncFake(store.db, fake, { now: LATER });
    expect((await storedRecords(store.db)).repository_files.map((s) => s.observed_at)).toEqual([SYNC_NOW, SYNC_NOW]);
  });
});
