import type { Metadata } from "next";
import Link from "next/link";
import { TargetStatus, TierBadge, WithheldNote } from "@/app/_components/badges";
import { Definition } from "@/app/_components/definition";
import { DrillDownTable } from "@/app/_components/drilldown-table";
import { NoRows } from "@/app/_components/empty-state";
import { FilterBar } from "@/app/_components/filter-bar";
import { formatHeadline } from "@/app/_components/format";
import { LeadTimeDistribution } from "@/app/_components/lead-time-distribution";
import { countsBehind } from "@/lib/format";
import { Pagination } from "@/app/_components/pagination";
import { WindowProblem } from "@/app/_components/window-problem";
import { requestDb } from "@/app/_lib/db";
import { metricOr404, workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { headlineValue, metricBySlug, metricTarget, metricTier } from "@/lib/service/definitions";
import { NO_DATA } from "@/lib/withheld";
import { getDrillDownPage } from "@/lib/service/drilldown-page";
import { listWorkspaceTeams, repositoryNames } from "@/lib/service/lookups";
import { parseFilters } from "../../load";
import { parsePage, single, withParams, workspacePath, type SearchParams } from "../../search-params";

const PAGE_SIZE = 100;

interface MetricPageProps {
  params: Promise<{ workspace: string; metric: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: MetricPageProps): Promise<Metadata> {
  const p = await params;
  return { title: `${metricBySlug(segment(p.metric))?.title ?? "Metric"} · ${segment(p.workspace)}` };
}

/** The records behind one metric for the URL's window and team, a page at a time, with a CSV of them all. */
export default async function MetricPage({ params, searchParams }: MetricPageProps) {
  const p = await params;
  const slug = segment(p.workspace);
  const info = metricOr404(segment(p.metric));
  const query = await searchParams;
  const db = await requestDb();
  const now = Date.now();
  const workspace = await workspaceOr404(db, slug);
  const teams = await listWorkspaceTeams(db, workspace.id);
  const parsed = parseFilters(query, now);
  const path = `${workspacePath(slug)}/metrics/${info.slug}`;
  const filters = "filters" in parsed ? parsed.filters : { ...parsed.raw, preset: null };
  const failedParam = info.name === "changeFailureRate" && single(query.failed) === "1" ? "1" : null;
  const unknownTeam = filters.team !== null && !teams.some((t) => t.id === filters.team);

  const header = (
    <>
      <div className="page-head">
        <div>
          <h1>{info.title}</h1>
          <p className="subtitle">{info.summary}</p>
        </div>
      </div>
      <FilterBar
        action={path}
        filters={filters}
        preset={filters.preset}
        now={now}
        hrefFor={(w) => withParams(path, { ...w, team: filters.team, failed: failedParam })}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        valid={"filters" in parsed}
      >
        {failedParam && <input type="hidden" name="failed" value="1" />}
      </FilterBar>
    </>
  );
  if (!("filters" in parsed) || unknownTeam) {
    const problem =
      "problem" in parsed
        ? parsed.problem
        : `unknown team ${JSON.stringify(filters.team)} in workspace ${JSON.stringify(slug)}`;
    return (
      <>
        {header}
        <WindowProblem problem={problem} resetHref={path} />
      </>
    );
  }

  const question = { workspace: slug, from: filters.from, to: filters.to, team: filters.team };
  const failedOnly = failedParam !== null;
  const { values, table, total, page, pages, changes } = await getDrillDownPage(db, question, info.name, {
    page: parsePage(single(query.page)),
    pageSize: PAGE_SIZE,
    failedOnly,
  });
  const rows = table.rows;
  const keep = { from: filters.from, to: filters.to, team: filters.team };
  const pageKeep = { ...keep, failed: failedOnly ? "1" : null };
  const tier = metricTier(info.name, values);
  const target = metricTarget(info.name, values);
  const withheld = values.withheld[info.name];
  const value = formatHeadline(info, headlineValue(info.name, values));
  const teamName = teams.find((t) => t.id === filters.team)?.name;

  return (
    <>
      {header}
      <section className="card metric-summary" aria-labelledby="summary-title">
        <h2 id="summary-title" className="visually-hidden">
          The number
        </h2>
        <div className="metric-card-head">
          <p className="metric-value">
            <span className="metric-number">{value ?? "—"}</span>
            <span className="metric-unit">{value === null ? NO_DATA : info.unit}</span>
          </p>
          {tier !== undefined && <TierBadge tier={tier} withheld={withheld} />}
        </div>
        <p className="metric-detail">
          {countsBehind(info.name, values, "card")} · {teamName ? `team ${teamName}` : "whole workspace"}
        </p>
        <WithheldNote reason={withheld} />
        {info.target && target !== undefined && <TargetStatus met={target} goal={info.target.goal} />}
        <Definition info={info} open />
      </section>

      {changes.length > 0 && <LeadTimeDistribution changes={changes} />}

      <section className="section" aria-labelledby="records-title">
        <div className="section-head">
          <h2 id="records-title">The records behind it</h2>
          {info.name === "changeFailureRate" && (
            <ul className="segmented" aria-label="Which deployments">
              <li>
                <Link prefetch={false} href={withParams(path, keep)} aria-current={failedOnly ? undefined : "page"}>
                  All deployments
                </Link>
              </li>
              <li>
                <Link
                  prefetch={false}
                  href={withParams(path, { ...keep, failed: "1" })}
                  aria-current={failedOnly ? "page" : undefined}
                >
                  Failed only
                </Link>
              </li>
            </ul>
          )}
          <a className="button button-quiet" href={withParams(`${path}/csv`, keep)} download>
            Download CSV<span className="visually-hidden"> of every record</span>
          </a>
        </div>
        {table.notes?.map((note) => (
          <p key={note} className="withheld" role="note">
            {note}
          </p>
        ))}
        {table.leftOut.length > 0 && (
          <div role="note" aria-label="Left out">
            <p className="withheld">Left out of this number:</p>
            <ul>
              {table.leftOut.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </div>
        )}
        {total === 0 ? (
          <NoRows
            what="records behind this metric"
            hint="Choose a longer period or another team; the definition above says what is counted."
          />
        ) : (
          <>
            <DrillDownTable
              table={table}
              rows={rows}
              repositoryNames={await repositoryNames(db, workspace.id)}
              caption={`${total.toLocaleString("en-US")} ${failedOnly ? "failed deployments" : "records"}${pages > 1 ? `, ${(page - 1) * PAGE_SIZE + 1}–${(page - 1) * PAGE_SIZE + rows.length} shown` : ""}.`}
            />
            <Pagination
              page={page}
              pages={pages}
              total={total}
              noun="records"
              hrefFor={(n) => withParams(path, { ...pageKeep, page: n })}
            />
          </>
        )}
      </section>
    </>
  );
}
