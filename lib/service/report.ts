import { findConfigFile, loadConfig } from "@/collectors/config";
import type { Db } from "@/db/client";
import { readEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import type { AssessmentReport, Level, Recommendation, TeamAssessment } from "@/lib/maturity/types";
import { parseWindow } from "@/lib/metrics/window";
import {
  listRecordCoverage,
  listRepositoryCoverage,
  listWeeklyActivity,
  type RecordTypeCoverage,
  type RepositoryCoverage,
  type WeeklyActivity,
} from "@/lib/queries/coverage";
import { listSyncRuns } from "@/lib/queries/sync-runs";
import { findGaps } from "@/lib/report/gaps";
import { formatChange, formatHeadline } from "@/lib/format";
import { buildRoadmap, type RoadmapPhase } from "@/lib/report/roadmap";
import { executiveSummary, TARGET_WORDS, type ExecutiveSummary, type Movement } from "@/lib/report/summary";
import { getOverview, type Overview } from "./dashboard";
import { noDataBecause, type Withheld, withheldByReason } from "@/lib/withheld";
import { headlineValue, METRIC_INFO, metricInfo, metricTarget } from "./definitions";
import { assessMaturity, getLevelHistory, type LevelPoint } from "./maturity";
import { resolveQuery, type MetricsQuery } from "./scope";
import { DAY_MS } from "@/lib/time";

/** A report as people ask for it: a workspace, a window, maybe a team, and who prepared it. */
export interface ReportQuery extends MetricsQuery {
  preparedBy?: string | null;
  now?: number;
}

/**
 * The name on the report's cover: a setting of the app, never of the request
 * (anyone could otherwise put any text on a client-facing cover through the
 * address). ALTIMETER_REPORT_PREPARED_BY, else the config's report.preparedBy, else none.
 */
export function reportCoverName(): string | null {
  const fromEnv = readEnv().ALTIMETER_REPORT_PREPARED_BY?.trim();
  if (fromEnv) return fromEnv.slice(0, 200);
  if (!findConfigFile(null)) return null;
  return loadConfig(null).config.report?.preparedBy?.trim() || null;
}

/** The maturity part of a report: the scope's level and recommendation, and every team's assessment. */
export interface ReportMaturity {
  window: { from: string; to: string };
  level: Level;
  provisional: boolean;
  recommendation: Recommendation;
  teams: TeamAssessment[];
  distribution: AssessmentReport["organisation"]["distribution"] | null;
  history: LevelPoint[];
}

/** One collector run, as the appendix lists it. */
export interface ReportSyncRun {
  source: string;
  startedAt: number;
  finishedAt: number | null;
  status: string;
  records: number | null;
}

/** Where the report's numbers come from: records, repositories, gaps and collector runs. */
export interface ReportCoverage {
  records: RecordTypeCoverage[];
  repositories: RepositoryCoverage[];
  /** Records per full week of the window. */
  weekly: WeeklyActivity;
  gaps: string[];
  syncRuns: ReportSyncRun[];
}

/** Everything the print-designed report page shows. */
export interface ReportModel {
  workspace: { slug: string; name: string };
  team: { id: string; name: string } | null;
  from: string;
  to: string;
  days: number;
  generatedAt: number;
  preparedBy: string | null;
  /** The workspace's metric settings the numbers were computed with. */
  settings: { productionEnv: string; attributionWindowHours: number; newcomerGraceDays: number };
  overview: Overview;
  summary: ExecutiveSummary;
  /** null when the scope cannot be assessed (a team that owns no repositories). */
  maturity: ReportMaturity | null;
  /** Why `maturity` is null. */
  maturityProblem: string | null;
  roadmap: RoadmapPhase[];
  coverage: ReportCoverage;
}

const MIN_ASSESSMENT_DAYS = 7;

/** "Change failure rate, time to restore — no data: no incident data before …; connect an incident source", one per reason. */
function withheldRoadmap(overview: Overview): string[] {
  return withheldByReason(overview.report.withheld).map(({ metrics, reason }) => {
    const named = metrics.map((m) => metricInfo(m).title.toLowerCase()).join(", ");
    return `${named[0]!.toUpperCase()}${named.slice(1)} — ${noDataBecause(reason)}`;
  });
}

async function reportMaturity(db: Db, q: ReportQuery, days: number, now: number): Promise<ReportMaturity> {
  const assessment = await assessMaturity(db, {
    workspace: q.workspace,
    team: q.team ?? null,
    to: q.to,
    days: Math.min(3660, Math.max(MIN_ASSESSMENT_DAYS, days)),
    now,
  });
  const team = q.team ? assessment.teams[0]! : null;
  const scope = team ?? assessment.organisation;
  const { verdict, reasons, nextSteps, unknowns, managedPlatform, revisitWhen } = scope;
  return {
    window: assessment.window,
    level: scope.level,
    provisional: scope.provisional,
    recommendation: { verdict, reasons, nextSteps, unknowns, managedPlatform, revisitWhen },
    teams: assessment.teams,
    distribution: team ? null : assessment.organisation.distribution,
    history: await getLevelHistory(db, q.workspace, q.team ?? null),
  };
}

async function reportCoverage(
  db: Db,
  workspaceId: number,
  window: { from: number; to: number },
  dataStart: number | null,
  withheld: Withheld,
): Promise<ReportCoverage> {
  const [records, repositories, weekly, runs] = await Promise.all([
    listRecordCoverage(db, workspaceId, window),
    listRepositoryCoverage(db, workspaceId, window),
    listWeeklyActivity(db, workspaceId, window),
    listSyncRuns(db, workspaceId, { limit: 12 }),
  ]);
  const syncRuns = runs.map((r) => {
    const counts = (r.summary as { records?: Record<string, number> } | null)?.records;
    return {
      source: r.source,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      status: r.status,
      records: counts ? Object.values(counts).reduce((a, n) => a + (n ?? 0), 0) : null,
    };
  });
  return {
    records,
    repositories,
    weekly,
    gaps: findGaps({ window, dataStart, records, repositories, weekly, withheld }),
    syncRuns,
  };
}

/**
 * The report of a workspace (or one team) for a window: the overview the
 * dashboard shows, the maturity assessment over the same window, the
 * executive summary and roadmap made from them, and the data's coverage.
 */
export async function getReportModel(db: Db, q: ReportQuery): Promise<ReportModel> {
  const now = q.now ?? Date.now();
  const resolved = await resolveQuery(db, q);
  const window = parseWindow(q.from, q.to);
  const days = Math.round((window.to - window.from) / DAY_MS);
  const overview = await getOverview(db, q);
  let maturity: ReportMaturity | null = null;
  let maturityProblem: string | null = null;
  try {
    maturity = await reportMaturity(db, q, days, now);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    maturityProblem = error.message;
  }
  const subject = overview.team ? `The ${overview.team.name} team` : overview.workspace.name;
  const movements: Movement[] = METRIC_INFO.map((info) => {
    const c = overview.changes[info.name];
    return {
      metric: info.name,
      title: info.title,
      verdict: c.verdict,
      change: c.delta === null ? null : formatChange(info.name, c.delta, c.relative),
      unavailable: c.unavailable,
    };
  });
  const summary = executiveSummary({ subject, metrics: overview.report, days, movements, maturity });
  const missedTargets = METRIC_INFO.flatMap((info) =>
    info.target && metricTarget(info.name, overview.report) === false
      ? [
          `${TARGET_WORDS[info.target.key]} (now ${formatHeadline(info.name, headlineValue(info.name, overview.report))} ${info.unit})`,
        ]
      : [],
  );
  const dataStart = overview.dataStart === null ? null : Date.parse(`${overview.dataStart}T00:00:00Z`);
  return {
    workspace: overview.workspace,
    team: overview.team,
    from: q.from,
    to: q.to,
    days,
    generatedAt: now,
    preparedBy: q.preparedBy?.trim() || null,
    settings: {
      productionEnv: resolved.workspace.productionEnv,
      attributionWindowHours: resolved.workspace.attributionWindowHours,
      newcomerGraceDays: resolved.workspace.newcomerGraceDays,
    },
    overview,
    summary,
    maturity,
    maturityProblem,
    roadmap: maturity
      ? buildRoadmap({
          nextSteps: maturity.recommendation.nextSteps,
          unknowns: maturity.recommendation.unknowns,
          teams: maturity.teams,
          missedTargets,
          withheld: withheldRoadmap(overview),
        })
      : [],
    coverage: await reportCoverage(db, resolved.workspace.id, window, dataStart, overview.report.withheld),
  };
}
