import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/app/_lib/db";
import { MetricCards } from "@/app/_components/metric-cards";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { MetricsReport } from "@/lib/metrics/types";
import { DAY_MS, formatDate, parseDate } from "@/lib/metrics/window";
import { listTeams, type Team } from "@/lib/queries/teams";
import { findWorkspace } from "@/lib/queries/workspaces";
import { getMetricsReport } from "@/lib/service/metrics";
import { parseWorkspaceSearchParams, windowEndingToday, workspaceHref, type SearchParams, type WorkspaceFilters } from "./search-params";

// Numbers are read from the database at request time, never frozen at build time.
export const dynamic = "force-dynamic";

interface WorkspacePageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<SearchParams>;
}

const PRESET_WEEKS = [4, 13, 26, 52];

export async function generateMetadata({ params }: WorkspacePageProps): Promise<Metadata> {
  return { title: (await params).workspace };
}

/** The report for the URL's filters, or the problem with them (a bad date, an unknown team) in words. */
async function loadReport(slug: string, query: SearchParams): Promise<{ filters: WorkspaceFilters; report: MetricsReport } | { problem: string }> {
  try {
    const filters = parseWorkspaceSearchParams(query, Date.now());
    const report = await getMetricsReport(getDb(), { workspace: slug, from: filters.from, to: filters.to, team: filters.team });
    return { filters, report };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError) return { problem: error.message };
    throw error;
  }
}

function firstValue(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** "2026-01-05 – 2026-04-05 · 91 days": the last day shown is the one before the exclusive `to`. */
function describeWindow(from: string, to: string): string {
  const toMs = parseDate(to, "to");
  const days = (toMs - parseDate(from, "from")) / DAY_MS;
  return `${from} – ${formatDate(toMs - DAY_MS)} · ${days} ${days === 1 ? "day" : "days"} (UTC)`;
}

function TeamNav({ slug, teams, filters }: { slug: string; teams: Team[]; filters: { from: string | null; to: string | null; team: string | null } }) {
  const href = (team: string | null) => workspaceHref(slug, { from: filters.from, to: filters.to, team });
  return (
    <nav aria-label="Teams">
      <ul className="chips">
        <li className="chips-label">Team</li>
        <li>
          <Link className="chip" href={href(null)} aria-current={filters.team === null ? "page" : undefined}>
            All teams
          </Link>
        </li>
        {teams.map((team) => (
          <li key={team.id}>
            <Link className="chip" href={href(team.id)} aria-current={filters.team === team.id ? "page" : undefined}>
              {team.name}
            </Link>
          </li>
        ))}
        {teams.length === 0 && <li className="muted">This workspace has no teams.</li>}
      </ul>
    </nav>
  );
}

function WindowControls({ slug, from, to, team, now }: { slug: string; from: string; to: string; team: string | null; now: number }) {
  return (
    <div className="filters-row">
      <form className="window-form" action={`/w/${encodeURIComponent(slug)}`} method="get">
        <label className="field">
          From
          <input type="date" name="from" defaultValue={from} />
        </label>
        <label className="field">
          To (excluded)
          <input type="date" name="to" defaultValue={to} />
        </label>
        {team !== null && <input type="hidden" name="team" value={team} />}
        <button className="button" type="submit">
          Show
        </button>
      </form>
      <ul className="chips" aria-label="Preset windows">
        <li className="chips-label">Last</li>
        {PRESET_WEEKS.map((weeks) => {
          const preset = windowEndingToday(now, weeks * 7);
          const current = preset.from === from && preset.to === to;
          // The 13-week preset is the default window: its link keeps the URL clean.
          const href = weeks === 13 ? workspaceHref(slug, { team }) : workspaceHref(slug, { ...preset, team });
          return (
            <li key={weeks}>
              <Link className="chip" href={href} aria-current={current ? "page" : undefined}>
                {weeks} weeks
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A workspace's (or one team's) six headline metrics for a window. */
export default async function WorkspacePage({ params, searchParams }: WorkspacePageProps) {
  const { workspace: slug } = await params;
  const query = await searchParams;
  const db = getDb();
  const workspace = await findWorkspace(db, slug);
  if (!workspace) notFound();

  const [teams, outcome] = await Promise.all([listTeams(db, workspace.id), loadReport(slug, query)]);
  const now = Date.now();
  const filters =
    "filters" in outcome
      ? outcome.filters
      : { from: firstValue(query.from), to: firstValue(query.to), team: firstValue(query.team) || null, customWindow: true };
  const teamName = teams.find((t) => t.id === filters.team)?.name ?? null;
  const linkFilters = { from: filters.customWindow ? filters.from : null, to: filters.customWindow ? filters.to : null, team: filters.team };

  return (
    <>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link href="/">Workspaces</Link> / <span className="slug">{workspace.slug}</span>
          </p>
          <h1>
            {workspace.name}
            {teamName !== null && <span className="muted"> · {teamName}</span>}
          </h1>
          {"report" in outcome && <p className="subtitle">{describeWindow(outcome.report.from, outcome.report.to)}</p>}
        </div>
      </div>

      <section className="filters" aria-label="Filters">
        <WindowControls slug={workspace.slug} from={filters.from} to={filters.to} team={filters.team} now={now} />
        <TeamNav slug={workspace.slug} teams={teams} filters={linkFilters} />
      </section>

      {"report" in outcome ? (
        <section aria-labelledby="headline-title">
          <h2 id="headline-title" className="visually-hidden">
            Headline metrics
          </h2>
          <MetricCards metrics={outcome.report} />
        </section>
      ) : (
        <section className="notice notice-error" role="alert">
          <h2>Cannot show metrics for these filters</h2>
          <p>{outcome.problem}</p>
          <p>
            Dates are <code>YYYY-MM-DD</code> (UTC); the window runs from <code>from</code> up to, not including, <code>to</code>.{" "}
            <Link href={workspaceHref(workspace.slug, {})}>Show the last 13 weeks of the whole workspace</Link>.
          </p>
        </section>
      )}
    </>
  );
}
