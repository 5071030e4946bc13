import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import type { Param } from "@/db/store";

/** Rows read and written per statement while copying. */
const PAGE = 2_000;

/** One table of the store, as the copy sees it. */
export interface CopiedTable {
  name: string;
  columns: string[];
  key: string[];
  /** The tables whose rows this one references (copied first). */
  after: string[];
  /** The column PostgreSQL numbers itself (an identity), whose sequence is moved past the copied ids. */
  identity: string | null;
}

/** Tables that only cache what can be computed again (kept metric reports): not copied, recomputed on demand. */
const CACHES = new Set(["metric_reports", "metric_snapshots"]);

/** Every table of the schema, parents before children (caches left out). */
export function storeTables(): CopiedTable[] {
  const tables = new Map<string, CopiedTable>();
  for (const value of Object.values(schema)) {
    if (!isTable(value)) continue;
    const config = getTableConfig(value);
    if (CACHES.has(config.name)) continue;
    const primary = config.columns.filter((c) => c.primary).map((c) => c.name);
    const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
    const unique = config.uniqueConstraints[0]?.columns.map((c) => c.name) ?? [];
    const key = primary.length > 0 ? primary : composite.length > 0 ? composite : unique;
    if (key.length === 0) throw new Error(`table ${config.name} has no key to copy by`);
    const identity = config.columns.find((c) => c.primary && c.columnType === "SQLiteInteger" && c.name === "id");
    tables.set(config.name, {
      name: config.name,
      columns: config.columns.map((c) => c.name),
      key,
      after: [
        ...new Set(
          config.foreignKeys
            .map((fk) => getTableConfig(fk.reference().foreignTable as SQLiteTable).name)
            .filter((n) => n !== config.name),
        ),
      ],
      identity: identity && (identity as { autoIncrement?: boolean }).autoIncrement ? "id" : null,
    });
  }
  const ordered: CopiedTable[] = [];
  const placed = new Set<string>();
  const place = (t: CopiedTable, path: string[]) => {
    if (placed.has(t.name)) return;
    if (path.includes(t.name))
      throw new Error(`tables reference each other in a cycle: ${[...path, t.name].join(" → ")}`);
    for (const parent of t.after) place(tables.get(parent)!, [...path, t.name]);
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of [...tables.values()].sort((a, b) => a.name.localeCompare(b.name))) place(t, []);
  return ordered;
}

function isTable(value: unknown): value is SQLiteTable {
  if (typeof value !== "object" || value === null) return false;
  try {
    getTableConfig(value as SQLiteTable);
    return true;
  } catch {
    return false;
  }
}

const q = (name: string) => `"${name}"`;

/** Rows in a table. */
export async function countRows(db: Db, table: CopiedTable): Promise<number> {
  return Number((await db.value(`SELECT count(*) FROM ${q(table.name)}`)) ?? 0);
}

/**
 * Copies one table a page at a time in key order, upserting every row, so a
 * copy stopped anywhere and run again ends with the same rows (nothing twice,
 * nothing lost). `onPage` hears the rows done so far.
 */
export async function copyTable(from: Db, to: Db, table: CopiedTable, onPage: (done: number) => void): Promise<number> {
  const columns = table.columns.map(q).join(", ");
  const keyList = table.key.map(q).join(", ");
  const updates = table.columns.filter((c) => !table.key.includes(c));
  const onConflict =
    updates.length === 0
      ? `ON CONFLICT (${keyList}) DO NOTHING`
      : `ON CONFLICT (${keyList}) DO UPDATE SET ${updates.map((c) => `${q(c)} = excluded.${q(c)}`).join(", ")}`;
  const keyIndexes = table.key.map((k) => table.columns.indexOf(k));
  let after: unknown[] | null = null;
  let done = 0;
  for (;;) {
    const where = after ? `WHERE (${keyList}) > (${table.key.map(() => "?").join(", ")})` : "";
    const page = await from.tuples(
      `SELECT ${columns} FROM ${q(table.name)} ${where} ORDER BY ${keyList} LIMIT ${PAGE}`,
      (after ?? []) as Param[],
    );
    if (page.length === 0) break;
    const row = `(${table.columns.map(() => "?").join(", ")})`;
    await to.atomic(async (tx) => {
      await tx.exec(
        `INSERT INTO ${q(table.name)} (${columns}) VALUES ${page.map(() => row).join(", ")} ${onConflict}`,
        page.flat() as Param[],
      );
    });
    done += page.length;
    onPage(done);
    const last = page[page.length - 1]!;
    after = keyIndexes.map((i) => last[i]);
    if (page.length < PAGE) break;
  }
  if (table.identity && to.engine === "postgres")
    await to.exec(
      `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'), ` +
        `(SELECT coalesce(max(${q(table.identity)}), 0) + 1 FROM ${q(table.name)}), false)`,
    );
  return done;
}

/** The slugs of every workspace, in order. */
export async function workspaceSlugs(db: Db): Promise<string[]> {
  return (await db.rows<{ slug: string }>("SELECT slug FROM workspaces ORDER BY slug")).map((w) => w.slug);
}

/**
 * Workspaces the target already holds under the same id with another slug, or
 * the same slug with another id: copying would mix two organisations.
 */
export async function conflictingWorkspaces(from: Db, to: Db): Promise<string[]> {
  const read = async (db: Db) =>
    (await db.rows<{ id: number; slug: string }>("SELECT id, slug FROM workspaces")).map((w) => ({
      id: Number(w.id),
      slug: w.slug,
    }));
  const target = await read(to);
  const byId = new Map(target.map((w) => [w.id, w.slug]));
  const bySlug = new Map(target.map((w) => [w.slug, w.id]));
  const conflicts: string[] = [];
  for (const w of await read(from)) {
    const slugThere = byId.get(w.id);
    const idThere = bySlug.get(w.slug);
    if (slugThere !== undefined && slugThere !== w.slug)
      conflicts.push(`${w.slug} (its id ${w.id} is ${slugThere} in the target)`);
    else if (idThere !== undefined && idThere !== w.id)
      conflicts.push(`${w.slug} (id ${idThere} in the target, ${w.id} here)`);
  }
  return conflicts;
}
