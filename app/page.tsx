import Link from "next/link";
import { getDb } from "@/app/_lib/db";
import { TierBadge } from "@/app/_components/badges";
import { formatNumber, formatPercent } from "@/app/_components/format";
import { listWorkspaces } from "@/lib/queries/workspaces";
import { getMetricsReport } from "@/lib/service/metrics";
import { windowEndingToday } from "./w/[workspace]/search-params";

// The list and its numbers come from the database at request time, never from the build.
export const dynamic = "force-dynamic";

function EmptyState() {
  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <h1 id="empty-title">No workspaces yet</h1>
      <p className="muted">A workspace holds one organisation&apos;s deployments, pull requests and incidents. Create one from a terminal in this checkout:</p>
      <ul>
        <li>
          <code>npx altimeter demo</code> <span className="muted">for a generated demo organisation, or</span>
        </li>
        <li>
          <code>npx altimeter import FILE --workspace SLUG</code> <span className="muted">for your own data</span>
        </li>
      </ul>
      <p className="muted">Then reload this page.</p>
    </section>
  );
}

/** The workspaces of this instance, each with two headline numbers for the default window. */
export default async function WorkspacesPage() {
  const db = getDb();
  const workspaces = await listWorkspaces(db);
  if (workspaces.length === 0) return <EmptyState />;

  const window = windowEndingToday(Date.now());
  const rows = await Promise.all(
    workspaces.map(async (workspace) => ({ workspace, report: await getMetricsReport(db, { workspace: workspace.slug, ...window }) })),
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Workspaces</h1>
          <p className="subtitle">
            Last 13 full weeks: {window.from} up to {window.to} (UTC, end excluded)
          </p>
        </div>
      </div>
      <ul className="workspace-list">
        {rows.map(({ workspace, report }) => {
          const df = report.deploymentFrequency;
          const cfr = report.changeFailureRate;
          const cfrText = formatPercent(cfr.rate);
          return (
            <li key={workspace.slug} className="card workspace-row">
              <div>
                <h2>
                  <Link href={`/w/${encodeURIComponent(workspace.slug)}`}>{workspace.name}</Link>
                </h2>
                <span className="slug">{workspace.slug}</span>
              </div>
              <div>
                <span className="stat-label">Deployment frequency</span>
                <span className="stat-value" title={String(df.perDay)}>
                  {formatNumber(df.perDay)}
                </span>
                <span className="stat-unit">/ day</span>
                <TierBadge tier={df.tier} />
              </div>
              <div>
                <span className="stat-label">Change failure rate</span>
                {cfrText === null ? (
                  <>
                    <span className="stat-value muted">—</span>
                    <span className="stat-unit">no data</span>
                  </>
                ) : (
                  <>
                    <span className="stat-value">{cfrText}</span>
                    <span className="stat-unit">%</span>
                  </>
                )}
                <TierBadge tier={cfr.tier} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
