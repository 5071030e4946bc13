import { Cron } from "croner";
import type { AltimeterConfig, WorkspaceConfig } from "@/collectors/config";
import { syncWorkspace, workerId, type WorkspaceSyncResult } from "@/collectors/sync";
import { refreshingSnapshot } from "./metrics";
import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { startDigestSchedules, type DigestScheduleOptions, type DigestSchedules } from "./digest-schedule";

/** What the worker needs: the store, the config, where its log lines go and when to stop. */
export interface WorkerOptions {
  db: Db;
  config: AltimeterConfig;
  log: (line: string) => void;
  /** Aborting it stops the schedules, interrupts running syncs and resolves `stopped`. */
  signal: AbortSignal;
  /** Stop after this many syncs have finished (for tests and one-off runs). */
  maxRuns?: number;
  now?: () => number;
  /** Who this worker is in sync leases (default: host, process id and a random part). */
  workerId?: string;
  /** How long a source's sync lease holds without renewal (collectors/sync.ts DEFAULT_LEASE_MS). */
  leaseMs?: number;
  /** The weekly digests' environment (SMTP, Slack webhook), retry policy and limits; defaults for production. */
  digests?: Pick<DigestScheduleOptions, "env" | "retry" | "limits" | "sweepEveryMs" | "workerId">;
}

/** A running worker. */
export interface Worker {
  /** When each scheduled workspace syncs next. */
  schedules: { workspace: string; cron: string; timeZone: string; nextRun: Date | null }[];
  /** When each workspace's weekly digest goes out next (lib/service/digest-schedule.ts). */
  digests: DigestSchedules["schedules"];
  /** Resolves once every schedule is stopped and no sync is running. */
  stopped: Promise<void>;
}

/** One log line per finished sync: when, which workspace, how it went and each source in brief. */
export function describeRun(result: WorkspaceSyncResult, durationMs: number): string {
  const sources = result.sources.map((s) => {
    const records = Object.values(s.records).reduce((a, n) => a + (n ?? 0), 0);
    return `${s.source} ${s.status} (${records} records${s.failures.length ? `, ${s.failures.length} failure${s.failures.length === 1 ? "" : "s"}` : ""})`;
  });
  const skipped = (result.skipped ?? []).map((s) => `${s.source} skipped (${s.reason})`);
  if (sources.length === 0 && skipped.length > 0)
    return `${result.finishedAt} ${result.workspace}: sync skipped: ${skipped.join(", ")}`;
  const all = [...sources, ...skipped];
  return `${result.finishedAt} ${result.workspace}: sync ${result.status} in ${(durationMs / 1000).toFixed(1)} s${all.length ? `: ${all.join(", ")}` : ", no sources"}`;
}

/**
 * The scheduled time of the tick under way: the latest time the pattern names
 * at or before now (croner fires a little after it), the same on every worker.
 */
function scheduledTime(job: Cron): number {
  const fired = Date.now();
  return job.previousRuns(1, new Date(fired + 1))[0]?.getTime() ?? fired;
}

/**
 * Runs each workspace's sync on its cron schedule (in its time zone) with
 * croner. A workspace never syncs twice at once: a tick that comes while its
 * previous sync still runs is skipped and logged. Workers on other machines
 * sharing the store are kept apart by each source's lease (sync_leases): a
 * source another worker is syncing, or already synced for the same scheduled
 * time, is skipped; a dead worker's lease is taken over once it expires. Stopping aborts running
 * syncs; they leave their cursors where the stored data ends. Workspaces with
 * a `digest` block also get their weekly digest (digest-schedule.ts).
 */
export function startWorker(options: WorkerOptions): Worker {
  const now = options.now ?? Date.now;
  const scheduled = options.config.workspaces.filter(
    (w): w is WorkspaceConfig & { schedule: NonNullable<WorkspaceConfig["schedule"]> } => w.schedule !== undefined,
  );
  const withDigest = options.config.workspaces.filter((w) => w.digest !== undefined);
  if (scheduled.length === 0 && withDigest.length === 0) {
    throw new ValidationError(
      'no workspace in the config has a schedule or a digest (add "schedule": { "cron": "0 * * * *" } to one; see collectors/CONFIG.md)',
    );
  }
  const running = new Map<string, Promise<void>>();
  const jobs: Cron[] = [];
  let finishedRuns = 0;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping = false;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const job of jobs) job.stop();
    await Promise.allSettled([...running.values(), digests?.stop()]);
    resolveStopped();
  };

  const holder = options.workerId ?? workerId();
  const tick = (workspace: WorkspaceConfig, slot: number) => {
    if (stopping) return;
    if (running.has(workspace.slug)) {
      options.log(`${new Date(now()).toISOString()} ${workspace.slug}: skipped, the previous sync is still running`);
      return;
    }
    const started = now();
    const run = refreshingSnapshot(options.db, workspace.slug, () =>
      syncWorkspace(
        { db: options.db, now, progress: () => {}, signal: options.signal, slot, holder, leaseMs: options.leaseMs },
        workspace,
      ),
    )
      .then((result) => options.log(describeRun(result, now() - started)))
      .catch((error: unknown) =>
        options.log(`${new Date(now()).toISOString()} ${workspace.slug}: sync failed: ${(error as Error).message}`),
      )
      .finally(() => {
        running.delete(workspace.slug);
        finishedRuns++;
        if (options.maxRuns !== undefined && finishedRuns >= options.maxRuns) void stop();
      });
    running.set(workspace.slug, run);
  };

  for (const w of scheduled)
    jobs.push(new Cron(w.schedule.cron, { timezone: w.schedule.timeZone }, (job) => tick(w, scheduledTime(job))));
  const digests = withDigest.length
    ? startDigestSchedules({ ...options.digests, db: options.db, config: options.config, log: options.log, now })
    : null;
  options.signal.addEventListener("abort", () => void stop(), { once: true });
  if (options.signal.aborted) void stop();
  return {
    schedules: scheduled.map((w, i) => ({
      workspace: w.slug,
      cron: w.schedule.cron,
      timeZone: w.schedule.timeZone,
      nextRun: jobs[i]!.nextRun(),
    })),
    digests: digests?.schedules ?? [],
    stopped,
  };
}
