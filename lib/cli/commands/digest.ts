import path from "node:path";
import {
  DIGEST_CHANNELS,
  findConfigFile,
  loadConfig,
  type DigestChannel,
  type WorkspaceConfig,
} from "@/collectors/config";
import { ValidationError } from "@/lib/errors";
import { deliverDigest, getDigest, type DigestTarget } from "@/lib/service/digest";
import { digestTarget } from "@/lib/service/digest-schedule";
import { optional, required, type Command } from "../command";

/** The workspace's block of the config file, when there is a config file and it names the workspace. */
function configured(
  explicit: string | null,
  slug: string,
): { workspace: WorkspaceConfig | null; publicUrl: string | null; chromium: string | null } {
  if (!explicit && !findConfigFile(null)) return { workspace: null, publicUrl: null, chromium: null };
  const { config } = loadConfig(explicit);
  return {
    workspace: config.workspaces.find((w) => w.slug === slug) ?? null,
    publicUrl: config.publicUrl ?? null,
    chromium: config.report?.chromium ?? null,
  };
}

function target(
  channel: DigestChannel,
  slug: string,
  week: string,
  w: WorkspaceConfig | null,
  flags: { out: string | null; recipients: string[]; attachPdf: boolean },
): DigestTarget {
  const fromConfig = w?.digest ? digestTarget({ ...w, digest: w.digest }, channel, week) : null;
  if (channel === "file")
    return {
      channel,
      path: flags.out ?? (fromConfig?.channel === "file" ? fromConfig.path : path.resolve(`${slug}-${week}.md`)),
    };
  if (channel === "slack")
    return fromConfig?.channel === "slack" ? fromConfig : { channel, webhookUrlEnv: "ALTIMETER_SLACK_WEBHOOK_URL" };
  const email = fromConfig?.channel === "email" ? fromConfig : { channel, to: [], from: null, attachPdf: false };
  return {
    ...email,
    to: flags.recipients.length ? flags.recipients : email.to,
    attachPdf: flags.attachPdf || email.attachPdf,
  };
}

export const digestCommand: Command = {
  name: "digest",
  summary: "Build the weekly digest of a workspace and send it by email or Slack, or write it as Markdown",
  usage: "altimeter digest --workspace SLUG [--week YYYY-Www] --to email|slack|file [--out FILE.md] [--dry-run]",
  help: `
The week (default: the last complete ISO week) against the four weeks before:
each metric's value and change, tier changes, the teams that improved or
regressed most, failed deployments and incidents, maturity levels reached and
newcomers' first merged pull requests. Every number links to its drill-down
in the dashboard (ALTIMETER_PUBLIC_URL, the config's publicUrl, else
http://localhost:3000).

Email goes over SMTP from the environment (ALTIMETER_SMTP_URL, or SMTP_HOST,
SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM) to the config's
digest.email.to; Slack to the incoming webhook in ALTIMETER_SLACK_WEBHOOK_URL
(or the variable digest.slack.webhookUrlEnv names). A send is recorded per
workspace, week and channel: a week already sent is not sent again (--force
resends), and a failed send is retried, then recorded with its error.

  --workspace SLUG      the workspace
  --week YYYY-Www       the ISO week, e.g. 2026-W47 (default: last week)
  --to CHANNEL          email, slack or file
  --out FILE.md         with --to file: where to write (default: the config's digest.file.dir, else ./SLUG-WEEK.md)
  --recipient ADDRESS   with --to email: send to this address instead of the config's (repeatable)
  --attach-pdf          with --to email: attach the PDF report of the 13 weeks ending with the week
  --url URL             with --attach-pdf: print the report from this running app
  --dry-run             print what would be sent; send and record nothing
  --force               send again a week already sent on this channel
  --config PATH         the config file (default: $ALTIMETER_CONFIG or ./altimeter.config.json if present)`,
  options: {
    workspace: { type: "string" },
    week: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    recipient: { type: "string", multiple: true },
    "attach-pdf": { type: "boolean" },
    url: { type: "string" },
    "dry-run": { type: "boolean" },
    force: { type: "boolean" },
    config: { type: "string" },
  },
  async run(ctx) {
    const slug = required(ctx, "workspace");
    const channel = required(ctx, "to");
    if (!(DIGEST_CHANNELS as readonly string[]).includes(channel))
      throw new ValidationError(`--to must be one of ${DIGEST_CHANNELS.join(", ")}, got ${JSON.stringify(channel)}`);
    const out = optional(ctx, "out");
    if (out !== null && channel !== "file") throw new ValidationError("--out goes with --to file");
    const config = configured(optional(ctx, "config"), slug);
    const digest = await getDigest(await ctx.db(), {
      workspace: slug,
      week: optional(ctx, "week"),
      publicUrl: config.publicUrl,
    });
    const week = digest.model.week;
    const recipients = (ctx.values.recipient as string[] | undefined) ?? [];
    const to = target(channel as DigestChannel, slug, week, config.workspace, {
      out,
      recipients,
      attachPdf: Boolean(ctx.values["attach-pdf"]),
    });

    if (ctx.values["dry-run"]) {
      if (to.channel === "file") ctx.out(`would write ${to.path}:\n\n${digest.markdown}`);
      else if (to.channel === "slack")
        ctx.out(`would post to the webhook in ${to.webhookUrlEnv}:\n\n${JSON.stringify(digest.slack, null, 2)}`);
      else
        ctx.out(
          `would mail ${to.to.join(", ") || "(no recipients: set digest.email.to or --recipient)"}${to.attachPdf ? " with the PDF report attached" : ""}\nSubject: ${digest.subject}\n\n${digest.text}`,
        );
      return 0;
    }
    const outcome = await deliverDigest(await ctx.db(), digest, {
      target: to,
      // Writing a file again is harmless and asked for; mail and chat go out once unless forced.
      force: Boolean(ctx.values.force) || to.channel === "file",
      // Run by hand: a failed week may be retried at once, and a claim older than a minute counts as abandoned.
      limits: { maxAttempts: Number.MAX_SAFE_INTEGER, retryAfterMs: 0, staleAfterMs: 60_000 },
      reportUrl: optional(ctx, "url"),
      chromium: config.chromium,
      say: ctx.err,
    });
    const where =
      to.channel === "file"
        ? to.path
        : to.channel === "email"
          ? to.to.join(", ")
          : `the webhook in ${to.webhookUrlEnv}`;
    if (outcome.status === "sent")
      ctx.out(
        `digest ${week} of ${slug}: ${to.channel === "file" ? "written to" : "sent to"} ${where}${outcome.row && outcome.row.attempts > 1 ? ` (after ${outcome.row.attempts} attempts)` : ""}`,
      );
    else if (outcome.status === "skipped")
      ctx.out(`digest ${week} of ${slug} ${to.channel}: not sent, ${outcome.reason} (--force to send again)`);
    else ctx.err(`digest ${week} of ${slug} ${to.channel} failed (recorded): ${outcome.reason}`);
    return outcome.status === "failed" ? 1 : 0;
  },
};
