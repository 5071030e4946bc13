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

/** Workspace ids someone may see; null: every workspace (lib/service/access.ts, visibleWorkspaceIds). */
export type Visible = number[] | null;

async function visibleWorkspaces(db: Db, visible: Visible) {
  const all = await listWorkspaces(db);
  return visible === null ? all : all.filter((w) => visible.includes(w.id));
}

/** The workspaces of this instance (by slug) without their numbers: a cheap first paint. */
export async function listWorkspaceNames(db: Db, visible: Visible = null): Promise<{ slug: string; name: string }[]> {
  return (await visibleWorkspaces(db, visible)).map((w) => ({ slug: w.slug, name: w.name }));
}

/** Every workspace with its report for the window, by slug. */
export async function listWorkspaceSummaries(
  db: Db,
  window: { from: string; to: string },
  visible: Visible = null,
): Promise<WorkspaceSummary[]> {
  const workspaces = await visibleWorkspaces(db, visible);
  return Promise.all(
    workspaces.map(async (w) => ({
      slug: w.slug,
      name: w.name,
      report: await getMetricsReport(db, { workspace: w.slug, ...window }),
      hasData: (await workspaceFacts(db, w)).data.dataStart !== null,
    })),
  );
}
