import { type DrillDownColumn, METRIC_CATALOG } from "@/lib/metrics/catalog";
import type { DrillDownTable as Table } from "@/lib/service/drilldown";
import { formatNumber } from "./format";
import { TableRegion } from "./table-region";

type Cell = string | number | boolean | null;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A column's heading: its label, with its unit when it has one ("Lead time (h)"). */
const heading = (c: DrillDownColumn) => (c.unit ? `${c.label} (${c.unit})` : c.label);

function show(column: DrillDownColumn | undefined, value: Cell): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number")
    return column?.format === "reference" || column?.format === "index" ? String(value) : (formatNumber(value) ?? "—");
  if (TIMESTAMP.test(value)) return value.slice(0, 16).replace("T", " ");
  return value;
}

/** Whether a column holds quantities, aligned right. */
const numeric = (c: DrillDownColumn | undefined) => c?.format === "measure" || c?.format === "index";

/** A cell's text linked to the record's source. */
function linkTo(url: string, text: string) {
  return <a href={url}>{text}</a>;
}

/** One page of a metric's drill-down: every record behind the number, linked to its source where known. */
export function DrillDownTable({
  table,
  rows,
  caption,
  repositoryNames,
}: {
  table: Table;
  rows: Cell[][];
  caption: string;
  repositoryNames: Map<string, string>;
}) {
  const urlAt = table.columns.indexOf("url");
  const shown = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => c !== "url");
  // Headings, formats and the linked column come from the metric's one home (lib/metrics/catalog.ts).
  const drillDown = METRIC_CATALOG[table.metric].drillDown;
  const column = new Map(drillDown.columns.map((c) => [c.key, c]));
  const linked = drillDown.linked;
  const failedAt = table.columns.indexOf("failed");
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {shown.map(({ c }) => (
              <th key={c} scope="col" className={numeric(column.get(c)) ? "num" : undefined}>
                {column.has(c) ? heading(column.get(c)!) : c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const url = urlAt >= 0 ? (row[urlAt] as string | null) : null;
            const failed = failedAt >= 0 && row[failedAt] === true;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a server-rendered page of rows, never reordered in place; rows carry no id
              <tr key={r} className={failed ? "row-failed" : undefined}>
                {shown.map(({ c, i }) => {
                  const name =
                    c === "repository" && typeof row[i] === "string"
                      ? repositoryNames.get(row[i] as string)
                      : undefined;
                  const text = name ?? show(column.get(c), row[i]!);
                  const content = url && c === linked && row[i] !== null ? linkTo(url, text) : text;
                  const className =
                    typeof row[i] === "number" ? "num" : TIMESTAMP.test(String(row[i])) ? "time" : undefined;
                  return i === 0 ? (
                    <th key={c} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={c} className={className}>
                      {c === "failed" && failed ? <strong>failed</strong> : content}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
