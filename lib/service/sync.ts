import { loadConfig, sourceName, type AltimeterConfig, type WorkspaceConfig } from "@/collectors/config";
import { overallStatus, syncWorkspace, type SyncContext, type WorkspaceSyncResult } from "@/collectors/sync";
import type { Db } from "@/db/client";
import { refreshingSnapshot } from "./metrics";
import { NotFoundError } from "@/lib/errors";

export type { WorkspaceSyncResult, SourceSyncResult } from "@/collectors/sync";

/** What `altimeter sync` did: every workspace's sources, and the worst outcome. */
export interface SyncReport {
  config: string;
  status: WorkspaceSyncResult["status"];
  workspaces: WorkspaceSyncResult[];
}

/** Which configured workspaces and sources a sync covers. */
export interface SyncSelection {
  /** One workspace's slug; every configured workspace when absent. */
  workspace?: string | null;
  /** Only sources with these names. */
  sources?: string[];
}

/** The workspaces of the config a selection names; an unknown workspace or source is a NotFoundError listing the known ones. */
export function selectWorkspaces(config: AltimeterConfig, selection: SyncSelection): WorkspaceConfig[] {
  const list = selection.workspace
    ? config.workspaces.filter((w) => w.slug === selection.workspace)
    : config.workspaces;
  if (list.length === 0)
    throw new NotFoundError(
      `workspace ${JSON.stringify(selection.workspace)} is not in the config (configured: ${config.workspaces.map((w) => w.slug).join(", ")})`,
    );
  if (selection.sources?.length) {
    const known = new Set(list.flatMap((w) => w.sources.map((_, i) => sourceName(w, i))));
    const unknown = selection.sources.filter((s) => !known.has(s));
    if (unknown.length)
      throw new NotFoundError(
        `no source named ${unknown.map((s) => JSON.stringify(s)).join(", ")} (configured: ${[...known].join(", ") || "none"})`,
      );
  }
  return list;
}

/**
 * Runs the configured sources of the selected workspaces, one workspace after
 * the other. One failing source never stops the others; the report's status
 * is `partial` when some failed and `failed` only when all did.
 */
export async function runSync(
  db: Db,
  options: SyncSelection & {
    configPath?: string | null;
    now?: () => number;
    progress?: SyncContext["progress"];
    signal?: AbortSignal;
  },
): Promise<SyncReport> {
  const { path, config } = loadConfig(options.configPath);
  const workspaces = selectWorkspaces(config, options);
  const results: WorkspaceSyncResult[] = [];
  for (const w of workspaces) {
    if (options.signal?.aborted) break;
    results.push(
      await refreshingSnapshot(db, w.slug, () =>
        syncWorkspace(
          {
            db,
            now: options.now ?? Date.now,
            progress: options.progress ?? (() => {}),
            signal: options.signal,
            only: options.sources,
          },
          w,
        ),
      ),
    );
  }
  return {
    config: path,
    status: overallStatus(results.flatMap((r) => r.sources.map((s) => s.status))),
    workspaces: results,
  };
}
