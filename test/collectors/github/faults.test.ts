import { describe, expect, test } from "vitest";
import { UpstreamError } from "@/lib/errors";
import { generatedOrg, smallOrg } from "./support/fixtures";
import type { FakeOrg } from "./support/model";
import { contentHash, fakeGithubPerTest, rowCounts, storedRecords, SYNC_NOW, syncFake } from "./support/harness";

const setup = fakeGithubPerTest();

const twoRepos = () =>
  generatedOrg([
    { pulls: 150, commits: 120, deployments: 60, incidents: 10 },
    { pulls: 30, commits: 20, deployments: 0, incidents: 2, releases: 3 },
  ]);

async function cleanHash(org: FakeOrg): Promise<string> {
  const { store, fake } = await setup(org);
  await syncFake(store.db, fake, { workspace: "big" });
  return await contentHash(store.db, "big");
}

describe("faults during a GitHub sync", () => {
  test("a 502, a secondary rate limit and a dropped connection mid-sync are waited out and end with the same data", async () => {
    const expected = await cleanHash(twoRepos());
    const { store, fake } = await setup(twoRepos());
    fake.fault = (n) => {
      if (n === 2) return { status: 502, body: { message: "Server Error" } };
      if (n === 4)
        return {
          status: 403,
          headers: { "retry-after": "7" },
          body: {
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          },
        };
      if (n === 6) return "drop";
      if (n === 7) return { status: 403, body: { message: "You have exceeded a secondary rate limit." } };
      return undefined;
    };
    const run = await syncFake(store.db, fake, { workspace: "big" });
    expect(run.result.status).toBe("ok");
    expect(await contentHash(store.db, "big")).toBe(expected);
    // Backoff with jitter (random() = 0.5) after the 502 and the dropped connection; retry-after honoured; a minute for an unspecified secondary limit.
    expect(run.sleeps).toEqual([750, 7000, 750, 60_000]);
    expect(fake.requests.filter((r) => r.status !== 200)).toHaveLength(4);
    expect(run.result.requests).toBe(fake.requests.length);
  });

  test("a 429 waits until x-ratelimit-reset, a RATE_LIMITED answer until its resetAt", async () => {
    const { store, fake } = await setup(smallOrg());
    const reset = Math.floor(SYNC_NOW / 1000) + 120;
    fake.fault = (n) => {
      if (n === 2)
        return {
          status: 429,
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
          body: { message: "API rate limit exceeded" },
        };
      if (n === 3)
        return {
          status: 200,
          body: {
            data: { rateLimit: { cost: 1, remaining: 0, resetAt: new Date(SYNC_NOW + 30_000).toISOString() } },
            errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for user ID 1." }],
          },
        };
      return undefined;
    };
    const run = await syncFake(store.db, fake);
    expect(run.result.status).toBe("ok");
    expect(run.sleeps).toEqual([121_000, 31_000]);
  });

  test("when few points remain, the next request waits for the reset", async () => {
    const { store, fake } = await setup(smallOrg());
    fake.rate = { remaining: 20, resetAt: new Date(SYNC_NOW + 600_000).toISOString() };
    fake.onRequest = (n) => {
      if (n === 2) fake.rate.remaining = 5000;
    };
    const run = await syncFake(store.db, fake);
    expect(run.result.status).toBe("ok");
    expect(run.sleeps).toEqual([601_000]);
  });

  test("a repository that keeps failing with 5xx is skipped after five attempts and reported; the others are stored", async () => {
    const { store, fake } = await setup(twoRepos());
    fake.fault = (_n, _op, variables) =>
      variables.name === "service-00" ? { status: 503, body: { message: "unavailable" } } : undefined;
    const run = await syncFake(store.db, fake, { workspace: "big" });
    expect(run.result.status).toBe("partial");
    expect(run.result.failures).toEqual([
      { scope: "big/service-00", message: "GitHub request failed 5 times, last: 503 unavailable" },
    ]);
    expect(run.sleeps).toEqual([750, 1500, 3000, 6000]);
    expect(await rowCounts(store.db, "big")).toMatchObject({ pull_requests: 30, repositories: 1 });
  });

  test("a repository whose query errors is skipped and reported, the rest completes, the status is partial", async () => {
    const org = smallOrg();
    org.repos.find((r) => r.name === "tools")!.broken = "Resource not accessible by integration";
    const { store, fake } = await setup(org);
    const run = await syncFake(store.db, fake);
    expect(run.result.status).toBe("partial");
    expect(run.result.failures).toEqual([
      { scope: "acme/tools", message: "GitHub: Resource not accessible by integration" },
    ]);
    const stored = await storedRecords(store.db);
    expect(stored.repositories.map((r) => r.id)).toEqual(["acme/checkout", "acme/from-template"]);
    expect(stored.pull_requests).toHaveLength(4);
    expect(stored.teams).toHaveLength(3);
  });

  test("a token that expires mid-sync fails with an auth error naming the variable, never the token; what was stored stays and a re-run completes", async () => {
    const expected = await cleanHash(twoRepos());
    const { store, fake } = await setup(twoRepos());
    fake.onRequest = (n) => {
      if (n === 3) fake.token = "rotated-token";
    };
    const error = await syncFake(store.db, fake, { workspace: "big", token: "test-token-123" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe("auth");
    expect((error as Error).message).toBe(
      "GitHub rejected the token in GITHUB_TOKEN (401 Bad credentials): it is wrong, expired or revoked",
    );
    expect((error as Error).message).not.toContain("test-token-123");
    const kept = await rowCounts(store.db, "big");
    expect(kept.pull_requests).toBe(100);
    fake.onRequest = null;
    await syncFake(store.db, fake, { workspace: "big", token: "rotated-token" });
    expect(await contentHash(store.db, "big")).toBe(expected);
  });

  test("a 403 for a missing scope names the scope the token lacks", async () => {
    const { store, fake } = await setup(smallOrg());
    fake.fault = () => ({
      status: 403,
      headers: { "x-accepted-oauth-scopes": "repo, read:org", "x-oauth-scopes": "repo" },
      body: { message: "Resource not accessible by personal access token" },
    });
    const error = await syncFake(store.db, fake).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe(
      "the token in GITHUB_TOKEN lacks the scope read:org (it has: repo); GitHub said 403 Resource not accessible by personal access token",
    );
    expect(fake.requests).toHaveLength(1);
  });

  test("GitHub's INSUFFICIENT_SCOPES answer fails the sync with its message, which names the scope", async () => {
    const { store, fake } = await setup(smallOrg());
    const message =
      "Your token has not been granted the required scopes to execute this query. The 'teams' field requires one of the following scopes: ['read:org'], but your token has only been granted the: ['repo'] scopes.";
    fake.fault = () => ({
      status: 200,
      headers: { "x-oauth-scopes": "repo" },
      body: { data: null, errors: [{ type: "INSUFFICIENT_SCOPES", message }] },
    });
    const error = await syncFake(store.db, fake).catch((e: unknown) => e);
    expect((error as UpstreamError).kind).toBe("auth");
    expect((error as Error).message).toContain("['read:org']");
  });

  test("no token in the environment is refused before any request", async () => {
    const { store, fake } = await setup(smallOrg());
    const error = await syncFake(store.db, fake, { token: "" }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^set GITHUB_TOKEN to a GitHub token/);
    expect(fake.requests).toHaveLength(0);
  });

  test("an unknown organisation fails the sync, naming it", async () => {
    const { store, fake } = await setup(smallOrg());
    const error = await syncFake(store.db, fake, { config: { org: "nope" } }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("GitHub: Could not resolve to an Organization with the login of 'nope'.");
  });
});
