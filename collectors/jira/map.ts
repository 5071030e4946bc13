import type { IncidentTargets } from "../config-fields";
import type { IncidentInput } from "../incident-sync";
import { resolvedNotBefore } from "../incident-sync";
import type { JiraIssue } from "./api";
import type { JiraConfig } from "./config";

/** Jira writes offsets without a colon (`+0000`); the event format wants RFC 3339 (`+00:00`). */
export function jiraTime(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
}

/** The text values of a field: a string, an option (`{ value }`), a user or version (`{ name }`), or a list of those. */
export function fieldValues(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(fieldValues);
  if (typeof value === "string" || typeof value === "number") return [String(value)];
  if (typeof value === "object") {
    const v = value as { value?: unknown; name?: unknown; id?: unknown };
    if (typeof v.value === "string") return [v.value];
    if (typeof v.name === "string") return [v.name];
  }
  return [];
}

/** The routing values of an issue, field by field in `routeBy` order. */
export function routeValues(issue: JiraIssue, routeBy: JiraConfig["routeBy"]): string[] {
  return routeBy.flatMap((field) =>
    field === "component"
      ? (issue.fields.components ?? []).map((c) => c.name)
      : field === "label"
        ? (issue.fields.labels ?? [])
        : fieldValues(issue.fields[field]),
  );
}

/**
 * When an issue was resolved: its resolution date; else, for an issue in a
 * done status, the last change into that status in its history; else the
 * last change of status category. Null while it is not done.
 */
export function resolutionTime(issue: JiraIssue): string | null {
  const f = issue.fields;
  if (f.resolutiondate) return jiraTime(f.resolutiondate);
  if (f.status?.statusCategory?.key !== "done") return null;
  const intoStatus = (issue.changelog?.histories ?? [])
    .filter((h) => h.items.some((i) => i.field === "status" && (i.toString ?? null) === (f.status?.name ?? null)))
    .map((h) => jiraTime(h.created))
    .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return intoStatus ?? (f.statuscategorychangedate ? jiraTime(f.statuscategorychangedate) : null);
}

/**
 * A Jira issue as an incident: id `jira:<issue id>` (stable when an issue
 * moves between projects), the key and summary as title, priority (or the
 * severity field) as severity, routed by the first value `services` maps.
 */
export function incidentFromJira(
  issue: JiraIssue,
  config: JiraConfig,
  services: IncidentTargets,
): IncidentInput & { fixDeploymentId?: string } {
  const f = issue.fields;
  const openedAt = jiraTime(f.created);
  const target = routeValues(issue, config.routeBy)
    .map((v) => services[v])
    .find((t) => t !== undefined);
  const severity = config.severityField ? fieldValues(f[config.severityField])[0] : f.priority?.name;
  const fix = config.fixDeploymentField ? fieldValues(f[config.fixDeploymentField])[0] : undefined;
  return {
    type: "incident",
    id: `jira:${issue.id}`,
    openedAt,
    resolvedAt: resolvedNotBefore(openedAt, resolutionTime(issue)),
    title: f.summary ? `${issue.key} ${f.summary}` : issue.key,
    severity: severity ?? undefined,
    ...(target?.repository ? { repositoryId: target.repository } : {}),
    ...(target?.team ? { teamId: target.team } : {}),
    ...(fix ? { fixDeploymentId: fix } : {}),
    source: "jira",
    url: `${config.site}/browse/${issue.key}`,
  };
}
