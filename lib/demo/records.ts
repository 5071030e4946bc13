/**
 * Writes the demo organisation as raw event-format records, exactly as a user
 * would write them in NDJSON: RFC 3339 strings in UTC, absent fields left out.
 */
import { iso } from "./clock";
import type {
  DemoCiRun,
  DemoCommit,
  DemoDeployment,
  DemoIncident,
  DemoPerson,
  DemoPullRequest,
  DemoRepository,
} from "./model";
import { DEMO_ORG } from "./teams";

/** One raw record of the event format. */
export type RawRecord = Record<string, unknown>;

/** Drops absent fields, so that records look hand-written rather than full of nulls. */
function present(record: Record<string, unknown>): RawRecord {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

const time = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : iso(ms));

export function repositoryRecord(r: DemoRepository): RawRecord {
  return present({
    type: "repository",
    id: r.id,
    name: r.name,
    createdAt: iso(r.createdAt),
    teamId: r.team.id,
    defaultBranch: r.defaultBranch,
    url: r.url,
    isTemplate: r.spec.isTemplate,
    templateId: r.templateId,
  });
}

export function personRecord(p: DemoPerson): RawRecord {
  return present({
    type: "person",
    id: p.id,
    name: p.name,
    teamId: p.teamId,
    joinedAt: time(p.joinedAt),
    isBot: p.isBot,
  });
}

export function commitRecord(c: DemoCommit): RawRecord {
  return present({
    type: "commit",
    repositoryId: c.repositoryId,
    sha: c.sha,
    authoredAt: iso(c.authoredAt),
    authorId: c.authorId,
    committedAt: time(c.committedAt),
  });
}

export function pullRequestRecord(pr: DemoPullRequest): RawRecord {
  return present({
    type: "pull_request",
    repositoryId: pr.repository.id,
    number: pr.number,
    authorId: pr.authorId,
    createdAt: iso(pr.createdAt),
    firstCommitAt: iso(pr.firstCommitAt),
    mergedAt: time(pr.mergedAt),
    closedAt: time(pr.closedAt),
    baseBranch: pr.baseBranch,
    mergeCommitSha: pr.mergeCommitSha,
    url: `${pr.repository.url}/pull/${pr.number}`,
  });
}

export function deploymentRecord(d: DemoDeployment): RawRecord {
  const url =
    d.repository.spec.kind === "web"
      ? `https://vercel.com/${DEMO_ORG}/${d.repository.slug}/${d.id}`
      : `https://deploy.${DEMO_ORG}.dev/${d.repository.slug}/${d.id}`;
  return present({
    type: "deployment",
    id: d.id,
    repositoryId: d.repository.id,
    environment: d.environment,
    status: d.status,
    createdAt: iso(d.createdAt),
    finishedAt: time(d.finishedAt),
    sha: d.sha,
    url,
  });
}

export function ciRunRecord(run: DemoCiRun): RawRecord {
  return present({
    type: "ci_run",
    id: run.id,
    repositoryId: run.repository.id,
    workflow: "ci",
    status: run.status,
    startedAt: iso(run.startedAt),
    finishedAt: time(run.finishedAt),
    headSha: run.headSha,
    branch: run.branch,
    event: run.event,
    url: `${run.repository.url}/actions/runs/${run.id}`,
  });
}

export function incidentRecord(i: DemoIncident): RawRecord {
  const url =
    i.source === "pagerduty"
      ? `https://${DEMO_ORG}.pagerduty.com/incidents/${i.id}`
      : `https://${DEMO_ORG}.app.opsgenie.com/alert/detail/${i.id}`;
  return present({
    type: "incident",
    id: i.id,
    openedAt: iso(i.openedAt),
    title: i.title,
    severity: i.severity,
    resolvedAt: time(i.resolvedAt),
    repositoryId: i.repositoryId,
    teamId: i.teamId,
    deploymentId: i.deploymentId,
    causeSha: i.causeSha,
    source: i.source,
    url,
  });
}
