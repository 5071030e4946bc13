import { storeRecords } from "@/collectors/store";
import type { Db } from "@/db/client";
import { readCsv } from "@/lib/events/csv";
import type { ImportSummary } from "@/lib/import/summary";
import { MAX_LISTED_REJECTIONS } from "@/lib/import/summary";
import type { IncidentTargets } from "../config-fields";
import type { ExportFormat } from "./columns";
import { incidentFromRow } from "./rows";

export { EXPORT_COLUMNS, type ExportFormat } from "./columns";

/** What importing an export did: the importer's summary, plus service names no mapping entry matched. */
export interface IncidentExportSummary extends ImportSummary {
  /** Up to 50 service, tag or team names of incidents stored without a repository or team, to add to the mapping. */
  unmapped: string[];
}

/** An export file to import and how to read it. */
export interface IncidentExportInput {
  workspace: string;
  format: ExportFormat;
  /** The file name, for rejections. */
  name: string;
  stream: AsyncIterable<Buffer | string>;
  services: IncidentTargets;
  utcOffset: string | null;
}

/**
 * Imports a PagerDuty or Opsgenie incident export (CSV) through the importer:
 * rows are mapped by the documented column mapping, stored idempotently, and
 * a bad row is reported with its line number while the others are kept.
 */
export async function importIncidentExport(db: Db, input: IncidentExportInput): Promise<IncidentExportSummary> {
  const lines: number[] = [];
  const rejected: ImportSummary["rejected"] = [];
  let rejectedTotal = 0;
  const unmapped = new Set<string>();
  async function* incidents() {
    for await (const row of readCsv(input.stream)) {
      const result = "error" in row ? { ok: false as const, reason: row.error } : incidentFromRow(row.cells, input);
      if (!result.ok) {
        rejectedTotal++;
        if (rejected.length < MAX_LISTED_REJECTIONS)
          rejected.push({ file: input.name, line: row.line, reason: result.reason });
        continue;
      }
      if (!result.routed) for (const key of result.routeKeys) if (unmapped.size < 50) unmapped.add(key);
      lines.push(row.line);
      yield result.incident;
    }
  }
  const summary = await storeRecords(db, input.workspace, input.name, incidents());
  // The importer numbers the records it was given; report the CSV lines they came from.
  const stored = summary.rejected.map((r) => ({ ...r, line: lines[r.line - 1] ?? r.line }));
  return {
    ...summary,
    rejected: [...rejected, ...stored].sort((a, b) => a.line - b.line),
    rejectedTotal: summary.rejectedTotal + rejectedTotal,
    rejectedByType: rejectedTotal
      ? { ...summary.rejectedByType, incident: (summary.rejectedByType.incident ?? 0) + rejectedTotal }
      : summary.rejectedByType,
    unmapped: [...unmapped].sort(),
  };
}
