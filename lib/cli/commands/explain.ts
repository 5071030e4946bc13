import { METRIC_NAMES, type MetricName } from "@/lib/metrics";
import { ValidationError } from "@/lib/errors";
import { drillDownCsv } from "@/lib/service/drilldown";
import { getDrillDownTable } from "@/lib/service/metrics";
import { optional, required, type Command } from "../command";
import { table } from "../format";

export const explainCommand: Command = {
  name: "explain",
  summary: "List the records behind a metric (the drill-down)",
  usage:
    "altimeter explain --metric NAME --workspace SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--team ID] [--json | --csv]",
  help: `
NAME is one of ${METRIC_NAMES.join(", ")}.
For changeFailureRate each deployment says whether it failed and why: its status,
or which incident by which attribution rule. For reworkRate each deployment says
which rule made it rework (an incident's fixDeploymentId, a pull request's title
or label, or the inferred fix of an incident); for failedDeploymentRecovery each
failed deployment says when and by what it recovered. leadTime also lists the
merged pull requests no deployment ships. Below the table, "Left out" states what
the number leaves out and why (pull requests no deployment contains, negative
lead times, unknown coding time, unattributed incidents).

  --json  the rows as JSON objects
  --csv   the rows as CSV`,
  options: {
    metric: { type: "string" },
    workspace: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    team: { type: "string" },
    json: { type: "boolean" },
    csv: { type: "boolean" },
  },
  async run(ctx) {
    const metric = required(ctx, "metric");
    if (!(METRIC_NAMES as readonly string[]).includes(metric))
      throw new ValidationError(`--metric ${JSON.stringify(metric)} is not one of ${METRIC_NAMES.join(", ")}`);
    const query = {
      workspace: required(ctx, "workspace"),
      from: required(ctx, "from"),
      to: required(ctx, "to"),
      team: optional(ctx, "team"),
    };
    const { table: t } = await getDrillDownTable(await ctx.db(), query, metric as MetricName);
    if (ctx.values.json)
      ctx.out(
        JSON.stringify(
          t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]]))),
          null,
          2,
        ),
      );
    else if (ctx.values.csv) process.stdout.write(drillDownCsv(t));
    else {
      const leftOut = t.leftOut.length > 0 ? `\n\nLeft out:\n${t.leftOut.map((n) => `- ${n}`).join("\n")}` : "";
      if (t.rows.length === 0) ctx.out(`No records behind ${metric} in this window.${leftOut}`);
      else {
        const cell = (v: string | number | boolean | null) =>
          v === null ? "—" : typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v);
        const body = table([t.columns, ...t.rows.map((r) => r.map(cell))]);
        ctx.out(`${body}\n\n${t.rows.length} records${leftOut}`);
      }
    }
    // Partial data is said plainly, on stderr when stdout carries JSON or CSV.
    for (const note of t.notes ?? []) (ctx.values.json || ctx.values.csv ? ctx.err : ctx.out)(`note: ${note}`);
    return 0;
  },
};
