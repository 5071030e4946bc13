import { csvDocument } from "@/lib/csv";
import type { MetricName, MetricRecords } from "@/lib/metrics";
import { type DrillDownKey, METRIC_CATALOG } from "@/lib/metrics/catalog";
import type { Attribution } from "@/lib/metrics/attribution";
import type { ReworkReason } from "@/lib/metrics/rework";
import { formatTimestamp } from "@/lib/events/timestamp";
import { codingTimeUnknown, onboardingTimeUnknown, partialData } from "@/lib/metrics/coding-time";
import { NO_LINKS, type SourceLinks } from "@/lib/queries/links";
import { HOUR_MS } from "@/lib/time";

/** A drill-down as a table: what the CLI prints, the dashboard shows and CSV downloads carry. */
export interface DrillDownTable {
  metric: MetricName;
  columns: string[];
  rows: (string | number | boolean | null)[][];
  /** What the reader must know about the rows: what is partial and why ("12 of 40 changes have an unknown coding time …"). */
  notes?: string[];
  /** What the number leaves out and why, one sentence each (empty when nothing is). */
  leftOut: string[];
}

/** Notes on partial data behind lead time and onboarding (squash merges collected from git only). */
function partialNotes(records: MetricRecords, metric: MetricName): string[] {
  const partial = partialData(records);
  if (metric === "leadTime" && partial.leadTime.unknown > 0)
    return [
      `${partial.leadTime.unknown} of ${partial.leadTime.of} changes have an unknown coding time (squash merges collected from git only): their lead time runs from the merge, not the first commit. Collecting from GitHub fills it.`,
    ];
  if (metric === "onboarding" && partial.onboarding.unknown > 0)
    return [
      `${partial.onboarding.unknown} of ${partial.onboarding.of} onboarded newcomers have an unknown onboarding time, not 0 days: their first commit is the squash merge of their first pull request (git only). Collecting from GitHub fills it.`,
    ];
  return [];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a metric's records leave out of its number, and why: the drill-down states it beside the rows. */
export function leftOutNotes(records: MetricRecords, metric: MetricName): string[] {
  const notes: string[] = [];
  if (metric === "leadTime") {
    const { changes, droppedNegative, unlinked } = records.leadTime;
    const notDeployed = unlinked.filter((u) => u.reason === "notDeployed").length;
    const early = unlinked.length - notDeployed;
    if (notDeployed > 0)
      notes.push(
        `${plural(notDeployed, "merged pull request", "merged pull requests")} of the window that no production deployment contains (yet): left out.`,
      );
    if (early > 0)
      notes.push(
        `${plural(early, "merged pull request", "merged pull requests")} merged before their repository's first production deployment: left out, the data begins mid-life.`,
      );
    if (droppedNegative.length > 0)
      notes.push(
        `${plural(droppedNegative.length, "change", "changes")} with a negative lead time (clock skew): dropped.`,
      );
    const unknown = changes.filter((c) => c.pullRequest.firstCommitAt === null).length;
    if (unknown > 0)
      notes.push(
        `${plural(unknown, "change", "changes")} without a first commit time: coding time unknown, lead time counted from the pull request's creation.`,
      );
  }
  if (metric === "changeFailureRate" || metric === "timeToRestore" || metric === "failedDeploymentRecovery") {
    const unattributed = records.timeToRestore.filter((r) => r.attribution.rule === null).length;
    if (unattributed > 0)
      notes.push(
        `${plural(unattributed, "incident", "incidents")} opened in the window attributed to no deployment (no rule applied): ${metric === "timeToRestore" ? "counted here, but failing" : "failing"} no deployment.`,
      );
  }
  return notes;
}

const ts = (ms: number | null): string | null => (ms === null ? null : formatTimestamp(ms));
const RULES: Record<NonNullable<Attribution["rule"]>, string> = {
  deploymentId: "rule 1: names the deployment",
  causeSha: "rule 2: cause sha",
  repository: "rule 3: repository's latest deploy",
  team: "rule 4: team's latest deploy",
};

function why(a: Attribution): string {
  return a.rule === null ? "unattributed" : `${a.deploymentId} (${RULES[a.rule]})`;
}

/** Which rule of spec/metrics.md §7 made a deployment rework, in words. */
export function reworkWhy(r: ReworkReason): string {
  switch (r.rule) {
    case "fixDeploymentId":
      return `rule 1: incident ${r.incident.id} names it as its fix`;
    case "pullRequest": {
      const pr = `${r.change.pullRequest.repositoryId}#${r.change.pullRequest.number}`;
      return r.match.by === "title"
        ? `rule 2: pull request ${pr} titled ${JSON.stringify(r.match.title)} matches the rework pattern`
        : `rule 2: pull request ${pr} is labelled ${JSON.stringify(r.match.label)}`;
    }
    case "inferredFix":
      return `rule 3: inferred fix of incident ${r.incident.id} (latest production deploy before it was resolved)`;
  }
}

/** The records behind one metric, as rows, with links to the source where `links` knows them. */
export function drillDownTable(
  records: MetricRecords,
  metric: MetricName,
  links: SourceLinks = NO_LINKS,
): DrillDownTable {
  const table = { ...rowsOf(records, metric, links), leftOut: leftOutNotes(records, metric) };
  const notes = partialNotes(records, metric);
  return notes.length > 0 ? { ...table, notes } : table;
}

type Cell = DrillDownTable["rows"][number][number];

/** Rows keyed by the metric's drill-down columns, laid out in the catalogue's column order (lib/metrics/catalog.ts). */
function tableOf<M extends MetricName>(
  metric: M,
  rows: Record<DrillDownKey<M>, Cell>[],
): Omit<DrillDownTable, "leftOut" | "notes"> {
  const columns = METRIC_CATALOG[metric].drillDown.columns.map((c) => c.key as DrillDownKey<M>);
  return { metric, columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}

function rowsOf(
  records: MetricRecords,
  metric: MetricName,
  links: SourceLinks,
): Omit<DrillDownTable, "leftOut" | "notes"> {
  switch (metric) {
    case "deploymentFrequency":
      return tableOf(
        metric,
        records.deploymentFrequency.map(({ deployment: d, dayIndex }) => ({
          deployment: d.id,
          repository: d.repositoryId,
          environment: d.environment,
          finishedAt: ts(d.finishedAt),
          day: dayIndex,
          url: links.deployment(d.id),
        })),
      );
    case "changeFailureRate":
      return tableOf(
        metric,
        records.changeFailureRate.map((r) => {
          const reasons = [
            ...(r.failedByStatus ? ["status failure"] : []),
            ...r.incidents.map((a) => `incident ${a.incident.id} by ${RULES[a.rule!]}`),
          ];
          return {
            deployment: r.deployment.id,
            repository: r.deployment.repositoryId,
            finishedAt: ts(r.deployment.finishedAt),
            status: r.deployment.status,
            failed: r.failed,
            why: reasons.join("; ") || null,
            url: links.deployment(r.deployment.id),
          };
        }),
      );
    case "leadTime":
      return tableOf(metric, [
        ...[...records.leadTime.changes, ...records.leadTime.droppedNegative].map((c) => ({
          repository: c.pullRequest.repositoryId,
          pullRequest: c.pullRequest.number,
          startedAt: ts(c.startedAt),
          mergedAt: ts(c.pullRequest.mergedAt),
          deployment: c.deployment.id,
          deployedAt: ts(c.deployment.finishedAt),
          leadTimeHours: c.leadTimeMs / HOUR_MS,
          counted:
            c.leadTimeMs < 0
              ? "dropped: negative (clock skew)"
              : codingTimeUnknown(c.pullRequest)
                ? "counted; coding time unknown (squash merge, git only): measured from the merge"
                : true,
          url: links.pullRequest(c.pullRequest.repositoryId, c.pullRequest.number),
        })),
        ...records.leadTime.unlinked.map(({ pullRequest: pr, reason }) => ({
          repository: pr.repositoryId,
          pullRequest: pr.number,
          startedAt: ts(pr.firstCommitAt ?? pr.createdAt),
          mergedAt: ts(pr.mergedAt),
          deployment: null,
          deployedAt: null,
          leadTimeHours: null,
          counted:
            reason === "notDeployed"
              ? "left out: no production deployment contains it"
              : "left out: merged before the repository's first production deployment",
          url: links.pullRequest(pr.repositoryId, pr.number),
        })),
      ]);
    case "timeToRestore":
      return tableOf(
        metric,
        records.timeToRestore.map(({ attribution: a, restoreMs }) => ({
          incident: a.incident.id,
          title: a.incident.title,
          openedAt: ts(a.incident.openedAt),
          resolvedAt: ts(a.incident.resolvedAt),
          restoreHours: restoreMs === null ? null : restoreMs / HOUR_MS,
          attributedTo: why(a),
          url: a.incident.url,
        })),
      );
    case "onboarding":
      return tableOf(
        metric,
        records.onboarding.map((n) => ({
          person: n.person.id,
          team: n.person.teamId,
          start: ts(n.start.at),
          startFrom: onboardingTimeUnknown(n.start, n.firstMerged)
            ? `${n.start.source}; onboarding time unknown: the first commit is the squash merge itself (git only)`
            : n.start.source,
          firstMergedPullRequest: n.firstMerged ? `${n.firstMerged.repositoryId}#${n.firstMerged.number}` : null,
          mergedAt: ts(n.firstMerged?.at ?? null),
          onboardingDays: n.onboardingDays,
          url: n.firstMerged?.url ?? null,
        })),
      );
    case "timeToFirstDeploy":
      return tableOf(
        metric,
        records.timeToFirstDeploy.map((r) => ({
          repository: r.repository.id,
          name: r.repository.name,
          createdAt: ts(r.repository.createdAt),
          firstDeployment: r.firstDeployment?.id ?? null,
          deployedAt: ts(r.firstDeployment?.finishedAt ?? null),
          hours: r.hours,
        })),
      );
    case "reworkRate":
      return tableOf(
        metric,
        records.deploymentFrequency.map(({ deployment: d, rework }) => ({
          deployment: d.id,
          repository: d.repositoryId,
          finishedAt: ts(d.finishedAt),
          rework: rework.length > 0,
          why: rework.map(reworkWhy).join("; ") || null,
          url: links.deployment(d.id),
        })),
      );
    case "failedDeploymentRecovery":
      return tableOf(
        metric,
        records.changeFailureRate.flatMap((r) => {
          const rec = r.recovery;
          if (!rec) return [];
          const failedBy = [
            ...(r.failedByStatus ? ["status failure"] : []),
            ...r.incidents.map((a) => `incident ${a.incident.id}`),
          ].join("; ");
          const recoveredBy =
            r.incidents.length > 0
              ? rec.recoveredAt === null
                ? `not recovered: ${r.incidents
                    .filter((a) => a.incident.resolvedAt === null)
                    .map((a) => `incident ${a.incident.id}`)
                    .join(", ")} still open`
                : `latest resolution of ${r.incidents.map((a) => `incident ${a.incident.id}`).join(", ")}`
              : rec.nextDeployment
                ? `next production deploy ${rec.nextDeployment.id}`
                : "not recovered: no successful production deploy since";
          return [
            {
              deployment: r.deployment.id,
              repository: r.deployment.repositoryId,
              finishedAt: ts(r.deployment.finishedAt),
              failedBy,
              recoveredAt: ts(rec.recoveredAt),
              recoveredBy,
              recoveryHours: rec.recoveryMs === null ? null : rec.recoveryMs / HOUR_MS,
              url: links.deployment(r.deployment.id),
            },
          ];
        }),
      );
  }
}

/** RFC 4180 CSV of a drill-down table, with formula-like text neutralised (lib/csv.ts). */
export function drillDownCsv(t: DrillDownTable): string {
  return csvDocument(t.columns, t.rows);
}

/** The deployments and pull requests a drill-down of `metric` shows, whose links it needs. */
export function linkedRecords(records: MetricRecords, metric: MetricName) {
  const deploymentIds =
    metric === "deploymentFrequency" || metric === "reworkRate"
      ? records.deploymentFrequency.map((c) => c.deployment.id)
      : metric === "changeFailureRate"
        ? records.changeFailureRate.map((r) => r.deployment.id)
        : metric === "failedDeploymentRecovery"
          ? records.changeFailureRate.filter((r) => r.recovery).map((r) => r.deployment.id)
          : [];
  const pullRequests =
    metric === "leadTime"
      ? [
          ...[...records.leadTime.changes, ...records.leadTime.droppedNegative].map((c) => c.pullRequest),
          ...records.leadTime.unlinked.map((u) => u.pullRequest),
        ]
      : [];
  return { deploymentIds, pullRequests };
}
