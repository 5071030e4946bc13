import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { importSources } from "@/lib/import/importer";
import type { ImportSummary } from "@/lib/import/summary";

/** A fresh SQLite file with the real migrations, and a way to throw it away. */
export async function freshDatabase(): Promise<{ db: Db; file: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-test-"));
  const file = path.join(dir, "altimeter.db");
  const db = await openDatabase(file);
  return {
    db,
    file,
    dispose: async () => {
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Imports raw event-format objects through the real importer, as NDJSON lines. */
export async function importObjects(
  db: Db,
  workspace: string,
  records: object[],
  options: { strict?: boolean } = {},
): Promise<ImportSummary> {
  async function* lines() {
    yield `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
  }
  return importSources(db, {
    workspace,
    strict: options.strict,
    sources: [{ name: "test.ndjson", format: "ndjson", stream: lines() }],
  });
}

/** Imports NDJSON text (line numbers as written) through the real importer. */
export async function importText(
  db: Db,
  workspace: string,
  text: string,
  options: { strict?: boolean; name?: string } = {},
): Promise<ImportSummary> {
  async function* chunks() {
    yield text;
  }
  return importSources(db, {
    workspace,
    strict: options.strict,
    sources: [{ name: options.name ?? "test.ndjson", format: "ndjson", stream: chunks() }],
  });
}
