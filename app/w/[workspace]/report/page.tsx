import type { Metadata } from "next";
import { WindowProblem } from "@/app/_components/window-problem";
import { requestDb } from "@/app/_lib/db";
import { teamOr404, workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { formatPeriod } from "@/lib/format";
import { reportPdfPath } from "@/lib/report/paths";
import { getReportModel, reportCoverName } from "@/lib/service/report";
import { parseFilters } from "../load";
import { single, workspacePath, type SearchParams } from "../search-params";
import { CoverageAppendix, DefinitionsAppendix } from "./_components/appendix-part";
import { Cover } from "./_components/cover";
import { historyChartCount, MaturityPart } from "./_components/maturity-part";
import { MetricsPart } from "./_components/metrics-part";
import { RecommendationPart } from "./_components/recommendation-part";
import { ReportReady } from "./_components/report-ready";
import { SummaryPart } from "./_components/summary-part";
import { TeamsPart } from "./_components/teams-part";
import { trendChartCount, TrendsPart } from "./_components/trends-part";
import styles from "./report.module.css";

interface ReportPageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: ReportPageProps): Promise<Metadata> {
  return { title: `Report · ${segment((await params).workspace)}` };
}

/**
 * The client-ready report, designed for A4: `altimeter report` and
 * /w/SLUG/report.pdf print it in headless Chromium once `data-report-ready`
 * says its charts are drawn. ?from&to&team as the dashboard; the cover's name is
 * the app's setting (reportCoverName), so no address can put text on a client's cover.
 */
export default async function ReportPage({ params, searchParams }: ReportPageProps) {
  const slug = segment((await params).workspace);
  const query = await searchParams;
  const db = await requestDb();
  const workspace = await workspaceOr404(db, slug);
  const team = single(query.team);
  if (team) await teamOr404(db, workspace, team);
  const parsed = parseFilters(query, Date.now());
  if ("problem" in parsed) {
    return (
      <div data-report-root data-report-ready={`invalid: ${parsed.problem}`}>
        <WindowProblem problem={parsed.problem} resetHref={`${workspacePath(slug)}/report`} />
      </div>
    );
  }
  const { from, to } = parsed.filters;
  const model = await getReportModel(db, { workspace: slug, from, to, team, preparedBy: reportCoverName() });
  const period = `${formatPeriod(from, to)} (UTC)`;
  return (
    <article
      className={styles.report}
      data-report-root
      data-report-title={`${model.workspace.name}${model.team ? ` · ${model.team.name}` : ""} · Platform engineering report`}
      data-report-period={period}
    >
      <div className={styles.toolbar}>
        <span>
          The printable report for {period}.{" "}
          <span className={styles.muted}>Laid out for A4; charts and tables never break across pages.</span>
        </span>
        <a href={reportPdfPath({ workspace: slug, from, to, team })} download>
          Download PDF
        </a>
      </div>
      <Cover model={model} />
      <SummaryPart model={model} />
      <MetricsPart model={model} />
      {!model.team && <TeamsPart model={model} />}
      <TrendsPart model={model} />
      <MaturityPart model={model} />
      <RecommendationPart model={model} />
      <DefinitionsAppendix model={model} />
      <CoverageAppendix model={model} />
      <ReportReady charts={trendChartCount(model) + historyChartCount(model)} />
    </article>
  );
}
