import path from "node:path";
import { Cron } from "croner";
import type { AltimeterConfig, DigestChannel, DigestConfig, WorkspaceConfig } from "@/collectors/config";
import type { Db } from "@/db/client";
import { parseIsoWeek, previousIsoWeek, type IsoWeek } from "@/lib/digest/week";
import { readEnv } from "@/lib/env";
import { listRetryableDigestSends } from "@/lib/queries/digest-sends";
import { findWorkspace } from "@/lib/queries/workspaces";
import {
  deliverDigest,
  getDigest,
  senderId,
  WORKER_LIMITS,
  type DeliveryLimits,
  type DigestTarget,
  type RetryPolicy,
} from "./digest";
import { WEEK_MS } from "@/lib/time";

/** What the digest schedules need: the store, the config, a log and a clock. */
export interface DigestScheduleOptions {
  db: Db;
  config: AltimeterConfig;
  log: (line: string) => void;
  now: () => number;
  env?: Record<string, string | undefined>;
  retry?: RetryPolicy;
  limits?: DeliveryLimits;
  /** How often failed digests are looked at for a retry (default 5 minutes). */
  sweepEveryMs?: number;
  /** Recorded as claimedBy. */
  workerId?: string;
}

/** Running digest schedules. */
export interface DigestSchedules {
  schedules: { workspace: string; cron: string; timeZone: string; channels: DigestChannel[]; nextRun: Date | null }[];
  /** Stops the schedules and the retry sweep, and waits for deliveries under way. */
  stop: () => Promise<void>;
}

type Digested = WorkspaceConfig & { digest: DigestConfig };

/** Where a configured channel delivers the week's digest. */
export function digestTarget(w: Digested, channel: DigestChannel, week: string, cwd = process.cwd()): DigestTarget {
  const d = w.digest;
  if (channel === "email")
    return { channel, to: d.email?.to ?? [], from: d.email?.from ?? null, attachPdf: d.email?.attachPdf ?? false };
  if (channel === "slack") return { channel, webhookUrlEnv: d.slack?.webhookUrlEnv ?? "ALTIMETER_SLACK_WEBHOOK_URL" };
  return { channel, path: path.join(d.file?.dir ?? path.resolve(cwd, "digests"), `${w.slug}-${week}.md`) };
}

/**
 * Sends each workspace's weekly digest on its cron schedule (croner, in its
 * time zone; default Monday 08:00): the last complete ISO week, to each
 * configured channel, each claimed in digest_sends first so a restart or a
 * second worker never sends a week twice. On start, a digest whose latest
 * scheduled time passed less than a week ago and that was never sent goes out
 * (a worker that was down on Monday morning catches up). Failed sends are
 * retried by a sweep, bounded by the delivery limits.
 */
export function startDigestSchedules(o: DigestScheduleOptions): DigestSchedules {
  const env = o.env ?? process.env;
  const by = o.workerId ?? senderId();
  const limits = o.limits ?? WORKER_LIMITS;
  const workspaces = o.config.workspaces.filter((w): w is Digested => w.digest !== undefined);
  const publicUrl = readEnv(env as NodeJS.ProcessEnv).ALTIMETER_PUBLIC_URL || o.config.publicUrl || null;
  const running = new Map<string, Promise<void>>();
  let stopping = false;

  const deliver = async (w: Digested, week: IsoWeek, channels: readonly DigestChannel[]) => {
    const ws = await findWorkspace(o.db, w.slug);
    if (!ws)
      return o.log(
        `${new Date(o.now()).toISOString()} ${w.slug}: digest ${week.label} skipped, the workspace holds no data yet`,
      );
    const digest = await getDigest(o.db, { workspace: w.slug, week: week.label, now: o.now(), publicUrl });
    for (const channel of channels) {
      if (stopping) return;
      const outcome = await deliverDigest(o.db, digest, {
        target: digestTarget(w, channel, week.label),
        env,
        by,
        now: o.now,
        retry: o.retry,
        limits,
        reportUrl: publicUrl,
        chromium: o.config.report?.chromium,
        say: () => {},
      });
      const row = outcome.row;
      const detail =
        outcome.status === "sent"
          ? `sent${row && row.attempts > 1 ? ` after ${row.attempts} attempts` : ""}`
          : `${outcome.status}: ${outcome.reason}`;
      o.log(`${new Date(o.now()).toISOString()} ${w.slug}: digest ${week.label} ${channel} ${detail}`);
    }
  };

  /** One delivery run per workspace at a time; a tick while one runs is skipped (the claim would refuse it anyway). */
  const run = (w: Digested, week: IsoWeek, channels: readonly DigestChannel[] = w.digest.channels) => {
    if (stopping || running.has(w.slug)) return;
    const job = deliver(w, week, channels)
      .catch((error: unknown) =>
        o.log(`${new Date(o.now()).toISOString()} ${w.slug}: digest ${week.label} failed: ${(error as Error).message}`),
      )
      .finally(() => running.delete(w.slug));
    running.set(w.slug, job);
  };

  const jobs = workspaces.map(
    (w) => new Cron(w.digest.cron, { timezone: w.digest.timeZone }, () => run(w, previousIsoWeek(o.now()))),
  );
  workspaces.forEach((w, i) => {
    const last = jobs[i]!.previousRuns(1, new Date(o.now()))[0];
    if (last && o.now() - last.getTime() < WEEK_MS) run(w, previousIsoWeek(last.getTime()));
  });

  const sweep = setInterval(
    () => {
      for (const w of workspaces) {
        void (async () => {
          const ws = await findWorkspace(o.db, w.slug);
          if (!ws) return;
          for (const row of await listRetryableDigestSends(o.db, ws.id, limits.maxAttempts)) {
            if (
              w.digest.channels.includes(row.channel as DigestChannel) &&
              o.now() - (row.claimedAt ?? 0) >= limits.retryAfterMs
            )
              run(w, parseIsoWeek(row.week), [row.channel as DigestChannel]);
          }
        })().catch((error: unknown) => o.log(`${w.slug}: digest retry sweep failed: ${(error as Error).message}`));
      }
    },
    o.sweepEveryMs ?? 5 * 60_000,
  );

  return {
    schedules: workspaces.map((w, i) => ({
      workspace: w.slug,
      cron: w.digest.cron,
      timeZone: w.digest.timeZone,
      channels: w.digest.channels,
      nextRun: jobs[i]!.nextRun(),
    })),
    async stop() {
      stopping = true;
      clearInterval(sweep);
      for (const job of jobs) job.stop();
      await Promise.allSettled([...running.values()]);
    },
  };
}
