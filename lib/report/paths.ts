/** A window and scope as report addresses carry them. */
export interface ReportAddress {
  workspace: string;
  from: string;
  to: string;
  team?: string | null;
}

function query(a: ReportAddress): string {
  const q = new URLSearchParams({ from: a.from, to: a.to });
  if (a.team) q.set("team", a.team);
  return q.toString();
}

/** The print-designed report page: /w/SLUG/report?from&to[&team] (the cover's name is the app's setting, not the address's). */
export function reportPagePath(a: ReportAddress): string {
  return `/w/${encodeURIComponent(a.workspace)}/report?${query(a)}`;
}

/** The PDF of the report page, printed by the app itself: /w/SLUG/report.pdf?from&to[&team]. */
export function reportPdfPath(a: ReportAddress): string {
  return `/w/${encodeURIComponent(a.workspace)}/report.pdf?${query(a)}`;
}

/** A file name for a report: northwind-checkout-2026-08-31-to-2026-11-30.pdf */
export function reportFileName(a: ReportAddress): string {
  return `${[a.workspace, a.team, a.from, "to", a.to]
    .filter(Boolean)
    .join("-")
    .replace(/[^\w.-]+/g, "_")}.pdf`;
}
