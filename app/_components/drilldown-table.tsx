import type { MetricName } from "@/lib/metrics";
import type { DrillDownTable as Table } from "@/lib/service/drilldown";
import { formatNumber } from "./format";
import { TableRegion } from "./table-region";

type Cell = string | number | boolean | null;

/** Column headings for the drill-down's column names (lib/service/drilldown.ts). */
const LABELS: Record<string, string> = {
  deployment: "Deployment",
  repository: "Repository",
  environment: "Environment",
  finishedAt: "Finished (UTC)",
  day: "Day of window",
  status: "Status",
  failed: "Failed",
  why: "Why",
  pullRequest: "Pull request",
  startedAt: "First commit (UTC)",
  mergedAt: "Merged (UTC)",
  deployedAt: "Deployed (UTC)",
  leadTimeHours: "Lead time (h)",
  counted: "Counted",
  incident: "Incident",
  title: "Title",
  openedAt: "Opened (UTC)",
  resolvedAt: "Resolved (UTC)",
  restoreHours: "Restore (h)",
  attributedTo: "Attributed to",
  person: "Person",
  team: "Team",
  start: "Start (UTC)",
  startFrom: "Start from",
  firstMergedPullRequest: "First merged pull request",
  onboardingDays: "Onboarding (days)",
  name: "Name",
  createdAt: "Created (UTC)",
  firstDeployment: "First deployment",
  hours: "Hours to first deploy",
};

/** The column whose cell links to the record's source (the row's `url`). */
const LINKED: Partial<Record<MetricName, string>> = {
  deploymentFrequency: "deployment",
  changeFailureRate: "deployment",
  leadTime: "pullRequest",
  timeToRestore: "incident",
  onboarding: "firstMergedPullRequest",
};

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function show(column: string, value: Cell): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number")
    return column === "pullRequest" || column === "day" ? String(value) : (formatNumber(value) ?? "—");
  if (TIMESTAMP.test(value)) return value.slice(0, 16).replace("T", " ");
  return value;
}

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
  const linked = LINKED[table.metric];
  const failedAt = table.columns.indexOf("failed");
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {shown.map(({ c }) => (
              <th key={c} scope="col" className={/Hours|Days|^day$|^hours$/.test(c) ? "num" : undefined}>
                {LABELS[c] ?? c}
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
                  const text = name ?? show(c, row[i]!);
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
