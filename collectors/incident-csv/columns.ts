/**
 * The column mapping of incident-tool CSV exports (collectors/CONFIG.md,
 * "Incident CSV exports"). Header names are matched case-insensitively, with
 * spaces, underscores, dots and hyphens ignored, so `Created At`, `created_at`
 * and `createdAt` are the same column. The first alias present wins.
 */
export type ExportFormat = "pagerduty" | "opsgenie";

/** What a column means for an incident. `closeTime` is a duration in ms after creation (Opsgenie). */
export type IncidentColumn =
  | "id"
  | "number"
  | "title"
  | "status"
  | "createdAt"
  | "resolvedAt"
  | "closeTime"
  | "severity"
  | "service"
  | "serviceId"
  | "teams"
  | "tags"
  | "entity"
  | "url";

export const EXPORT_COLUMNS: Record<ExportFormat, Partial<Record<IncidentColumn, string[]>>> = {
  pagerduty: {
    id: ["id", "incident id"],
    number: ["incident number", "number", "#"],
    title: ["title", "description", "summary"],
    status: ["status"],
    createdAt: ["created at", "created on", "created", "opened at"],
    resolvedAt: ["resolved at", "resolved on", "resolved"],
    severity: ["priority", "urgency"],
    service: ["service name", "service"],
    serviceId: ["service id"],
    teams: ["teams", "team", "team name"],
    url: ["html url", "url", "link"],
  },
  opsgenie: {
    id: ["id", "incident id", "alert id"],
    number: ["tiny id", "tinyid"],
    title: ["message", "title"],
    status: ["status"],
    createdAt: ["created at", "created"],
    resolvedAt: ["resolved at", "closed at", "impact end date", "impact end"],
    closeTime: ["close time", "report close time"],
    severity: ["priority"],
    serviceId: ["impacted services", "impacted service", "service id", "service"],
    teams: ["teams", "owner team", "team", "responders"],
    tags: ["tags"],
    entity: ["entity"],
    url: ["url", "link"],
  },
};

/** A header name reduced to letters and digits (`Created_At` → `createdat`). */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9#]/g, "");
}

/** Which header of this file holds each column; the first alias found wins. */
export function resolveColumns(
  format: ExportFormat,
  headers: Iterable<string>,
): Partial<Record<IncidentColumn, string>> {
  const byNormal = new Map<string, string>();
  for (const h of headers) if (!byNormal.has(normaliseHeader(h))) byNormal.set(normaliseHeader(h), h);
  const resolved: Partial<Record<IncidentColumn, string>> = {};
  for (const [column, aliases] of Object.entries(EXPORT_COLUMNS[format]) as [IncidentColumn, string[]][]) {
    const header = aliases.map((a) => byNormal.get(normaliseHeader(a))).find((h) => h !== undefined);
    if (header !== undefined) resolved[column] = header;
  }
  return resolved;
}
