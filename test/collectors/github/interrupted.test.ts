import { describe, expect, test } from "vitest";
import { generatedOrg } from "./support/fixtures";
import { contentHash, fakeGithubPerTest, syncFake } from "./support/harness";

const setup = fakeGithubPerTest();

const org = () =>
  generatedOrg([
    { pulls: 320, commits: 260, deployments: 150, incidents: 120 },
    { pulls: 40, commits: 30, deployments: 0, incidents: 3, releases: 120 },
    { pulls: 210, commits: 10, deployments: 205, incidents: 0 },
  ]);

describe("an interrupted GitHub sync", () => {
  test("killed at random requests and re-run, it ends with exactly the data (and cursors) of an uninterrupted sync", async () => {
    const clean = await setup(org());
    await syncFake(clean.store.db, clean.fake, { workspace: "big" });
    const expected = await contentHash(clean.store.db, "big");
    const total = clean.fake.requests.length;
    expect(total).toBeGreaterThan(8);

    const seed = Date.now() % 100_000;
    let state = seed;
    const nextPoint = () => {
      state = (state * 48271) % 2147483647;
      return 1 + (state % total);
    };
    const points = [...new Set([1, total, ...Array.from({ length: 5 }, nextPoint)])];
    for (const point of points) {
      const { store, fake } = await setup(org());
      const controller = new AbortController();
      fake.onRequest = (n) => {
        if (n === point) controller.abort(new Error(`killed at request ${point}`));
      };
      const outcome = await syncFake(store.db, fake, { workspace: "big", signal: controller.signal }).then(
        () => "completed",
        (e: Error) => e.message,
      );
      expect(outcome, `seed ${seed}`).toBe(`killed at request ${point}`);
      fake.onRequest = null;
      const rerun = await syncFake(store.db, fake, { workspace: "big" });
      expect(rerun.result.status).toBe("ok");
      expect(await contentHash(store.db, "big"), `seed ${seed}, killed at request ${point} of ${total}`).toBe(expected);
    }
  });

  test("a re-run resumes each stream after its last stored page instead of starting over", async () => {
    const { store, fake } = await setup(org());
    const controller = new AbortController();
    fake.onRequest = (n) => {
      if (n === 3) controller.abort(new Error("killed"));
    };
    await expect(syncFake(store.db, fake, { workspace: "big", signal: controller.signal })).rejects.toThrow("killed");
    const firstPage = fake.requests[1]!;
    fake.onRequest = null;
    const before = fake.requests.length;
    await syncFake(store.db, fake, { workspace: "big" });
    const resumed = fake.requests[before + 1]!;
    expect(firstPage.variables).toMatchObject({ name: "service-00", pullsAfter: null, withCommits: true });
    expect(resumed.variables).toMatchObject({
      name: "service-00",
      withCommits: false,
      withCommitsFrom: true,
      commitsFrom: "service-00-c259",
      withFiles: false,
    });
    expect(resumed.variables.pullsAfter).toEqual(expect.any(String));
    expect(resumed.variables.deploymentsAfter).toEqual(expect.any(String));
  });
});
