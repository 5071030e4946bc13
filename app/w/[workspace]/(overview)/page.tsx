import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FilterBar } from "@/app/_components/filter-bar";
import { OverviewBody } from "@/app/_components/overview-body";
import { WindowProblem } from "@/app/_components/window-problem";
import { requestDb } from "@/app/_lib/db";
import { workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { reportPdfPath } from "@/lib/report/paths";
import { listWorkspaceTeams } from "@/lib/service/lookups";
import { loadOverview } from "../load";
import { single, withParams, workspacePath, type SearchParams } from "../search-params";

interface OverviewPageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: OverviewPageProps): Promise<Metadata> {
  return { title: segment((await params).workspace) };
}

/** A workspace's six headline metrics, their weekly trends and its teams, for the URL's window. */
export default async function OverviewPage({ params, searchParams }: OverviewPageProps) {
  const slug = segment((await params).workspace);
  const query = await searchParams;
  const base = workspacePath(slug);
  // A team chosen in the form (without script) is that team's page.
  const team = single(query.team);
  if (team)
    redirect(
      withParams(`${base}/teams/${encodeURIComponent(team)}`, { from: single(query.from), to: single(query.to) }),
    );

  const db = await requestDb();
  const now = Date.now();
  const workspace = await workspaceOr404(db, slug);
  const [teams, outcome] = await Promise.all([
    listWorkspaceTeams(db, workspace.id),
    loadOverview(db, slug, null, query, now),
  ]);
  const filters = "filters" in outcome ? outcome.filters : outcome.raw;
  const teamHrefs = Object.fromEntries(
    teams.map((t) => [
      t.id,
      withParams(`${base}/teams/${encodeURIComponent(t.id)}`, { from: filters.from, to: filters.to }),
    ]),
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{workspace.name}</h1>
          <p className="subtitle">
            How the whole organisation delivers: DORA metrics, onboarding and time to first deploy.
          </p>
        </div>
        {"filters" in outcome && (
          <a
            className="button button-quiet"
            href={reportPdfPath({ workspace: workspace.slug, from: outcome.filters.from, to: outcome.filters.to })}
            download
          >
            Download PDF
          </a>
        )}
      </div>
      <FilterBar
        action={base}
        filters={{ ...filters, team: null }}
        preset={"filters" in outcome ? outcome.filters.preset : null}
        now={now}
        hrefFor={(w) => withParams(base, w)}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        teamHrefs={teamHrefs}
        valid={"filters" in outcome}
      />
      {"overview" in outcome ? (
        <OverviewBody overview={outcome.overview} />
      ) : (
        <WindowProblem problem={outcome.problem} resetHref={base} />
      )}
    </>
  );
}
