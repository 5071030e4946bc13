import { afterEach, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { listSyncRuns } from "@/lib/queries/sync-runs";
import { getWorkspace } from "@/lib/queries/workspaces";
import { freshDatabase } from "../../support/db";
import { altimeterAsync } from "./support/cli";
import { generatedOrg, smallOrg } from "./support/fixtures";
import type { FakeOrg } from "./support/model";
import { contentHash } from "./support/harness";
import { startFakeGithub } from "./support/server";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(org: FakeOrg = smallOrg()) {
  const store = await freshDatabase();
  await closeDatabase(store.db); // the CLI opens it
  const fake = await startFakeGithub(org);
  cleanups.push(
    () => fake.close(),
    async () => store.dispose().catch(() => {}),
  );
  const collect = (
    extra: string[] = [],
    options: { token?: string; started?: Parameters<typeof altimeterAsync>[1]["started"] } = {},
  ) =>
    altimeterAsync(
      ["collect", "github", "--org", fake.org.login, "--workspace", fake.org.login, "--api-url", fake.url, ...extra],
      {
        db: store.file,
        env: options.token === "" ? {} : { GITHUB_TOKEN: options.token ?? fake.token },
        started: options.started,
      },
    );
  return { store, fake, collect };
}

/** Reads the database the CLI wrote, then closes it. */
async function inspect<T>(
  file: string,
  read: (db: Awaited<Awaited<ReturnType<typeof openDatabase>>>) => Promise<T> | T,
): Promise<T> {
  const db = await openDatabase(file);
  try {
    return await read(db);
  } finally {
    await closeDatabase(db);
  }
}

describe("altimeter collect github", () => {
  test("--json prints the summary with requests and rate-limit points, exit 0, and the run is recorded", async () => {
    const { store, fake, collect } = await setup();
    const run = await collect(["--json"]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      workspace: "acme",
      source: "github",
      kind: "github",
      status: "ok",
      failures: [],
      requests: 6,
      rateLimitPoints: 22,
    });
    expect(summary.records).toMatchObject({ pull_request: 4, deployment: 7, incident: 2 });
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
    const runs = await inspect(store.file, async (db) => listSyncRuns(db, (await getWorkspace(db, "acme")).id));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ source: "github", status: "ok" });
  });

  test("a failing repository: one summary line, the failure on stderr, exit 2", async () => {
    const org = smallOrg();
    org.repos.find((r) => r.name === "tools")!.broken = "Resource not accessible by integration";
    const { collect } = await setup(org);
    const run = await collect();
    expect(run.status).toBe(2);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/^acme: github partial in \d+\.\d s: 3 team, .*; 6 requests, 22 rate-limit points\n$/);
    expect(run.stderr).toContain("acme/tools: GitHub: Resource not accessible by integration");
  });

  test("a bad token: exit 1 and a message naming GITHUB_TOKEN, never the token", async () => {
    const { collect } = await setup();
    const run = await collect([], { token: "ghp_wrongwrongwrong" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("GitHub rejected the token in GITHUB_TOKEN (401 Bad credentials)");
    expect(run.stdout + run.stderr).not.toContain("ghp_wrongwrongwrong");
  });

  test("without GITHUB_TOKEN, or with a bad --since, it refuses with the reason", async () => {
    const { fake, collect } = await setup();
    const noToken = await collect([], { token: "" });
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain("set GITHUB_TOKEN to a GitHub token");
    const badSince = await collect(["--since", "last week"]);
    expect(badSince.status).toBe(1);
    expect(badSince.stderr).toContain("--since: must be a date YYYY-MM-DD");
    expect(fake.requests).toHaveLength(0);
  });

  test("--help documents the github source and its exit statuses", async () => {
    const { store } = await setup();
    const run = await altimeterAsync(["collect", "--help"], { db: store.file });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("altimeter collect github --org ORG --workspace SLUG");
    expect(run.stdout).toContain("2 partial");
  });

  test("killed (SIGKILL) at a random request and re-run, it ends with the data of an uninterrupted run", async () => {
    const shape = () =>
      generatedOrg([
        { pulls: 260, commits: 150, deployments: 120, incidents: 20 },
        { pulls: 20, commits: 5, deployments: 0, incidents: 0, releases: 5 },
      ]);
    const clean = await setup(shape());
    expect((await clean.collect()).status).toBe(0);
    const expected = await inspect(clean.store.file, (db) => contentHash(db, "big", { ignoreObservedAt: true }));
    const point = 2 + (Date.now() % (clean.fake.requests.length - 1));

    const killed = await setup(shape());
    let child: import("node:child_process").ChildProcess | null = null;
    killed.fake.onRequest = (n) => {
      if (n === point) child?.kill("SIGKILL");
    };
    const first = await killed.collect([], { started: (c) => (child = c) });
    expect(first.signal, `killed at request ${point}`).toBe("SIGKILL");
    killed.fake.onRequest = null;
    const rerun = await killed.collect();
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(
      await inspect(killed.store.file, (db) => contentHash(db, "big", { ignoreObservedAt: true })),
      `killed at request ${point}`,
    ).toBe(expected);
  });
});
