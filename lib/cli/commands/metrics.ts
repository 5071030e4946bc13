import { ValidationError } from "@/lib/errors";
import { getMetricsReport, getWeeklySeries } from "@/lib/service/metrics";
import { optional, required, type Command } from "../command";
import { metricsTable, withheldNotes } from "../format";

export const metricsCommand: Command = {
  name: "metrics",
  summary: "Compute the eight metrics for a window (coverage, DORA tiers, platform targets)",
  usage: "altimeter metrics --workspace SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--team ID] [--json] [--series week]",
  help: `
The window is [from, to): two UTC midnights. Definitions: lib/metrics/DEFINITIONS.md.
Deployment frequency, lead time, change failure rate, time to restore, onboarding,
time to first deploy, deployment rework rate (DORA 2024) and failed deployment
recovery time (DORA 2023). "coverage" says which sources (deployments, incidents,
pull requests, commits) hold data before --to; a tier or target whose source does
not is null ("no data"), never elite, met or missed.

  --workspace SLUG  the workspace (required)
  --from DATE       first day of the window, YYYY-MM-DD (required)
  --to DATE         the day after the window, YYYY-MM-DD (required, after --from)
  --team ID         count only this team's repositories, incidents and people
  --json            the JSON of spec/cli.md
  --series week     one result per full 7-day week of the window, oldest first`,
  options: {
    workspace: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    team: { type: "string" },
    json: { type: "boolean" },
    series: { type: "string" },
  },
  async run(ctx) {
    const query = {
      workspace: required(ctx, "workspace"),
      from: required(ctx, "from"),
      to: required(ctx, "to"),
      team: optional(ctx, "team"),
    };
    const series = optional(ctx, "series");
    if (series !== null && series !== "week")
      throw new ValidationError(`--series ${JSON.stringify(series)}: only "week" is supported`);
    if (series) {
      const result = await getWeeklySeries(await ctx.db(), query);
      if (ctx.values.json) ctx.out(JSON.stringify(result, null, 2));
      else
        for (const week of result.series)
          ctx.out(`\n${week.from} – ${week.to}\n${metricsTable(week)}${withheldNotes(week.withheld)}`);
      return 0;
    }
    const report = await getMetricsReport(await ctx.db(), query);
    if (ctx.values.json) ctx.out(JSON.stringify(report, null, 2));
    else
      ctx.out(
        `${report.workspace}${report.team ? ` / ${report.team}` : ""}, ${report.from} to ${report.to} (exclusive)\n\n${metricsTable(report)}${withheldNotes(report.withheld)}`,
      );
    return 0;
  },
};
