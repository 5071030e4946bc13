import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { isEventType } from "@/lib/events/validate";
import type { EventType } from "@/lib/events/types";
import { ValidationError } from "@/lib/errors";
import { importSources, type ImportSource } from "@/lib/import/importer";
import { refreshingSnapshot } from "@/lib/service/metrics";
import { describeSummary } from "@/lib/import/summary";
import { optional, required, type Command } from "../command";
import { formatCount, terminalProgress } from "../progress";

/** File names that say their CSV type: deployments.csv → deployment. */
const CSV_NAMES: Record<string, EventType> = {
  teams: "team",
  repositories: "repository",
  people: "person",
  persons: "person",
  commits: "commit",
  pull_requests: "pull_request",
  pullrequests: "pull_request",
  deployments: "deployment",
  ci_runs: "ci_run",
  incidents: "incident",
};

function csvType(file: string, explicit: EventType | null): EventType {
  const stem = path.basename(file, path.extname(file)).toLowerCase().replace(/-/g, "_");
  const type = explicit ?? CSV_NAMES[stem] ?? (isEventType(stem) ? stem : null);
  if (!type)
    throw new ValidationError(`${file}: a CSV file holds one type; say which with --type (e.g. --type deployment)`);
  if (type === "repository_files")
    throw new ValidationError(`${file}: repository_files is not supported in CSV; use NDJSON`);
  return type;
}

/** Opens every named file first, so a typo fails before anything is written. */
function sources(
  files: string[],
  type: EventType | null,
  bytesRead: { n: number },
): { sources: ImportSource[]; totalBytes: number } {
  let totalBytes = 0;
  const list = files.map((file): ImportSource => {
    if (file === "-") return { name: "-", format: "ndjson", type: type ?? undefined, stream: process.stdin };
    const ext = path.extname(file).toLowerCase();
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error("not a file");
      size = st.size;
    } catch {
      throw new ValidationError(`cannot read ${file}: no such file`);
    }
    totalBytes += size;
    const format = ext === ".csv" ? "csv" : ext === ".ndjson" || ext === ".jsonl" ? "ndjson" : null;
    if (!format)
      throw new ValidationError(
        `${file}: unknown file kind ${JSON.stringify(ext)} (use .ndjson, .jsonl, .csv, or - for NDJSON on standard input)`,
      );
    const counted = async function* () {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        bytesRead.n += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    };
    return {
      name: file,
      format,
      type: format === "csv" ? csvType(file, type) : (type ?? undefined),
      stream: counted(),
    };
  });
  return { sources: list, totalBytes };
}

export const importCommand: Command = {
  name: "import",
  summary: "Import records in the event format (NDJSON or CSV) into a workspace",
  usage: "altimeter import FILE... --workspace SLUG [--type TYPE] [--strict] [--json]",
  help: `
FILE is .ndjson or .jsonl (one JSON record a line), .csv (one file per type, a
header row of field names), or - for NDJSON on standard input. The format is
spec/events.md; see lib/events/FORMAT.md. The workspace is created when missing.

  --workspace SLUG  the workspace to import into (required)
  --type TYPE       the record type of CSV files (inferred from names such as
                    deployments.csv); for NDJSON, the type of lines without one
  --strict          import nothing when any line is rejected
  --json            print {"imported": {TYPE: N}, "rejected": [{file, line, reason}]}

Exit status: 0 nothing rejected, 2 some lines rejected (valid ones kept), 1 failure.`,
  options: {
    workspace: { type: "string" },
    type: { type: "string" },
    strict: { type: "boolean" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const workspace = required(ctx, "workspace");
    if (ctx.positionals.length === 0)
      throw new ValidationError("name at least one FILE to import (or - for standard input)");
    const typeFlag = optional(ctx, "type");
    if (typeFlag !== null && !isEventType(typeFlag))
      throw new ValidationError(`--type ${JSON.stringify(typeFlag)} is not a record type`);
    const bytesRead = { n: 0 };
    const { sources: list, totalBytes } = sources(ctx.positionals, typeFlag as EventType | null, bytesRead);
    const progress = terminalProgress(ctx.interactive);
    const started = Date.now();
    const db = await ctx.db();
    const summary = await refreshingSnapshot(db, workspace, () =>
      importSources(db, {
        workspace,
        sources: list,
        strict: Boolean(ctx.values.strict),
        onProgress: ({ source, records }) => {
          const pct = totalBytes > 0 ? ` ${((100 * bytesRead.n) / totalBytes).toFixed(1)}%` : "";
          const rate = records / Math.max(0.001, (Date.now() - started) / 1000);
          progress.update(`importing ${source}:${pct} ${formatCount(records)} lines, ${formatCount(rate)}/s`);
        },
      }),
    );
    progress.done();
    if (ctx.values.json) {
      ctx.out(JSON.stringify(summary, null, 2));
    } else {
      for (const r of summary.rejected) ctx.err(`${r.file}:${r.line}: ${r.reason}`);
      if (summary.rejectedTotal > summary.rejected.length)
        ctx.err(`… and ${summary.rejectedTotal - summary.rejected.length} more rejected lines`);
      ctx.out(`${workspace}: ${describeSummary(summary)}`);
    }
    return summary.rejectedTotal > 0 ? 2 : 0;
  },
};
