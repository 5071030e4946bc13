import type { Metadata } from "next";
import { FilterBar } from "@/app/_components/filter-bar";
import { OverviewBody } from "@/app/_components/overview-body";
import { PeopleTable } from "@/app/_components/people-table";
import { RepositoryTable } from "@/app/_components/repository-table";
import { WindowProblem } from "@/app/_components/window-problem";
import { requestDb } from "@/app/_lib/db";
import { teamOr404, workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { reportPdfPath } from "@/lib/report/paths";
import { getTeamDetails } from "@/lib/service/team-details";
import { loadOverview } from "../../load";
import { withParams, workspacePath, type SearchParams } from "../../search-params";

interface TeamPageProps {
  params: Promise<{ workspace: string; team: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: TeamPageProps): Promise<Metadata> {
  const p = await params;
  return { title: `${segment(p.team)} · ${segment(p.workspace)}` };
}

/** One team: its metrics and trends, its repositories and its people, newcomers first. */
export default async function TeamPage({ params, searchParams }: TeamPageProps) {
  const p = await params;
  const slug = segment(p.workspace),
    teamId = segment(p.team);
  const query = await searchParams;
  const db = await requestDb();
  const now = Date.now();
  const workspace = await workspaceOr404(db, slug);
  const { team, teams } = await teamOr404(db, workspace, teamId);
  const outcome = await loadOverview(db, slug, teamId, query, now);
  const base = workspacePath(slug);
  const path = `${base}/teams/${encodeURIComponent(teamId)}`;
  const filters = "filters" in outcome ? outcome.filters : { ...outcome.raw, team: teamId };
  const window = { from: filters.from, to: filters.to };
  const teamHref = (id: string) => withParams(`${base}/teams/${encodeURIComponent(id)}`, window);
  const teamHrefs = { "": withParams(base, window), ...Object.fromEntries(teams.map((t) => [t.id, teamHref(t.id)])) };
  const details =
    "overview" in outcome && outcome.overview.dataStart !== null
      ? await getTeamDetails(db, { workspace: slug, ...window, team: teamId })
      : null;
  const newcomers = details?.people.filter((x) => x.newcomer).length ?? 0;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{team.name}</h1>
          <p className="subtitle">A team of {workspace.name}: its repositories, incidents and people.</p>
        </div>
        {"filters" in outcome && (
          <a
            className="button button-quiet"
            href={reportPdfPath({
              workspace: workspace.slug,
              from: outcome.filters.from,
              to: outcome.filters.to,
              team: teamId,
            })}
            download
          >
            Download PDF
          </a>
        )}
      </div>
      <FilterBar
        action={path}
        filters={{ ...filters, team: teamId }}
        preset={"filters" in outcome ? outcome.filters.preset : null}
        now={now}
        hrefFor={(w) => withParams(path, w)}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        teamHrefs={teamHrefs}
        teamInPath
        valid={"filters" in outcome}
      />
      {"overview" in outcome ? (
        <OverviewBody overview={outcome.overview} />
      ) : (
        <WindowProblem problem={outcome.problem} resetHref={path} />
      )}
      {details && (
        <>
          <section className="section" aria-labelledby="repositories-title">
            <div className="section-head">
              <h2 id="repositories-title">Repositories</h2>
              <p className="muted">What the metrics counted of each repository in the window.</p>
            </div>
            {details.repositories.length === 0 ? (
              <p className="card empty-inline">
                No repository has this team as its <code>teamId</code>.
              </p>
            ) : (
              <RepositoryTable
                repositories={details.repositories}
                caption={`${details.repositories.length} repositories of ${team.name}.`}
              />
            )}
          </section>
          <section className="section" aria-labelledby="people-title">
            <div className="section-head">
              <h2 id="people-title">People</h2>
              <p className="muted">
                {newcomers === 0
                  ? "No newcomers started in this window."
                  : `${newcomers} newcomer${newcomers === 1 ? "" : "s"} started in this window, highlighted and listed first.`}
              </p>
            </div>
            {details.people.length === 0 ? (
              <p className="card empty-inline">
                No person has this team as its <code>teamId</code>.
              </p>
            ) : (
              <PeopleTable people={details.people} caption={`${details.people.length} people of ${team.name}.`} />
            )}
          </section>
        </>
      )}
    </>
  );
}
