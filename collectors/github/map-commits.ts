import { z } from "zod";
import type { CiRunStatus } from "@/lib/events/types";
import { workflowRunId } from "./ids";
import { userAuthor, type Author } from "./map-people";

const CheckSuiteSchema = z.object({
  status: z.string(),
  conclusion: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  branch: z.object({ name: z.string() }).nullable(),
  workflowRun: z
    .object({
      databaseId: z.number().int().nullable(),
      event: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      url: z.string(),
      workflow: z.object({ name: z.string() }),
    })
    .nullable(),
});

/** A commit of the default branch with the check suites run on it. */
export const CommitNodeSchema = z.object({
  oid: z.string(),
  authoredDate: z.string(),
  committedDate: z.string(),
  parents: z.object({
    totalCount: z.number().int(),
    nodes: z.array(z.object({ oid: z.string() }).nullable()).nullable(),
  }),
  author: z.object({ user: z.object({ login: z.string(), name: z.string().nullable() }).nullable() }).nullable(),
  checkSuites: z.object({ nodes: z.array(CheckSuiteSchema.nullable()).nullable() }).nullable(),
});

export type CommitNode = z.infer<typeof CommitNodeSchema>;

const CONCLUSIONS: Record<string, CiRunStatus> = {
  SUCCESS: "success",
  FAILURE: "failure",
  TIMED_OUT: "failure",
  STARTUP_FAILURE: "failure",
  ACTION_REQUIRED: "failure",
  CANCELLED: "cancelled",
  STALE: "cancelled",
  SKIPPED: "skipped",
  NEUTRAL: "skipped",
};

/** A completed check suite's conclusion as a ci_run status; anything not completed is in progress. */
export function runStatus(status: string, conclusion: string | null): CiRunStatus {
  if (status !== "COMPLETED") return "in_progress";
  return CONCLUSIONS[conclusion ?? ""] ?? "skipped";
}

function parentsOf(parents: CommitNode["parents"]): string[] | null {
  const oids = (parents.nodes ?? []).flatMap((p) => (p ? [p.oid] : []));
  return oids.length === parents.totalCount ? oids : null;
}

/**
 * The `commit` record, and a `ci_run` for each Actions workflow run among the
 * commit's check suites (suites of other apps have no workflow run and are
 * left out). `unfinished` says whether a run may still change.
 */
export function mapCommit(
  repositoryId: string,
  node: CommitNode,
): { records: object[]; author: Author | null; unfinished: boolean } {
  const author = userAuthor(node.author?.user);
  const records: object[] = [
    {
      type: "commit",
      repositoryId,
      sha: node.oid,
      authoredAt: node.authoredDate,
      authorId: author?.id ?? null,
      committedAt: node.committedDate,
      // The graph links a pull request only to deployments that contain it; a list cut short is unknown, not shorter.
      parents: parentsOf(node.parents),
    },
  ];
  let unfinished = false;
  for (const suite of node.checkSuites?.nodes ?? []) {
    const run = suite?.workflowRun;
    if (!suite || !run || run.databaseId === null) continue;
    const status = runStatus(suite.status, suite.conclusion);
    if (status === "in_progress") unfinished = true;
    records.push({
      type: "ci_run",
      id: workflowRunId(run.databaseId),
      repositoryId,
      workflow: run.workflow.name,
      status,
      startedAt: run.createdAt,
      finishedAt: status === "in_progress" ? null : run.updatedAt,
      headSha: node.oid,
      branch: suite.branch?.name ?? null,
      event: run.event,
      url: run.url,
    });
  }
  return { records, author, unfinished };
}
