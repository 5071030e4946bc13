import { createReadStream, statSync } from "node:fs";
import { importIncidentExport, type ExportFormat } from "@/collectors/incident-csv";
import type { IncidentTargets } from "@/collectors/config-fields";
import { ValidationError } from "@/lib/errors";
import { describeSummary } from "@/lib/import/summary";
import { optional, required, type Command } from "../command";

/** `KEY=repository:ID` or `KEY=team:ID`, repeatable; the same KEY twice can set both. */
export function parseServiceMap(entries: string[]): IncidentTargets {
  const map: IncidentTargets = {};
  for (const entry of entries) {
    const m = /^(.+)=(repository|team):(.+)$/.exec(entry);
    if (!m)
      throw new ValidationError(`--map ${JSON.stringify(entry)}: expected SERVICE=repository:ID or SERVICE=team:ID`);
    const [, key, kind, id] = m;
    map[key!] ??= {};
    const target = map[key!]!;
    if (kind === "repository") target.repository = id;
    else target.team = id;
  }
  return map;
}

export const importIncidentsCommand: Command = {
  name: "import-incidents",
  summary: "Import a PagerDuty or Opsgenie incident export (CSV) into a workspace",
  usage:
    "altimeter import-incidents FILE --format pagerduty|opsgenie --workspace SLUG [--map SERVICE=repository:ID|team:ID]... [--utc-offset ±HH:MM] [--json]",
  help: `
Reads the CSV export of PagerDuty's or Opsgenie's incident list with the
column mapping of collectors/CONFIG.md ("Incident CSV exports") and stores
each row as an incident (id pagerduty:<id> or opsgenie:<id>, the same as the
API collectors). Importing again replaces, never duplicates.

  --workspace SLUG       the workspace (created when missing)
  --format TOOL          pagerduty or opsgenie
  --map KEY=TARGET       route incidents of a service, tag or team (id or name)
                         to a repository or team: "Checkout API=repository:acme/checkout",
                         "Payments=team:payments"; repeat for more
  --utc-offset ±HH:MM    the zone of times written without one (refused otherwise)
  --json                 print the import summary as JSON

Exit status: 0 nothing rejected, 2 some rows rejected (valid ones kept), 1 failure.`,
  options: {
    workspace: { type: "string" },
    format: { type: "string" },
    map: { type: "string", multiple: true },
    "utc-offset": { type: "string" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const workspace = required(ctx, "workspace");
    const format = required(ctx, "format");
    if (format !== "pagerduty" && format !== "opsgenie")
      throw new ValidationError(`--format must be pagerduty or opsgenie, got ${JSON.stringify(format)}`);
    if (ctx.positionals.length !== 1) throw new ValidationError("name exactly one export FILE (.csv)");
    const file = ctx.positionals[0]!;
    if (!statSync(file, { throwIfNoEntry: false })?.isFile())
      throw new ValidationError(`cannot read ${file}: no such file`);
    const utcOffset = optional(ctx, "utc-offset");
    if (utcOffset !== null && !/^(Z|[+-]\d{2}:\d{2})$/.test(utcOffset))
      throw new ValidationError(`--utc-offset must be Z or ±HH:MM, got ${JSON.stringify(utcOffset)}`);
    const summary = await importIncidentExport(await ctx.db(), {
      workspace,
      format: format as ExportFormat,
      name: file,
      stream: createReadStream(file),
      services: parseServiceMap((ctx.values.map as string[] | undefined) ?? []),
      utcOffset,
    });
    if (ctx.values.json) {
      ctx.out(JSON.stringify(summary, null, 2));
    } else {
      for (const r of summary.rejected) ctx.err(`${r.file}:${r.line}: ${r.reason}`);
      ctx.out(`${workspace}: ${describeSummary(summary)}`);
      if (summary.unmapped.length)
        ctx.out(`not routed to a repository or team (add --map for them): ${summary.unmapped.join(", ")}`);
    }
    return summary.rejectedTotal > 0 ? 2 : 0;
  },
};
