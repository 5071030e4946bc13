import type { Db } from "@/db/client";
import type { MetricsSettings, MetricsWindow } from "@/lib/metrics";
import { parseWindow } from "@/lib/metrics/window";
import { getTeam } from "@/lib/queries/teams";
import { getWorkspace, type Workspace } from "@/lib/queries/workspaces";
import { HOUR_MS, DAY_MS } from "@/lib/time";

/** A question about metrics as people ask it: a workspace, dates, maybe a team. */
export interface MetricsQuery {
  workspace: string;
  from: string;
  to: string;
  team?: string | null;
}

/** A query checked against the store: the workspace exists, the team exists, the dates make a window. */
export interface ResolvedQuery {
  workspace: Workspace;
  teamId: string | null;
  window: MetricsWindow;
  from: string;
  to: string;
}

/** Resolves a query, failing with an error that names the bad part (never an empty result). */
export async function resolveQuery(db: Db, q: MetricsQuery): Promise<ResolvedQuery> {
  const window = parseWindow(q.from, q.to);
  const workspace = await getWorkspace(db, q.workspace);
  const teamId = q.team ?? null;
  if (teamId !== null) await getTeam(db, workspace.id, teamId, workspace.slug);
  return { workspace, teamId, window, from: q.from, to: q.to };
}

/** A workspace's stored settings as the engine takes them. */
export function metricsSettings(
  w: Pick<
    Workspace,
    "productionEnv" | "attributionWindowHours" | "newcomerGraceDays" | "reworkPattern" | "reworkLabels"
  >,
): MetricsSettings {
  return {
    productionEnv: new RegExp(w.productionEnv, "i"),
    attributionWindowMs: w.attributionWindowHours * HOUR_MS,
    newcomerGraceMs: w.newcomerGraceDays * DAY_MS,
    reworkPattern: new RegExp(w.reworkPattern, "i"),
    reworkLabels: w.reworkLabels.split(",").filter((l) => l !== ""),
  };
}
