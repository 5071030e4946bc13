/**
 * `node --import tsx test/bench/gitlab-requests.ts [--json]`
 *
 * What a GitLab sync costs, measured with the real collector against the fake
 * GitLab of test/collectors/gitlab (a loopback server answering GitLab's
 * documented REST shapes and executing GraphQL with graphql-js). Targets
 * (issue 15): at most 15 requests per 1,000 merge requests collected with
 * their first commits; a group of 200 projects collected with bounded
 * concurrency, timed (each answer waits 30 ms, as a network would).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGitlabCollector, GitlabConfigSchema } from "@/collectors/gitlab";
import { closeDatabase, openDatabase } from "@/db/client";
import { fakeInstance } from "../collectors/gitlab/support/model";
import { startFakeGitlab } from "../collectors/gitlab/support/server";

/** The most merge-request requests per 1,000 merge requests issue 15 allows. */
export const REQUESTS_PER_1000_MRS_TARGET = 15;

/** A round trip to gitlab.com from Europe is 30–100 ms; without one, concurrency would have nothing to overlap. */
const LATENCY_MS = 30;

/** One measured scenario. */
export interface GitlabRequestsResult {
  scenario: string;
  projects: number;
  mergeRequests: number;
  /** Every request of the sync. */
  requests: number;
  /** The requests that read merge requests with their first commits (GraphQL rounds that carry a merge-request page). */
  mergeRequestRequests: number;
  mergeRequestRequestsPer1000: number;
  requestsPer1000: number;
  concurrency: number;
  wallMs: number;
  resyncRequests: number;
  meetsTarget: boolean;
  /** Whether the request target applies: a project costs at least one merge-request request, however few it has. */
  judged: boolean;
}

async function measure(
  scenario: string,
  projects: number,
  shape: { mrs: number; commits: number; deployments: number; pipelines: number; incidents?: number },
  concurrency = 8,
  judged = true,
): Promise<GitlabRequestsResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "altimeter-bench-gitlab-"));
  const db = await openDatabase(path.join(dir, "bench.db"));
  const fake = await startFakeGitlab(fakeInstance(projects, shape));
  fake.latencyMs = LATENCY_MS;
  try {
    const collector = createGitlabCollector({ env: { GITLAB_TOKEN: fake.token } as unknown as NodeJS.ProcessEnv });
    const config = GitlabConfigSchema.parse({ kind: "gitlab", group: "acme", url: fake.url, concurrency });
    const ctx = { db, workspace: "bench", now: Date.now, progress: () => {} };
    const started = performance.now();
    const full = await collector.collect(ctx, config);
    const wallMs = performance.now() - started;
    if (full.status !== "ok") throw new Error(`${scenario}: sync ${full.status}: ${JSON.stringify(full.failures)}`);
    const mergeRequestRequests = fake.requests.filter(
      (r) => r.operation === "AltimeterProject" && r.variables.withMergeRequests === true,
    ).length;
    const before = fake.requests.length;
    await collector.collect(ctx, config);
    const mergeRequests = projects * shape.mrs;
    const per1000 = (1000 * mergeRequestRequests) / mergeRequests;
    return {
      scenario,
      projects,
      mergeRequests,
      requests: full.requests ?? 0,
      mergeRequestRequests,
      mergeRequestRequestsPer1000: per1000,
      requestsPer1000: (1000 * (full.requests ?? 0)) / mergeRequests,
      concurrency,
      wallMs,
      resyncRequests: fake.requests.length - before,
      meetsTarget: !judged || per1000 <= REQUESTS_PER_1000_MRS_TARGET,
      judged,
    };
  } finally {
    await fake.close();
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One project with 1,000 merge requests; 200 projects, with bounded concurrency and one at a time. */
export async function benchGitlabRequests(): Promise<GitlabRequestsResult[]> {
  return [
    await measure("1 project, 1,000 merge requests", 1, {
      mrs: 1000,
      commits: 300,
      deployments: 150,
      pipelines: 100,
      incidents: 20,
    }),
    await measure(
      "200 projects, 50 merge requests each, concurrency 8",
      200,
      { mrs: 50, commits: 60, deployments: 20, pipelines: 20 },
      8,
      false,
    ),
    await measure(
      "200 projects, 50 merge requests each, one at a time",
      200,
      { mrs: 50, commits: 60, deployments: 20, pipelines: 20 },
      1,
      false,
    ),
  ];
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const results = await benchGitlabRequests();
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    process.stdout.write(
      `GitLab requests per sync (target ≤ ${REQUESTS_PER_1000_MRS_TARGET} merge-request requests per 1,000 merge requests with first commits)\n`,
    );
    for (const r of results) {
      process.stdout.write(
        `  ${r.scenario}: ${(r.wallMs / 1000).toFixed(2)} s; ${r.requests} requests in all (${r.requestsPer1000.toFixed(1)} per 1,000 merge requests); merge requests: ${r.mergeRequestRequests} requests, ${r.mergeRequestRequestsPer1000.toFixed(1)} per 1,000 ${r.judged ? (r.meetsTarget ? "(met)" : "(MISSED)") : "(at least one per project)"}; re-sync ${r.resyncRequests} requests\n`,
      );
    }
  }
  process.exitCode = results.every((r) => r.meetsTarget) ? 0 : 1;
}
