import { z } from "zod";
import type { CiRunStatus } from "@/lib/events/types";
import { gitlabIssueId, gitlabPipelineId, gitlabReleaseId } from "./ids";

/** The number at the end of a global id: `gid://gitlab/Ci::Pipeline/123` → 123. */
export function numericId(gid: string): number | null {
  const m = /(\d+)$/.exec(gid);
  return m ? Number(m[1]) : null;
}

/** A pipeline node of `project.pipelines`. */
export const PipelineNodeSchema = z.object({
  id: z.string(),
  sha: z.string().nullable(),
  ref: z.string().nullable(),
  status: z.string(),
  source: z.string().nullable(),
  name: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  path: z.string().nullable(),
});
export type PipelineNode = z.infer<typeof PipelineNodeSchema>;

/** An issue node of `project.issues` (incident issues, or issues with an incident label). */
export const IssueNodeSchema = z.object({
  iid: z.string(),
  title: z.string(),
  state: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  webUrl: z.string().nullable(),
  severity: z.string().nullable(),
  labels: z.object({ nodes: z.array(z.object({ title: z.string() }).nullable()).nullable() }).nullable(),
});
export type IssueNode = z.infer<typeof IssueNodeSchema>;

/** A release node of `project.releases`. */
export const ReleaseNodeSchema = z.object({
  tagName: z.string().nullable(),
  createdAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  upcomingRelease: z.boolean().nullable(),
  commit: z.object({ sha: z.string() }).nullable(),
  links: z.object({ selfUrl: z.string().nullable() }).nullable(),
});
export type ReleaseNode = z.infer<typeof ReleaseNodeSchema>;

const PIPELINE_STATUS: Record<string, CiRunStatus> = {
  SUCCESS: "success",
  FAILED: "failure",
  CANCELED: "cancelled",
  SKIPPED: "skipped",
  MANUAL: "skipped",
};

/** A pipeline's status (GraphQL spells them in capitals, REST and webhooks in lower case) as a ci_run status. */
export function pipelineStatus(status: string): CiRunStatus {
  return PIPELINE_STATUS[status.toUpperCase()] ?? "in_progress";
}

/** A pipeline as a `ci_run`, finished when GitLab says it finished (else its last update) once final. */
export function mapPipelineNode(repositoryId: string, baseUrl: string, p: PipelineNode): object | null {
  const id = numericId(p.id);
  if (id === null) return null;
  const status = pipelineStatus(p.status);
  return {
    type: "ci_run",
    id: gitlabPipelineId(id),
    repositoryId,
    workflow: p.name || "pipeline",
    status,
    startedAt: p.createdAt,
    finishedAt: status === "in_progress" ? null : (p.finishedAt ?? p.updatedAt),
    headSha: p.sha,
    branch: p.ref,
    event: p.source?.toLowerCase() ?? null,
    url: p.path ? `${baseUrl}${p.path}` : null,
  };
}

/** Labels such as `sev1`, `severity::2`, `S1` or `P1` give the severity. */
const SEVERITY_LABEL = /^(sev(erity)?[-_: ]*\d|s\d|p\d|severity::.+)$/i;

/** An incident's severity: GitLab's own for an incident (unless UNKNOWN), else a severity label. */
export function incidentSeverity(severity: string | null | undefined, labels: readonly string[]): string | null {
  if (severity && severity.toUpperCase() !== "UNKNOWN") return severity.toLowerCase();
  return labels.find((l) => SEVERITY_LABEL.test(l)) ?? null;
}

/**
 * An incident issue (GitLab's issue type INCIDENT, or an issue with an
 * incident label): opened when created, resolved when closed (open again when
 * reopened), and belonging to its project and the project's group, as the
 * source says where it happened.
 */
export function mapIssueNode(repositoryId: string, teamId: string | null, i: IssueNode): object {
  const labels = (i.labels?.nodes ?? []).flatMap((l) => (l ? [l.title] : []));
  const resolved = i.state === "closed" ? (i.closedAt ?? i.updatedAt) : null;
  return {
    type: "incident",
    id: gitlabIssueId(repositoryId, Number(i.iid)),
    openedAt: i.createdAt,
    title: i.title,
    severity: incidentSeverity(i.severity, labels),
    resolvedAt: resolved && Date.parse(resolved) < Date.parse(i.createdAt) ? i.createdAt : resolved,
    repositoryId,
    teamId,
    source: "gitlab",
    url: i.webUrl,
  };
}

/** A release as a successful production deployment at its release time; upcoming releases are left out. */
export function mapReleaseNode(repositoryId: string, r: ReleaseNode): object | null {
  const at = r.releasedAt ?? r.createdAt;
  if (r.upcomingRelease || !r.tagName || !at) return null;
  return {
    type: "deployment",
    id: gitlabReleaseId(repositoryId, r.tagName),
    repositoryId,
    environment: "production",
    status: "success",
    createdAt: at,
    finishedAt: at,
    sha: r.commit?.sha ?? null,
    url: r.links?.selfUrl ?? null,
  };
}
