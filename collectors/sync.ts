import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { AltimeterError } from "@/lib/errors";
import { claimSyncLease, releaseSyncLease, renewSyncLease, type SyncLeaseHolder } from "@/lib/queries/sync-leases";
import { finishSyncRun, startSyncRun } from "@/lib/queries/sync-runs";
import { MINUTE_MS } from "@/lib/time";
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

/** A source this run left alone because another worker holds its sync (or already ran it for this scheduled time). */
export interface SkippedSource {
  source: string;
  reason: string;
}

/** How a workspace's sync ended: `partial` when some sources (or parts of them) failed and the rest were stored. */
export interface WorkspaceSyncResult {
  workspace: string;
  status: "ok" | "partial" | "failed";
  startedAt: string;
  finishedAt: string;
  sources: SourceSyncResult[];
  /** Sources another worker was syncing (or had synced for this scheduled time); absent when none. */
  skipped?: SkippedSource[];
}

/** What a workspace sync needs besides its config. */
export interface SyncContext {
  db: Db;
  now: () => number;
  progress: (event: ProgressEvent & { sourceName: string }) => void;
  signal?: AbortSignal;
  /** Only the sources with these names; every source when absent. */
  only?: string[];
  /**
   * The scheduled time this run is for (the worker's cron tick): a source
   * another worker already claimed for this time is skipped. Absent for a
   * run asked for by hand, which only waits for nobody to hold the source.
   */
  slot?: number;
  /** Who claims the sources' leases (default: this host and process). */
  holder?: string;
  /** How long a claimed source's lease holds without renewal (default 5 minutes; renewed every fifth of it). */
  leaseMs?: number;
}

/** How long a lease holds: a worker that died without releasing it blocks its source this long at most. */
export const DEFAULT_LEASE_MS = 5 * MINUTE_MS;

/** This process as a lease holder: host, process id and a random part (process ids repeat across machines). */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

const processHolder = workerId();

/**
 * Whether a holder is a process of this host that no longer runs (killed, or
 * crashed): its lease need not be waited out. A holder of another host, or a
 * process id now in use, counts as alive until its lease expires.
 */
export function deadOnThisHost(holder: string | null): boolean {
  const m = holder === null ? null : /^(.*):(\d+):[0-9a-f]+$/.exec(holder);
  if (!m || m[1] !== hostname()) return false;
  try {
    process.kill(Number(m[2]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Why a claim was refused, for the log and the report. */
function skipReason(held: SyncLeaseHolder, now: number): string {
  const since = new Date(held.claimedAt).toISOString();
  if (held.holder !== null && held.expiresAt > now) return `being synced by ${held.holder} since ${since}`;
  return `already synced for ${held.slot === null ? "this time" : new Date(held.slot).toISOString()}`;
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
 * recorded in sync_runs with its summary. Each source is claimed first
 * (sync_leases), so two workers, on one machine or several, never sync the
 * same source at once nor twice for the same scheduled time: a source another
 * worker holds is skipped and named in `skipped`. Collectors store idempotently and
 * move their cursors only after storing, so an interrupted sync re-run ends
 * with the same data as an uninterrupted one.
 */
export async function syncWorkspace(ctx: SyncContext, config: WorkspaceConfig): Promise<WorkspaceSyncResult> {
  const startedAt = ctx.now();
  const workspace = await ensureWorkspace(ctx.db, config.slug, config.name ?? config.slug);
  const results: SourceSyncResult[] = [];
  const skipped: SkippedSource[] = [];
  for (let i = 0; i < config.sources.length; i++) {
    const source = config.sources[i]!;
    const name = sourceName(config, i);
    if (ctx.only && !ctx.only.includes(name)) continue;
    if (ctx.signal?.aborted) break;
    const started = ctx.now();
    const holder = ctx.holder ?? processHolder;
    const leaseMs = ctx.leaseMs ?? DEFAULT_LEASE_MS;
    const lease = { workspaceId: workspace.id, source: name, holder };
    const claim = { ...lease, now: started, leaseMs, slot: ctx.slot ?? null };
    let held = await claimSyncLease(ctx.db, claim);
    if (held && held.holder !== holder && held.expiresAt > started && deadOnThisHost(held.holder))
      held = await claimSyncLease(ctx.db, { ...claim, replacing: held.holder! });
    if (held) {
      skipped.push({ source: name, reason: skipReason(held, started) });
      continue;
    }
    // Renewed while the source syncs; a lease lost (expired and taken over) stops this run.
    const lost = new AbortController();
    const renewal = setInterval(
      () =>
        void renewSyncLease(ctx.db, { ...lease, now: ctx.now(), leaseMs })
          .then((still) => {
            if (!still) lost.abort(new Error(`the lease of ${name} expired and another worker took it over`));
          })
          .catch(() => {}),
      leaseMs / 5,
    );
    renewal.unref();
    let clean: SourceSyncResult;
    try {
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, lost.signal]) : lost.signal;
      // The run starts once the source is ours: a run another worker ended while this one waited for its claim
      // ended before this one started.
      const began = ctx.now();
      const runId = await startSyncRun(ctx.db, workspace.id, name, began);
      let result: CollectorResult;
      try {
        result = await runCollector(
          {
            db: ctx.db,
            workspace: config.slug,
            now: ctx.now,
            signal,
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
        durationMs: finished - began,
      };
      // Stored and printed: no failure or warning may carry a key an upstream echoed.
      clean = redactDeep(outcome, knownSecrets(secretEnvNames(source)));
      // A scheduled run says which tick it was for: two workers never store two runs of one source for one slot.
      const slot = ctx.slot === undefined ? {} : { slot: new Date(ctx.slot).toISOString() };
      await finishSyncRun(ctx.db, runId, result.status, { ...clean, ...slot }, finished);
    } finally {
      clearInterval(renewal);
      await releaseSyncLease(ctx.db, { ...lease, now: ctx.now() });
    }
    results.push(clean);
  }
  return {
    workspace: config.slug,
    status: overallStatus(results.map((r) => r.status)),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(ctx.now()).toISOString(),
    sources: results,
    ...(skipped.length ? { skipped } : {}),
  };
}
