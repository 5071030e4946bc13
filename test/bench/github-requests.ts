/**
 * `node --import tsx test/bench/github-requests.ts [--json]`
 *
 * How many GitHub requests and rate-limit points a sync costs, measured with
 * the real collector against the fake GitHub of test/collectors/github (a
 * loopback server executing GitHub's published schema). Target (issue 3): at
 * most 15 requests per 1,000 pull requests collected with their first commits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGithubCollector, GithubConfigSchema } from "@/collectors/github";
import { closeDatabase, openDatabase } from "@/db/client";
import { generatedOrg, type RepoShape } from "../collectors/github/support/fixtures";
import { startFakeGithub } from "../collectors/github/support/server";

/** The most requests per 1,000 pull requests issue 3 allows. */
export const REQUESTS_PER_1000_PULLS_TARGET = 15;

/** One measured scenario. */
export interface GithubRequestsResult {
  scenario: string;
  pullRequests: number;
  requests: number;
  rateLimitPoints: number;
  requestsPer1000Pulls: number;
  /** Requests of a re-sync right after, with ten pull requests changed. */
  resyncRequests: number;
  /** What the sync stored of the graph and rework fields (issue 10): the share of records carrying each. */
  graph: {
    commitsWithParents: number;
    commits: number;
    pullsWithTitle: number;
    pullsWithLabels: number;
    deploymentsWithSha: number;
    deployments: number;
  };
  wallMs: number;
  meetsTarget: boolean;
}

async function measure(scenario: string, shapes: RepoShape[]): Promise<GithubRequestsResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "altimeter-bench-github-"));
  const db = await openDatabase(path.join(dir, "bench.db"));
  const fake = await startFakeGithub(generatedOrg(shapes));
  try {
    const collector = createGithubCollector({ env: { GITHUB_TOKEN: fake.token } as unknown as NodeJS.ProcessEnv });
    const config = GithubConfigSchema.parse({ kind: "github", org: fake.org.login, apiUrl: fake.url });
    const ctx = { db, workspace: "bench", now: Date.now, progress: () => {} };
    const started = performance.now();
    const full = await collector.collect(ctx, config);
    const wallMs = performance.now() - started;
    if (full.status !== "ok") throw new Error(`${scenario}: sync ${full.status}: ${JSON.stringify(full.failures)}`);
    for (const repo of fake.org.repos) {
      for (const pull of repo.pulls.slice(0, Math.ceil(10 / fake.org.repos.length)))
        pull.updatedAt = new Date().toISOString();
    }
    const count = async (sql: string) => (await db.value<number>(sql)) ?? 0;
    const graph = {
      commitsWithParents: await count("SELECT count(*) FROM commits WHERE parents IS NOT NULL"),
      commits: await count("SELECT count(*) FROM commits"),
      pullsWithTitle: await count("SELECT count(*) FROM pull_requests WHERE title IS NOT NULL"),
      pullsWithLabels: await count("SELECT count(*) FROM pull_requests WHERE labels IS NOT NULL AND labels <> '[]'"),
      deploymentsWithSha: await count("SELECT count(*) FROM deployments WHERE sha IS NOT NULL"),
      deployments: await count("SELECT count(*) FROM deployments"),
    };
    const resync = await collector.collect(ctx, config);
    const pullRequests = shapes.reduce((n, s) => n + s.pulls, 0);
    const requestsPer1000Pulls = (1000 * (full.requests ?? 0)) / pullRequests;
    return {
      scenario,
      pullRequests,
      requests: full.requests ?? 0,
      rateLimitPoints: full.rateLimitPoints ?? 0,
      requestsPer1000Pulls,
      resyncRequests: resync.requests ?? 0,
      graph,
      wallMs,
      meetsTarget: requestsPer1000Pulls <= REQUESTS_PER_1000_PULLS_TARGET,
    };
  } finally {
    await fake.close();
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every scenario: one large repository, many small ones, and a mix with long histories. */
export async function benchGithubRequests(): Promise<GithubRequestsResult[]> {
  const repeat = (n: number, shape: RepoShape) => Array.from({ length: n }, () => shape);
  return [
    await measure("1 repository, 1,000 pull requests", [
      { pulls: 1000, commits: 300, deployments: 150, incidents: 20 },
    ]),
    await measure(
      "10 repositories, 100 pull requests each",
      repeat(10, { pulls: 100, commits: 80, deployments: 40, incidents: 5 }),
    ),
    await measure(
      "4 repositories, 2,500 pull requests, long histories",
      repeat(4, { pulls: 625, commits: 900, deployments: 400, incidents: 50 }),
    ),
  ];
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const results = await benchGithubRequests();
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    process.stdout.write(
      `GitHub requests per sync (target ≤ ${REQUESTS_PER_1000_PULLS_TARGET} per 1,000 pull requests with first commits)\n`,
    );
    for (const r of results) {
      process.stdout.write(
        `  ${r.scenario}: ${r.requests} requests, ${r.rateLimitPoints} points, ${r.requestsPer1000Pulls.toFixed(1)} per 1,000 pull requests ${r.meetsTarget ? "(met)" : "(MISSED)"}; re-sync ${r.resyncRequests} requests; ${(r.wallMs / 1000).toFixed(2)} s\n` +
          `    with parents on ${r.graph.commitsWithParents} of ${r.graph.commits} commits, title on ${r.graph.pullsWithTitle} and labels on ${r.graph.pullsWithLabels} of ${r.pullRequests} pull requests, sha on ${r.graph.deploymentsWithSha} of ${r.graph.deployments} deployments\n`,
      );
    }
  }
  process.exitCode = results.every((r) => r.meetsTarget) ? 0 : 1;
}
