import "server-only";
import { notFound } from "next/navigation";
import type { Db } from "@/db/client";
import { listWorkspaceTeams, type Team, type Workspace } from "@/lib/service/lookups";
import { metricBySlug, type MetricInfo } from "@/lib/service/definitions";
import { workspaceAccessOr404 } from "./session";

// Next renders a segment's layout and page at the same time, so a page cannot
// count on its layout's check having run: each looks its subject up this way.

/**
 * The workspace of the address, or the not-found page (404) when it does not
 * exist or the asker may not see it (the same page: nothing tells them apart).
 */
export async function workspaceOr404(db: Db, slug: string): Promise<Workspace> {
  return (await workspaceAccessOr404(db, slug)).workspace;
}

/** The workspace's teams and the one of the address, or the not-found page (404). */
export async function teamOr404(db: Db, workspace: Workspace, teamId: string): Promise<{ team: Team; teams: Team[] }> {
  const teams = await listWorkspaceTeams(db, workspace.id);
  const team = teams.find((t) => t.id === teamId);
  return team ? { team, teams } : notFound();
}

/** The metric of the address (`lead-time`, or the CLI's `leadTime`), or the not-found page (404). */
export function metricOr404(slug: string): MetricInfo {
  return metricBySlug(slug) ?? notFound();
}
