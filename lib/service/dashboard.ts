import type { Db } from "@/db/client";
import { METRIC_NAMES, type MetricName, type MetricRecords } from "@/lib/metrics";
import type { MetricsWindow } from "@/lib/metrics/types";
import { formatDate, fullWeeks, parseWindow } from "@/lib/metrics/window";
import { getTeam, listTeams } from "@/lib/queries/teams";
import { judgedRecords, type JudgedReport, type JudgedValues, type SourceStarts } from "@/lib/withheld";
import { compareHeadline, type Change } from "./comparison";
import {
  getMetricRecords,
  getMetricsReport,
  workspaceFacts,
  workspaceSourceStarts,
  type MetricsQuery,
} from "./metrics";
import { recordsByTeam, recordsByWindow } from "./partition";

/** The metrics of one window, dated as the URL and the CLI spell it. */
export interface DatedValues {
  from: string;
  to: string;
  values: JudgedValues;
}

/** One team's row in the overview's team table. */
export interface TeamMetrics {
  id: string;
  name: string;
  values: JudgedValues;
}

/** Everything the overview (or a team's page) shows for a window. */
export interface Overview {
  workspace: { slug: string; name: string };
  team: { id: string; name: string } | null;
  /** Exactly `altimeter metrics --json` for the query. */
  report: JudgedReport;
  /** The period of equal length just before the window. */
  previous: DatedValues;
  /** Each metric's change against the previous period (none where either period lacks its sources). */
  changes: Record<MetricName, Change>;
  /** When each source's records begin (what withholds judgements). */
  starts: SourceStarts;
  /** Each full week of the window, oldest first (the sparklines and trend charts). */
  weeks: DatedValues[];
  /** Every team of the workspace for the window; empty in team scope. */
  teams: TeamMetrics[];
  /** The first day of the workspace's data; null when it holds no activity at all. */
  dataStart: string | null;
}

/** The window of equal length ending where `w` begins. */
export function previousWindow(w: MetricsWindow): MetricsWindow {
  return { from: w.from - (w.to - w.from), to: w.from };
}

const dated = (w: MetricsWindow, records: MetricRecords): DatedValues => ({
  from: formatDate(w.from),
  to: formatDate(w.to),
  values: judgedRecords(records, w),
});

/**
 * The overview of a workspace or team: the report for the window, the previous
 * period, the weekly series and (for a workspace) the team table. The report
 * comes straight from the service the CLI uses; the rest from one wider
 * drill-down split by week and team, so a 50-team workspace costs one scan.
 */
export async function getOverview(db: Db, q: MetricsQuery): Promise<Overview> {
  const report = await getMetricsReport(db, q);
  const window = parseWindow(q.from, q.to);
  const before = previousWindow(window);
  const { query, records } = await getMetricRecords(db, { ...q, from: formatDate(before.from) });
  const [previousRecords, currentRecords] = recordsByWindow(records, [before, window]);
  const weeks = fullWeeks(window);
  const weekRecords = recordsByWindow(currentRecords!, weeks);
  const facts = await workspaceFacts(db, query.workspace);
  const starts = await workspaceSourceStarts(db, query.workspace);

  let teams: TeamMetrics[] = [];
  let team: Overview["team"] = null;
  if (query.teamId === null) {
    const list = await listTeams(db, query.workspace.id);
    const byTeam = recordsByTeam(
      currentRecords!,
      facts,
      list.map((t) => t.id),
    );
    teams = list.map((t) => ({
      id: t.id,
      name: t.name,
      values: judgedRecords(byTeam.get(t.id)!, window),
    }));
  } else {
    const t = await getTeam(db, query.workspace.id, query.teamId, query.workspace.slug);
    team = { id: t.id, name: t.name };
  }

  const previous = dated(before, previousRecords!);
  return {
    workspace: { slug: query.workspace.slug, name: query.workspace.name },
    team,
    report,
    previous,
    changes: Object.fromEntries(
      METRIC_NAMES.map((m) => [m, compareHeadline(m, report, previous.values, starts, window)]),
    ) as Record<MetricName, Change>,
    starts,
    weeks: weeks.map((w, i) => dated(w, weekRecords[i]!)),
    teams,
    dataStart: facts.data.dataStart === null ? null : formatDate(facts.data.dataStart),
  };
}
