import type { IncidentTargets } from "../config-fields";
import { routeIncident, type IncidentInput } from "../incident-sync";
import { resolveColumns, type ExportFormat } from "./columns";
import { exportTimestamp } from "./time";

/** How rows are read: the export's tool, the service mapping and the zone of zone-less times. */
export interface RowOptions {
  format: ExportFormat;
  services: IncidentTargets;
  utcOffset: string | null;
}

/** A row mapped to an incident, or why it cannot be; `routeKeys` are what the mapping was tried with. */
export type RowResult =
  | { ok: true; incident: IncidentInput; routed: boolean; routeKeys: string[] }
  | { ok: false; reason: string };

const list = (text: string | undefined) =>
  (text ?? "")
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A column as the file names it, for a reason the reader can find in the file. */
const columnName = (header: string | undefined, fallback: string) => `column "${header ?? fallback}"`;

/**
 * One CSV row of a PagerDuty or Opsgenie export as an incident. The id is
 * `pagerduty:<id>` / `opsgenie:<id>`, as the API collectors write it, so an
 * export and a later sync update the same incidents; without an id column the
 * incident number (`#N`) stands in.
 */
export function incidentFromRow(cells: Record<string, string>, options: RowOptions): RowResult {
  const col = resolveColumns(options.format, Object.keys(cells));
  const cell = (name: keyof typeof col) =>
    col[name] !== undefined ? cells[col[name]!]?.trim() || undefined : undefined;
  const rawId = cell("id") ?? (cell("number") ? `#${cell("number")}` : undefined);
  if (!rawId)
    return {
      ok: false,
      reason: `no incident id (a column named ${options.format === "pagerduty" ? '"id" or "incident number"' : '"id" or "tiny id"'})`,
    };
  const created = cell("createdAt");
  if (!created) return { ok: false, reason: `no creation time (a column named "created at")` };
  const openedAt = exportTimestamp(created, options.utcOffset);
  if (!openedAt.ok) return { ok: false, reason: `created at: ${openedAt.reason}` };
  let resolvedAt: string | undefined;
  const resolved = cell("resolvedAt");
  const closeTime = cell("closeTime");
  if (resolved) {
    const r = exportTimestamp(resolved, options.utcOffset);
    if (!r.ok) return { ok: false, reason: `resolved at: ${r.reason}` };
    resolvedAt = r.value;
  } else if (closeTime && /^\d+$/.test(closeTime) && Number(closeTime) > 0) {
    resolvedAt = new Date(Date.parse(openedAt.value) + Number(closeTime)).toISOString();
  }
  // The event format rejects an end before its start; clamping it would store a 0 h restore time that never was.
  if (resolvedAt && Date.parse(resolvedAt) < Date.parse(openedAt.value))
    return {
      ok: false,
      reason: `${columnName(col.resolvedAt, "close time")} ${resolved ?? `${closeTime} ms`} is before ${columnName(col.createdAt, "created at")} ${created}: an incident cannot end before it starts`,
    };
  const routeKeys = [
    ...list(cell("serviceId")),
    cell("service"),
    ...list(cell("tags")),
    cell("entity"),
    ...list(cell("teams")),
  ].filter((k): k is string => Boolean(k));
  const route = routeIncident(options.services, routeKeys);
  return {
    ok: true,
    routed: route.repositoryId !== undefined || route.teamId !== undefined,
    routeKeys,
    incident: {
      type: "incident",
      id: `${options.format}:${rawId}`,
      openedAt: openedAt.value,
      resolvedAt,
      title: cell("title"),
      severity: cell("severity"),
      ...route,
      source: options.format,
      url: cell("url"),
    },
  };
}
