import type { Db } from "@/db/client";
import { generateDemoRecords } from "@/lib/demo/generate";
import { importSources } from "@/lib/import/importer";
import type { ImportSummary } from "@/lib/import/summary";
import { deleteWorkspace, findWorkspace, updateWorkspaceSettings } from "@/lib/queries/workspaces";
import { formatDate } from "@/lib/metrics/window";
import { assessMaturity } from "./maturity";
import { DAY_MS } from "@/lib/time";
import { keepWorkspaceSnapshot } from "./metrics";

/** The name the demo workspace is shown under. */
export const DEMO_NAME = "Northwind (demo)";

async function* ndjson(records: Record<string, unknown>[]): AsyncGenerator<string> {
  // Chunks of lines, as a file would arrive: the importer reads them like any other input.
  for (let i = 0; i < records.length; i += 1000) {
    const lines = records.slice(i, i + 1000).map((r) => JSON.stringify(r));
    yield `${lines.join("\n")}\n`;
  }
}

/**
 * Creates (or recreates) the demo workspace: a generated organisation with
 * twelve months of history ending at `now`, written through the same import
 * path as real data.
 */
export async function createDemoWorkspace(
  db: Db,
  options: { slug: string; now: number; onProgress?: (records: number) => void },
): Promise<ImportSummary> {
  await deleteWorkspace(db, options.slug);
  const records = generateDemoRecords({ now: options.now });
  const summary = await importSources(db, {
    workspace: options.slug,
    sources: [{ name: "demo", format: "ndjson", stream: ndjson(records) }],
    onProgress: (p) => options.onProgress?.(p.records),
  });
  const workspace = await findWorkspace(db, options.slug);
  if (workspace) await updateWorkspaceSettings(db, workspace.id, { name: DEMO_NAME });
  if (summary.rejectedTotal > 0) {
    const first = summary.rejected[0]!;
    throw new Error(`the demo generator wrote an invalid record (line ${first.line}: ${first.reason})`);
  }
  // Quarterly assessments over the past nine months, so maturity pages show a level over time from the start.
  const today = Math.floor(options.now / DAY_MS) * DAY_MS;
  for (const daysAgo of [270, 180, 90, 0]) {
    const at = today - daysAgo * DAY_MS;
    await assessMaturity(db, {
      workspace: options.slug,
      to: formatDate(at),
      now: daysAgo === 0 ? options.now : at,
      record: true,
    });
  }
  // A cache for the next fresh process; the demo is whole without it.
  await keepWorkspaceSnapshot(db, options.slug).catch(() => null);
  return summary;
}
