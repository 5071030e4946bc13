import type { ProgressEvent } from "@/collectors/types";
import { runSync, type SyncReport } from "@/lib/service/sync";
import { optional, type Command } from "../command";
import { table } from "../format";
import { formatCount, terminalProgress } from "../progress";

/** `[#####-----] 50%` when the total is known, else a count. */
function bar(done: number, total?: number): string {
  if (!total) return formatCount(done);
  const filled = Math.round((20 * Math.min(done, total)) / total);
  return `[${"#".repeat(filled)}${"-".repeat(20 - filled)}] ${formatCount(done)}/${formatCount(total)}`;
}

/** One progress line: source, repository (or service), stream and how far. */
export function progressLine(e: ProgressEvent & { sourceName: string }): string {
  return `${[e.sourceName, e.scope, e.stream].filter(Boolean).join(" › ")} ${bar(e.done, e.total)}`;
}

/** The readable summary: one row per source, failures below it. */
export function describeReport(report: SyncReport): string {
  const lines: string[] = [];
  for (const w of report.workspaces) {
    const seconds = (Date.parse(w.finishedAt) - Date.parse(w.startedAt)) / 1000;
    lines.push(`${w.workspace}: sync ${w.status} in ${seconds.toFixed(1)} s`);
    if (w.sources.length === 0 && !w.skipped) lines.push("  (no sources configured)");
    const rows = w.sources.map((s) => {
      const records =
        Object.entries(s.records)
          .map(([t, n]) => `${formatCount(n ?? 0)} ${t}`)
          .join(", ") || "no records";
      const requests =
        s.requests !== undefined
          ? `${formatCount(s.requests)} requests${s.rateLimitPoints !== undefined ? `, ${formatCount(s.rateLimitPoints)} rate-limit points` : ""}`
          : "";
      return [`  ${s.source}`, s.status, records, requests];
    });
    if (rows.length) lines.push(table(rows));
    for (const s of w.sources) for (const f of s.failures) lines.push(`  ! ${s.source} ${f.scope}: ${f.message}`);
    for (const s of w.skipped ?? []) lines.push(`  - ${s.source} skipped: ${s.reason}`);
  }
  return lines.join("\n");
}

export const syncCommand: Command = {
  name: "sync",
  summary: "Run every configured source (GitHub, git, PagerDuty, Opsgenie) of the config file",
  usage: "altimeter sync [--workspace SLUG] [--source NAME]... [--config PATH] [--json]",
  help: `
Reads the config file (collectors/CONFIG.md) and collects each workspace's
sources in turn. Each source resumes where its last sync stopped; one failing
source (or repository) is reported and the others still run. Every run is
recorded. A source another process (a worker, on this machine or another
sharing the database) is syncing right now is skipped and named. Progress per source and repository is shown on a terminal.

  --workspace SLUG  only this workspace of the config
  --source NAME     only this source (its name, or its kind when unnamed); repeatable
  --config PATH     the config file (default: $ALTIMETER_CONFIG, else
                    ./altimeter.config.json, .yaml or .yml)
  --json            print {"config", "status", "workspaces": [{workspace, status,
                    sources: [{source, kind, status, records, failures, requests}],
                    skipped?: [{source, reason}]}]}

Exit status: 0 every source synced, 2 some failed (the rest were stored),
1 all failed or the config is invalid.`,
  options: {
    workspace: { type: "string" },
    source: { type: "string", multiple: true },
    config: { type: "string" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const progress = terminalProgress(ctx.interactive);
    const controller = new AbortController();
    const interrupt = () => controller.abort(new Error("interrupted"));
    process.once("SIGINT", interrupt);
    let report: SyncReport;
    try {
      report = await runSync(await ctx.db(), {
        configPath: optional(ctx, "config"),
        workspace: optional(ctx, "workspace"),
        sources: (ctx.values.source as string[] | undefined) ?? undefined,
        progress: (e) => progress.update(progressLine(e)),
        signal: controller.signal,
      });
    } finally {
      process.removeListener("SIGINT", interrupt);
      progress.done();
    }
    ctx.out(ctx.values.json ? JSON.stringify(report, null, 2) : describeReport(report));
    return report.status === "ok" ? 0 : report.status === "partial" ? 2 : 1;
  },
};
