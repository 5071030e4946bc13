import path from "node:path";
import { findConfigFile, loadConfig } from "@/collectors/config";
import { readEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { writeReportFile } from "@/lib/service/report-pdf";
import { optional, required, type Command } from "../command";

/** The config file's report settings, when there is a config file. */
function reportConfig(explicit: string | null): { chromium?: string; preparedBy?: string } {
  if (!explicit && !findConfigFile(null)) return {};
  return loadConfig(explicit).config.report ?? {};
}

export const reportCommand: Command = {
  name: "report",
  summary: "Write the client-ready PDF report of a workspace (or team) for a window",
  usage: "altimeter report --workspace SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--team ID] --out FILE.pdf",
  help: `
Prints the app's print-designed report page (/w/SLUG/report) to an A4 PDF in
headless Chromium: cover, executive summary, the eight metrics with DORA tiers
and targets, weekly trends, team comparison, maturity levels with evidence,
the recommendation with a roadmap, and an appendix with the metric
definitions and the data's coverage. Needs no running server: it starts the
app's production build on a loopback port (building it first when there is
none) and stops it afterwards. The file is written whole or not at all; exit
status 0 only when it is complete.

  --workspace SLUG     the workspace (the client)
  --from YYYY-MM-DD    first day of the window (UTC)
  --to YYYY-MM-DD      the day after the window (exclusive)
  --team ID            one team's report instead of the whole workspace
  --out FILE.pdf       where to write the PDF
  --prepared-by NAME   the name on the cover (default: the config's report.preparedBy); not with --url,
                       where the running app's own setting (ALTIMETER_REPORT_PREPARED_BY or report.preparedBy) is printed
  --url URL            print from this running app instead (default: $ALTIMETER_PUBLIC_URL when it answers)
  --chromium PATH      the Chromium or Chrome to print with (default: $ALTIMETER_CHROMIUM, the config's report.chromium, else found on this machine)
  --config PATH        the config file for report.preparedBy and report.chromium (default: $ALTIMETER_CONFIG or ./altimeter.config.json if present)`,
  options: {
    workspace: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    team: { type: "string" },
    out: { type: "string" },
    "prepared-by": { type: "string" },
    url: { type: "string" },
    chromium: { type: "string" },
    config: { type: "string" },
  },
  async run(ctx) {
    const workspace = required(ctx, "workspace"),
      from = required(ctx, "from"),
      to = required(ctx, "to");
    const out = required(ctx, "out");
    if (!/\.pdf$/i.test(out)) throw new ValidationError(`--out must name a .pdf file, got ${JSON.stringify(out)}`);
    const config = reportConfig(optional(ctx, "config"));
    const result = await writeReportFile(
      await ctx.db(),
      {
        workspace,
        from,
        to,
        team: optional(ctx, "team"),
        preparedBy: optional(ctx, "prepared-by") ?? config.preparedBy ?? null,
      },
      // --chromium, then ALTIMETER_CHROMIUM (findChromium reads it), then the config's.
      {
        out,
        url: optional(ctx, "url"),
        chromium: optional(ctx, "chromium") ?? (readEnv().ALTIMETER_CHROMIUM ? null : (config.chromium ?? null)),
        dbFile: optional(ctx, "db"),
        say: ctx.err,
      },
    );
    const pages = result.pages === null ? "" : `${result.pages} pages, `;
    ctx.out(
      `wrote ${path.relative(process.cwd(), path.resolve(result.file)) || result.file} (${pages}${(result.bytes / 1024).toFixed(0)} KB) in ${(result.timings.totalMs / 1000).toFixed(1)} s`,
    );
    return 0;
  },
};
