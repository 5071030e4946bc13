import type { ReactNode } from "react";
import type { Metadata } from "next";
import { NoRows } from "@/app/_components/empty-state";
import { FilterBar } from "@/app/_components/filter-bar";
import { IncidentTable } from "@/app/_components/incident-table";
import { Pagination } from "@/app/_components/pagination";
import { WindowProblem } from "@/app/_components/window-problem";
import { segment } from "@/app/_lib/params";
import { listIncidentsWithAttribution } from "@/lib/service/incident-list";
import { loadListPage } from "../load";
import { parsePage, single, withParams, workspacePath, type SearchParams } from "../search-params";

const PAGE_SIZE = 50;

interface IncidentsPageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: IncidentsPageProps): Promise<Metadata> {
  return { title: `Incidents · ${segment((await params).workspace)}` };
}

/** The incidents opened in the window, filtered by team, status, severity and text, newest first. */
export default async function IncidentsPage({ params, searchParams }: IncidentsPageProps) {
  const { slug, query, db, now, teams, teamNames, filters, problem, valid, path, search } = await loadListPage(
    params,
    searchParams,
    "incidents",
  );
  const statusParam = single(query.status);
  const status = statusParam === "open" || statusParam === "resolved" ? statusParam : null;
  const severity = single(query.severity);
  const keep = { from: filters.from, to: filters.to, team: filters.team, q: search, status, severity };

  let body: ReactNode;
  let severities: string[] = [];
  if (problem !== null) {
    body = <WindowProblem problem={problem} resetHref={path} />;
  } else {
    const page = parsePage(single(query.page));
    const result = await listIncidentsWithAttribution(db, {
      workspace: slug,
      from: filters.from,
      to: filters.to,
      team: filters.team,
      status,
      severity,
      search,
      page,
      pageSize: PAGE_SIZE,
    });
    severities = result.severities;
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    body =
      result.total === 0 ? (
        <NoRows
          what="incidents opened in this window"
          hint="Choose a longer period, all teams or fewer filters; incidents come from imports or collectors."
        />
      ) : (
        <>
          <IncidentTable
            incidents={result.rows}
            caption={`${result.total} incidents opened in the window${pages > 1 ? `, page ${Math.min(page, pages)} of ${pages}` : ""}, newest first.`}
            teamHref={(id) =>
              withParams(`${workspacePath(slug)}/teams/${encodeURIComponent(id)}`, {
                from: filters.from,
                to: filters.to,
              })
            }
            teamNames={teamNames}
          />
          <Pagination
            page={page}
            pages={pages}
            total={result.total}
            noun="incidents"
            hrefFor={(n) => withParams(path, { ...keep, page: n })}
          />
        </>
      );
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Incidents</h1>
          <p className="subtitle">
            Incidents opened in the window, how long each took to restore, and which deployment it counts against.
          </p>
        </div>
      </div>
      <FilterBar
        action={path}
        filters={filters}
        preset={filters.preset}
        now={now}
        hrefFor={(w) => withParams(path, { ...keep, ...w })}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        valid={valid}
      >
        <label className="field">
          Status
          <select name="status" defaultValue={status ?? ""}>
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label className="field">
          Severity
          <select name="severity" defaultValue={severity ?? ""}>
            <option value="">Any</option>
            {severities.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Text
          <input type="search" name="q" defaultValue={search ?? ""} placeholder="Id or title" />
        </label>
      </FilterBar>
      {body}
    </>
  );
}
