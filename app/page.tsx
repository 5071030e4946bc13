import type { Metadata } from "next";
import { Suspense } from "react";
import { NoWorkspaces } from "@/app/_components/empty-state";
import { describeWindow, formatHeadline } from "@/app/_components/format";
import { WorkspaceList, type WorkspaceRow } from "@/app/_components/workspace-list";
import { requestDb } from "@/app/_lib/db";
import { currentPrincipal } from "@/app/_lib/session";
import { visibleWorkspaceIds } from "@/lib/service/access";
import type { Visible } from "@/lib/service/workspace-list";
import { headlineValue, metricInfo, metricTier } from "@/lib/service/definitions";
import { listWorkspaceNames, listWorkspaceSummaries } from "@/lib/service/workspace-list";
import {
  single,
  windowEndingToday,
  workspacePath,
  type SearchParams,
  type WindowDates,
} from "./w/[workspace]/search-params";

export const metadata: Metadata = { title: "Workspaces" };

const HEADLINES = ["deploymentFrequency", "leadTime", "changeFailureRate", "timeToRestore"] as const;

async function WorkspaceRows({ window, query, visible }: { window: WindowDates; query: string; visible: Visible }) {
  const summaries = await listWorkspaceSummaries(await requestDb(), window, visible);
  const rows: WorkspaceRow[] = summaries.map((s) => ({
    slug: s.slug,
    name: s.name,
    href: workspacePath(s.slug),
    hasData: s.hasData,
    stats: HEADLINES.map((name) => {
      const info = metricInfo(name);
      return {
        label: info.shortTitle,
        text: formatHeadline(info, headlineValue(name, s.report)),
        unit: info.shortUnit,
        tier: metricTier(name, s.report) ?? null,
        withheld: s.report.withheld[name],
      };
    }),
  }));
  return <WorkspaceList rows={rows} initialQuery={query} />;
}

function RowsLoading({ names }: { names: { slug: string; name: string }[] }) {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Computing each workspace&apos;s numbers…</span>
      <ul className="workspace-list" aria-hidden="true">
        {names.map((w) => (
          <li key={w.slug} className="card workspace-row">
            <div>
              <h2>{w.name}</h2>
              <span className="slug">{w.slug}</span>
            </div>
            <div className="skeleton skeleton-row" />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The workspaces (client organisations) the signed-in person may see, each with its DORA numbers for the last 13 weeks. */
export default async function WorkspacesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const db = await requestDb();
  const principal = await currentPrincipal();
  // The proxy sends anonymous people to sign in; this is the belt to its braces.
  const visible = principal ? await visibleWorkspaceIds(db, principal) : [];
  const names = await listWorkspaceNames(db, visible);
  if (names.length === 0) return <NoWorkspaces />;
  const window = windowEndingToday(Date.now());
  const query = single((await searchParams).q) ?? "";
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Workspaces</h1>
          <p className="subtitle">
            Each organisation&apos;s delivery over the last 13 full weeks: {describeWindow(window.from, window.to)}{" "}
            (UTC).
          </p>
        </div>
      </div>
      <Suspense fallback={<RowsLoading names={names} />}>
        <WorkspaceRows window={window} query={query} visible={visible} />
      </Suspense>
    </>
  );
}
