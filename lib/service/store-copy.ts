import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { redactedLocation } from "@/db/store";
import { ValidationError } from "@/lib/errors";
import { conflictingWorkspaces, copyTable, countRows, storeTables, workspaceSlugs } from "@/lib/queries/store-copy";

/** One table's rows in the source and, after the copy, in the target. */
export interface CopiedCount {
  table: string;
  source: number;
  target: number;
}

export interface StoreCopyReport {
  from: string;
  to: string;
  workspaces: string[];
  tables: CopiedCount[];
  /** Tables whose target count differs from the source's (the target held other rows, or a copy failed). */
  mismatched: CopiedCount[];
}

/**
 * Copies a whole store (every workspace, account and setting) into another,
 * SQLite to PostgreSQL or back. Rows are upserted in key order a page at a
 * time, so a copy stopped anywhere and run again finishes the job without
 * duplicating anything. Refuses a target whose workspaces already use the
 * same ids for other organisations.
 */
export async function copyStore(
  fromTarget: string,
  toTarget: string,
  progress: (text: string) => void = () => {},
): Promise<StoreCopyReport> {
  if (fromTarget === toTarget) throw new ValidationError("--from and --to name the same store");
  const from = await openDatabase(fromTarget);
  let to: Db | null = null;
  try {
    to = await openDatabase(toTarget);
    const conflicts = await conflictingWorkspaces(from, to);
    if (conflicts.length > 0)
      throw new ValidationError(
        `the target already holds other workspaces under the same ids or slugs: ${conflicts.join("; ")} — copy into an empty store`,
      );
    const tables: CopiedCount[] = [];
    for (const table of storeTables()) {
      const source = await countRows(from, table);
      await copyTable(from, to, table, (done) =>
        progress(`${table.name}: ${done.toLocaleString("en-US")} of ${source.toLocaleString("en-US")}`),
      );
      tables.push({ table: table.name, source, target: await countRows(to, table) });
    }
    const workspaces = await workspaceSlugs(from);
    return {
      from: redactedLocation(fromTarget),
      to: redactedLocation(toTarget),
      workspaces,
      tables,
      mismatched: tables.filter((t) => t.source !== t.target),
    };
  } finally {
    await closeDatabase(from);
    if (to) await closeDatabase(to);
  }
}
