import type { Db } from "@/db/client";
import { listWorkspaces } from "@/lib/queries/workspaces";
import type { JudgedReport } from "@/lib/withheld";
import { getMetricsReport, workspaceFacts } from "./metrics";

/** A workspace on the list page with its headline numbers for one window. */
export interface WorkspaceSummary {
  slug: string;
  name: string;
  report: JudgedReport;
  /** Whether the workspace holds any activity (commits, pull requests, deployments or incidents). */
  hasData: boolean;
}

/** The workspaces of this instance (by slug) without their numbers: a cheap first paint. */
export async function listWorkspaceNames(db: Db): Promise<{ slug: string; name: string }[]> {
  return (await listWorkspaces(db)).map((w) => ({ slug: w.slug, name: w.name }));
}

/** Every workspace with its report for the window, by slug. */
export async function listWorkspaceSummaries(
  db: Db,
  window: { from: string; to: string },
): Promise<WorkspaceSummary[]> {
  const workspaces = await listWorkspaces(db);
  return Promise.all(
    workspaces.map(async (w) => ({
      slug: w.slug,
      name: w.name,
      report: await getMetricsReport(db, { workspace: w.slug, ...window }),
      hasData: (await workspaceFacts(db, w)).data.dataStart !== null,
    })),
  );
}
