import { withParams, workspacePath } from "@/app/w/[workspace]/search-params";
import type { Overview } from "@/lib/service/dashboard";
import { NoDataYet } from "./empty-state";
import { formatDay } from "./format";
import { MetricCards } from "./metric-cards";
import { TeamSection } from "./team-section";
import { TrendSection } from "./trend-section";

/**
 * The body of an overview (a workspace's, or a team's): the metric cards, the
 * weekly trends and, for a workspace, its teams. A workspace without any
 * data gets the steps to fill it instead.
 */
export function OverviewBody({ overview }: { overview: Overview }) {
  const { report } = overview;
  const slug = overview.workspace.slug;
  if (overview.dataStart === null) return <NoDataYet slug={slug} />;
  const window = { from: report.from, to: report.to };
  const team = overview.team?.id ?? null;
  return (
    <>
      {report.to <= overview.dataStart && (
        <p className="notice notice-info">
          This window ends before the data begins ({formatDay(overview.dataStart)}): every metric is empty. Choose a
          later period.
        </p>
      )}
      <section aria-labelledby="headline-title">
        <h2 id="headline-title" className="visually-hidden">
          Headline metrics
        </h2>
        <MetricCards
          overview={overview}
          hrefFor={(info) => withParams(`${workspacePath(slug)}/metrics/${info.slug}`, { ...window, team })}
        />
      </section>
      <TrendSection overview={overview} />
      {overview.team === null && (
        <TeamSection
          teams={overview.teams}
          hrefFor={(id) => withParams(`${workspacePath(slug)}/teams/${encodeURIComponent(id)}`, window)}
        />
      )}
    </>
  );
}
