import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { buildDigestModel } from "./digest-model";
import { sendMail } from "@/lib/digest/email";
import { renderHtml } from "@/lib/digest/html";
import { DEFAULT_PUBLIC_URL } from "@/lib/digest/links";
import { renderMarkdown } from "@/lib/digest/markdown";
import type { DigestModel } from "@/lib/digest/model";
import { redact } from "@/lib/redact";
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from "@/lib/digest/retry";
import { renderSlack } from "@/lib/digest/slack";
import { postToSlack, slackWebhookUrl } from "@/lib/digest/slack-webhook";
import { smtpSettings } from "@/lib/digest/smtp";
import { renderText } from "@/lib/digest/text";
import { parseIsoWeek, previousIsoWeek } from "@/lib/digest/week";
import { digestSubject } from "@/lib/digest/words";
import { readEnv } from "@/lib/env";
import { AltimeterError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/metrics/window";
import { databaseFile } from "@/lib/queries/coverage";
import {
  claimDigestSend,
  getDigestSend,
  markDigestSent,
  recordDigestFailure,
  type ClaimResult,
  type DigestSend,
} from "@/lib/queries/digest-sends";
import { getWorkspace } from "@/lib/queries/workspaces";
import { reportFileName } from "@/lib/report/paths";
import { printReportWithApp } from "./report-pdf";
import { DAY_MS } from "@/lib/time";

export type { DigestModel, RetryPolicy };

/** A digest as people ask for it: a workspace and an ISO week (default: the last complete one). */
export interface DigestRequest {
  workspace: string;
  week?: string | null;
  now?: number;
  /** Where the dashboard is for links; default ALTIMETER_PUBLIC_URL, else http://localhost:3000. */
  publicUrl?: string | null;
}

/** A digest in every form a channel takes. */
export interface RenderedDigest {
  model: DigestModel;
  subject: string;
  markdown: string;
  text: string;
  html: string;
  slack: ReturnType<typeof renderSlack>;
}

/** The dashboard address for links: the given one, ALTIMETER_PUBLIC_URL, or the default. */
export function publicUrlOf(given?: string | null, env: Record<string, string | undefined> = process.env): string {
  const url = given || readEnv(env as NodeJS.ProcessEnv).ALTIMETER_PUBLIC_URL || DEFAULT_PUBLIC_URL;
  if (!/^https?:\/\/[^/]+/.test(url))
    throw new ValidationError(
      `the public URL of the dashboard must be an http(s) address, got ${JSON.stringify(url)} (ALTIMETER_PUBLIC_URL or the config's publicUrl)`,
    );
  return url.replace(/\/+$/, "");
}

/** Builds and renders the weekly digest of a workspace. */
export async function getDigest(db: Db, r: DigestRequest): Promise<RenderedDigest> {
  const now = r.now ?? Date.now();
  const week = r.week ? parseIsoWeek(r.week) : previousIsoWeek(now);
  const model = await buildDigestModel(db, { workspace: r.workspace, week, publicUrl: publicUrlOf(r.publicUrl), now });
  return {
    model,
    subject: digestSubject(model),
    markdown: renderMarkdown(model),
    text: renderText(model),
    html: renderHtml(model),
    slack: renderSlack(model),
  };
}

/** Where one digest goes. */
export type DigestTarget =
  | { channel: "email"; to: string[]; from?: string | null; attachPdf?: boolean }
  | { channel: "slack"; webhookUrlEnv: string }
  | { channel: "file"; path: string };

/** When a digest row may be claimed again: bounded retries with a pause between rounds, and a takeover of a dead sender's claim. */
export interface DeliveryLimits {
  maxAttempts: number;
  retryAfterMs: number;
  staleAfterMs: number;
}

/** The worker's limits: three rounds of attempts, 15 minutes apart; a claim older than 10 minutes belongs to a dead process. */
export const WORKER_LIMITS: DeliveryLimits = { maxAttempts: 9, retryAfterMs: 15 * 60_000, staleAfterMs: 10 * 60_000 };

/** How to deliver. */
export interface DeliveryOptions {
  target: DigestTarget;
  env?: Record<string, string | undefined>;
  /** Who sends, as recorded in claimedBy. */
  by?: string;
  now?: () => number;
  retry?: RetryPolicy;
  limits?: DeliveryLimits;
  /** Send even when this week already went out on this channel. */
  force?: boolean;
  /** For `attachPdf`: how to reach the app that prints the report (default: ALTIMETER_PUBLIC_URL when it answers, else a started server). */
  reportUrl?: string | null;
  /** For `attachPdf`: the browser that prints (default: found by lib/report/chromium.ts). */
  chromium?: string | null;
  say?: (line: string) => void;
  signal?: AbortSignal;
}

/** What a delivery did: `sent`, `skipped` (already sent, or being sent elsewhere) or `failed` (recorded with its error). */
export interface DeliveryOutcome {
  status: "sent" | "skipped" | "failed";
  channel: DigestTarget["channel"];
  /** Why it was skipped, or the last error. */
  reason: string | null;
  row: DigestSend | null;
  claim: ClaimResult["how"];
}

/** An id for claimedBy: host, process, and a random part (two workers in one process differ). */
export function senderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

function skipReason(row: DigestSend): string {
  const when = (ms: number | null) => (ms === null ? "?" : new Date(ms).toISOString());
  if (row.status === "sent") return `already sent at ${when(row.sentAt)} by ${row.claimedBy}`;
  if (row.status === "sending") return `being sent by ${row.claimedBy} since ${when(row.claimedAt)}`;
  return `failed ${row.attempts} times (last: ${row.lastError ?? "?"}); not retried yet`;
}

function message(error: unknown, secrets: string[]): string {
  return redact(error instanceof AltimeterError || error instanceof Error ? error.message : String(error), secrets);
}

async function reportAttachment(db: Db, d: DigestModel, o: DeliveryOptions) {
  // The dashboard's default window, 13 weeks, ending with the digest's week.
  const to = Date.parse(`${d.to}T00:00:00Z`);
  const q = { workspace: d.workspace.slug, from: formatDate(to - 91 * DAY_MS), to: d.to };
  const printed = await printReportWithApp(db, q, {
    url: o.reportUrl,
    chromium: o.chromium,
    dbFile: databaseFile(db),
    say: o.say ?? (() => {}),
  });
  return { filename: reportFileName(q), content: printed.pdf, contentType: "application/pdf" };
}

/** The function that delivers once to the target, prepared before the first attempt. */
async function sender(db: Db, d: RenderedDigest, o: DeliveryOptions, secrets: string[]): Promise<() => Promise<void>> {
  const env = o.env ?? process.env;
  const t = o.target;
  if (t.channel === "file") {
    return async () => {
      mkdirSync(path.dirname(path.resolve(t.path)), { recursive: true });
      const temp = `${t.path}.${process.pid}.tmp`;
      writeFileSync(temp, d.markdown);
      renameSync(temp, t.path);
    };
  }
  if (t.channel === "slack") {
    const url = slackWebhookUrl(t.webhookUrlEnv, env);
    secrets.push(url);
    return () => postToSlack(url, d.slack);
  }
  const smtp = smtpSettings(env);
  secrets.push(...smtp.secrets);
  const from = t.from || smtp.from;
  if (!from)
    throw new ValidationError(
      "the digest mail needs a From address: set SMTP_FROM, or digest.email.from in the config",
    );
  if (t.to.length === 0)
    throw new ValidationError(
      "the digest mail has no recipients: list them in the config's digest.email.to, or give --recipient",
    );
  const attachments = t.attachPdf ? [await reportAttachment(db, d.model, o)] : undefined;
  return async () =>
    void (await sendMail(smtp, { from, to: t.to, subject: d.subject, text: d.text, html: d.html, attachments }));
}

/**
 * Delivers a digest to one channel exactly once: the (workspace, week,
 * channel) row is claimed first, so a second worker, a restart or a re-run
 * finds it taken or sent; each failed attempt is recorded with its error
 * (secrets redacted), transient failures are retried with backoff, and the
 * row ends `sent` or `failed`, never lost.
 */
export async function deliverDigest(db: Db, d: RenderedDigest, o: DeliveryOptions): Promise<DeliveryOutcome> {
  const now = o.now ?? Date.now;
  const limits = o.limits ?? WORKER_LIMITS;
  const workspace = await getWorkspace(db, d.model.workspace.slug);
  const key = { workspaceId: workspace.id, week: d.model.week, channel: o.target.channel };
  const claim = await claimDigestSend(db, key, { by: o.by ?? senderId(), now: now(), ...limits, force: o.force });
  if (!claim.claimed)
    return { status: "skipped", channel: key.channel, reason: skipReason(claim.row), row: claim.row, claim: null };
  const secrets: string[] = [];
  let send: () => Promise<void>;
  try {
    send = await sender(db, d, o, secrets);
  } catch (error) {
    const row = await recordDigestFailure(db, key, message(error, secrets), true);
    return { status: "failed", channel: key.channel, reason: row.lastError, row, claim: claim.how };
  }
  try {
    await withRetries(
      send,
      o.retry ?? DEFAULT_RETRY,
      async (_attempt, error, retrying) =>
        void (await recordDigestFailure(db, key, message(error, secrets), !retrying)),
      o.signal,
    );
  } catch (error) {
    return {
      status: "failed",
      channel: key.channel,
      reason: message(error, secrets),
      row: await getDigestSend(db, key),
      claim: claim.how,
    };
  }
  const row = await markDigestSent(db, key, now());
  return { status: "sent", channel: key.channel, reason: null, row, claim: claim.how };
}
