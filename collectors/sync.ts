import type { Db } from "@/db/client";
import { AltimeterError } from "@/lib/errors";
import { finishSyncRun, startSyncRun } from "@/lib/queries/sync-runs";
import { knownSecrets, redactDeep } from "@/lib/redact";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { sourceName, type WorkspaceConfig } from "./config";
import { runCollector } from "./registry";
import type { CollectorFailure, CollectorResult, ProgressEvent } from "./types";

/** How one configured source's sync ended. */
export interface SourceSyncResult {
  /** The source's name in the config (its kind unless named). */
  source: string;
  kind: string;
  status: CollectorResult["status"];
  records: CollectorResult["records"];
  failures: CollectorFailure[];
  warnings?: CollectorFailure[];
  removed?: CollectorResult["removed"];
  requests?: number;
  rateLimitPoints?: number;
  durationMs: number;
}

/** How a workspace's sync ended: `partial` when some sources (or parts of them) failed and the rest were stored. */
export interface WorkspaceSyncResult {
  workspace: string;
  status: "ok" | "partial" | "failed";
  startedAt: string;
  finishedAt: string;
  sources: SourceSyncResult[];
}

/** What a workspace sync needs besides its config. */
export interface SyncContext {
  db: Db;
  now: () => number;
  progress: (event: ProgressEvent & { sourceName: string }) => void;
  signal?: AbortSignal;
  /** Only the sources with these names; every source when absent. */
  only?: string[];
}

/** The message of a failure, for people: typed errors say what to fix; anything else is reported as it is. */
function failureMessage(error: unknown): string {
  if (error instanceof AltimeterError || error instanceof Error) return error.message;
  return String(error);
}

/** A run's overall status from its parts. */
export function overallStatus(statuses: readonly CollectorResult["status"][]): WorkspaceSyncResult["status"] {
  if (statuses.every((s) => s === "ok")) return "ok";
  if (statuses.every((s) => s === "failed")) return "failed";
  return "partial";
}

/** The environment variables a source's config names for its secrets (`tokenEnv`, `apiKeyEnv`…). */
function secretEnvNames(source: object): string[] {
  return Object.entries(source)
    .filter(([key, value]) => /Env$/.test(key) && typeof value === "string")
    .map(([, value]) => value as string);
}

/**
 * Syncs every configured source of a workspace, one after the other. A source
 * that throws is recorded as failed and the others still run; each run is
 * recorded in sync_runs with its summary. Collectors store idempotently and
 * move their cursors only after storing, so an interrupted sync re-run ends
 * with the same data as an uninterrupted one.
 */
export async function syncWorkspace(ctx: SyncContext, config: WorkspaceConfig): Promise<WorkspaceSyncResult> {
  const startedAt = ctx.now();
  const workspace = await ensureWorkspace(ctx.db, config.slug, config.name ?? config.slug);
  const results: SourceSyncResult[] = [];
  for (let i = 0; i < config.sources.length; i++) {
    const source = config.sources[i]!;
    const name = sourceName(config, i);
    if (ctx.only && !ctx.only.includes(name)) continue;
    if (ctx.signal?.aborted) break;
    const started = ctx.now();
    const runId = await startSyncRun(ctx.db, workspace.id, name, started);
    let result: CollectorResult;
    try {
      result = await runCollector(
        {
          db: ctx.db,
          workspace: config.slug,
          now: ctx.now,
          signal: ctx.signal,
          progress: (e) => ctx.progress({ ...e, sourceName: name }),
        },
        source,
      );
    } catch (error) {
      result = {
        source: source.kind,
        status: "failed",
        records: {},
        failures: [{ scope: name, message: failureMessage(error) }],
      };
    }
    const finished = ctx.now();
    const outcome: SourceSyncResult = {
      source: name,
      kind: source.kind,
      status: result.status,
      records: result.records,
      failures: result.failures,
      ...(result.warnings?.length ? { warnings: result.warnings } : {}),
      ...(result.removed && Object.keys(result.removed).length > 0 ? { removed: result.removed } : {}),
      ...(result.requests !== undefined ? { requests: result.requests } : {}),
      ...(result.rateLimitPoints !== undefined ? { rateLimitPoints: result.rateLimitPoints } : {}),
      durationMs: finished - started,
    };
    // Stored and printed: no failure or warning may carry a key an upstream echoed.
    const clean = redactDeep(outcome, knownSecrets(secretEnvNames(source)));
    await finishSyncRun(ctx.db, runId, result.status, { ...clean }, finished);
    results.push(clean);
  }
  return {
    workspace: config.slug,
    status: overallStatus(results.map((r) => r.status)),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(ctx.now()).toISOString(),
    sources: results,
  };
}
