import { afterAll, describe, expect, test } from "vitest";
import { commit, deployment, pullRequest, repository } from "../../factories";
import { freshDatabase } from "../../support/db";
import { scenario } from "./scenario";

const store = await freshDatabase();
afterAll(() => store.dispose());

const FROM = "2026-01-05",
  TO = "2026-02-02";
// The data starts here, with a commit in the old repository.
const start = () => [commit({ repositoryId: "old", authoredAt: "2025-12-01T00:00:00Z" })];

describe("lead time for changes (spec/metrics.md §2)", () => {
  test("a change ships in the first successful production deploy at or after its merge, measured from its first commit", async () => {
    const s = await scenario(store.db, [
      ...start(),
      repository({ id: "old", createdAt: "2019-01-01T00:00:00Z" }),
      deployment({ id: "d0", repositoryId: "old", finishedAt: "2025-12-02T00:00:00Z" }),
      deployment({ id: "staging", repositoryId: "old", environment: "staging", finishedAt: "2026-01-06T11:00:00Z" }),
      deployment({ id: "failed", repositoryId: "old", status: "failure", finishedAt: "2026-01-06T11:30:00Z" }),
      deployment({ id: "d1", repositoryId: "old", finishedAt: "2026-01-06T12:00:00Z" }),
      deployment({ id: "d2", repositoryId: "old", finishedAt: "2026-01-07T12:00:00Z" }),
      pullRequest({
        repositoryId: "old",
        number: 1,
        createdAt: "2026-01-06T00:00:00Z",
        firstCommitAt: "2026-01-05T12:00:00Z",
        mergedAt: "2026-01-06T10:00:00Z",
        url: "https://example.test/pull/1",
      }),
      // Merged exactly when d1 finished: ships in d1 (finishedAt ≥ mergedAt).
      pullRequest({
        repositoryId: "old",
        number: 2,
        createdAt: "2026-01-06T06:00:00Z",
        mergedAt: "2026-01-06T12:00:00Z",
      }),
    ]);
    const m = await s.metrics(FROM, TO);
    expect(m.leadTime.changes).toBe(2);
    expect(m.leadTime.medianHours).toBe(15); // (24 + 6) / 2
    const rows = await s.drill("leadTime", FROM, TO);
    expect(rows.map((r) => [r.pullRequest, r.deployment, r.url])).toEqual([
      [2, "d1", null],
      [1, "d1", "https://example.test/pull/1"],
    ]);
  });

  test("data that begins mid-life: a pull request merged before an old repository's first deploy is not linked", async () => {
    const s = await scenario(store.db, [
      ...start(),
      repository({ id: "old", createdAt: "2019-01-01T00:00:00Z" }),
      repository({ id: "new", createdAt: "2026-01-06T00:00:00Z" }),
      pullRequest({
        repositoryId: "old",
        number: 1,
        createdAt: "2026-01-06T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      pullRequest({
        repositoryId: "new",
        number: 1,
        createdAt: "2026-01-06T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      deployment({ repositoryId: "old", finishedAt: "2026-01-06T02:00:00Z" }),
      deployment({ repositoryId: "new", finishedAt: "2026-01-06T03:00:00Z" }),
    ]);
    const rows = await s.drill("leadTime", FROM, TO);
    // The old repository's pull request is listed as left out, with the reason.
    expect(rows.map((r) => [r.repository, r.counted])).toEqual([
      ["new", true],
      ["old", "left out: merged before the repository's first production deployment"],
    ]);
    expect((await s.metrics(FROM, TO)).leadTime).toEqual({ changes: 1, medianHours: 3, p90Hours: 3, tier: "elite" });
  });

  test("a pull request into a non-default base branch is not a change; an unknown default branch does not exclude it", async () => {
    const s = await scenario(store.db, [
      ...start(),
      repository({ id: "old", createdAt: "2019-01-01T00:00:00Z", defaultBranch: "main" }),
      repository({ id: "nobranch", createdAt: "2019-01-01T00:00:00Z", defaultBranch: null }),
      deployment({ repositoryId: "old", finishedAt: "2025-12-02T00:00:00Z" }),
      deployment({ repositoryId: "nobranch", finishedAt: "2025-12-02T00:00:00Z" }),
      pullRequest({
        repositoryId: "old",
        number: 1,
        baseBranch: "release/1.x",
        createdAt: "2026-01-06T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      pullRequest({
        repositoryId: "old",
        number: 2,
        baseBranch: "main",
        createdAt: "2026-01-06T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      pullRequest({
        repositoryId: "nobranch",
        number: 3,
        baseBranch: "develop",
        createdAt: "2026-01-06T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      deployment({ repositoryId: "old", finishedAt: "2026-01-06T02:00:00Z" }),
      deployment({ repositoryId: "nobranch", finishedAt: "2026-01-06T02:00:00Z" }),
    ]);
    expect((await s.drill("leadTime", FROM, TO)).map((r) => r.pullRequest).sort()).toEqual([2, 3]);
  });

  test("a negative lead time (clock skew) is dropped altogether", async () => {
    const s = await scenario(store.db, [
      ...start(),
      repository({ id: "old", createdAt: "2019-01-01T00:00:00Z" }),
      deployment({ repositoryId: "old", finishedAt: "2025-12-02T00:00:00Z" }),
      pullRequest({
        repositoryId: "old",
        number: 1,
        createdAt: "2026-01-06T00:00:00Z",
        firstCommitAt: "2026-01-07T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      pullRequest({
        repositoryId: "old",
        number: 2,
        createdAt: "2026-01-06T00:00:00Z",
        mergedAt: "2026-01-06T01:00:00Z",
      }),
      deployment({ repositoryId: "old", finishedAt: "2026-01-06T02:00:00Z" }),
    ]);
    expect((await s.metrics(FROM, TO)).leadTime).toMatchObject({ changes: 1, medianHours: 2 });
    const rows = await s.drill("leadTime", FROM, TO);
    expect(rows.find((r) => r.pullRequest === 1)!.counted).toBe("dropped: negative (clock skew)");
  });

  test("median and p90 are interpolated like numpy", async () => {
    const prs = [1, 2, 3, 4].map((h, i) =>
      pullRequest({
        repositoryId: "old",
        number: i + 1,
        createdAt: `2026-01-06T${String(10 - h).padStart(2, "0")}:00:00Z`,
        mergedAt: "2026-01-06T09:30:00Z",
      }),
    );
    const s = await scenario(store.db, [
      ...start(),
      repository({ id: "old", createdAt: "2019-01-01T00:00:00Z" }),
      deployment({ repositoryId: "old", finishedAt: "2025-12-02T00:00:00Z" }),
      deployment({ repositoryId: "old", finishedAt: "2026-01-06T10:00:00Z" }),
      ...prs,
    ]);
    const lt = (await s.metrics(FROM, TO)).leadTime;
    expect(lt.medianHours).toBe(2.5);
    expect(lt.p90Hours).toBeCloseTo(3.7, 12);
  });
});
