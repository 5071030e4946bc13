import { is } from "drizzle-orm";
import {
  type AnyPgColumn,
  getTableConfig as pgConfig,
  index,
  integer,
  PgTable,
  pgTable,
  text,
} from "drizzle-orm/pg-core";
import { type AnySQLiteColumn, getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";

// Both engines hold the same tables, stored the same way, so that one SQL text
// reads the same values on either (db/schema-pg/types.ts). This reads the two
// drizzle schemas and lists every way they differ.

/** SQLite column kinds and the PostgreSQL columns that store the same values. */
const EQUIVALENTS: Record<string, { pg: string; sql: string[]; proof?: (column: AnyPgColumn) => unknown[] }> = {
  // Whole numbers: 32-bit where the values are small (ids, counts), 64-bit for instants (below).
  SQLiteInteger: { pg: "PgInteger|PgBigInt53", sql: ["integer", "bigint"] },
  SQLiteReal: { pg: "PgDoublePrecision", sql: ["double precision"] },
  SQLiteText: { pg: "PgText", sql: ["text"] },
  // 0/1, as sqlite-core's boolean mode stores it.
  SQLiteBoolean: {
    pg: "PgCustomColumn",
    sql: ["integer"],
    proof: (c) => [
      c.mapToDriverValue(true),
      c.mapToDriverValue(false),
      c.mapFromDriverValue(1),
      c.mapFromDriverValue(0),
    ],
  },
  // UTC milliseconds, as sqlite-core's timestamp_ms mode stores them.
  SQLiteTimestamp: {
    pg: "PgCustomColumn",
    sql: ["bigint"],
    proof: (c) => [c.mapToDriverValue(new Date(1_700_000_000_123)), c.mapFromDriverValue("1700000000123")],
  },
  // Bytes (a kept snapshot).
  SQLiteBlobBuffer: { pg: "PgCustomColumn", sql: ["bytea"] },
  // JSON as text.
  SQLiteTextJson: {
    pg: "PgCustomColumn",
    sql: ["text"],
    proof: (c) => [c.mapToDriverValue({ a: [1] }), c.mapFromDriverValue('{"a":[1]}')],
  },
};

/** What each SQLite kind's proof must give: the values SQLite stores and reads back. */
const PROOFS: Record<string, unknown[]> = {
  SQLiteBoolean: [1, 0, true, false],
  SQLiteTimestamp: [1_700_000_000_123, new Date(1_700_000_000_123)],
  SQLiteTextJson: ['{"a":[1]}', { a: [1] }],
};

/** Integer columns holding UTC milliseconds: past 2^31, so they must be 64-bit on PostgreSQL. */
const isInstant = (name: string) => /(^|_)at$/.test(name) || name === "last_request";

function tables<T>(schema: Record<string, unknown>, kind: abstract new (...args: never[]) => T): Map<string, T> {
  const found = new Map<string, T>();
  for (const value of Object.values(schema)) {
    if (!is(value, kind as never)) continue;
    const name = (kind === (SQLiteTable as unknown) ? sqliteConfig(value as never) : pgConfig(value as never)).name;
    found.set(name, value as T);
  }
  return found;
}

const names = (columns: { name: string }[]) => columns.map((c) => c.name).join(",");

/** Every difference between one table on the two engines, in words. */
function differences(lite: SQLiteTable, pg: PgTable): string[] {
  const a = sqliteConfig(lite);
  const b = pgConfig(pg);
  const out: string[] = [];
  const where = (column?: string) => (column ? `${a.name}.${column}` : a.name);

  const pgColumns = new Map(b.columns.map((c) => [c.name, c]));
  for (const column of a.columns) {
    const other = pgColumns.get(column.name);
    if (!other) {
      out.push(`${where(column.name)}: only on SQLite`);
      continue;
    }
    pgColumns.delete(column.name);
    out.push(...columnDifferences(where(column.name), column, other));
  }
  for (const name of pgColumns.keys()) out.push(`${where(name)}: only on PostgreSQL`);

  const keys = (list: { columns: { name: string }[] }[]) => list.map((k) => names(k.columns)).sort();
  const litePk = [...keys(a.primaryKeys), ...a.columns.filter((c) => c.primary).map((c) => c.name)];
  const pgPk = [...keys(b.primaryKeys), ...b.columns.filter((c) => c.primary).map((c) => c.name)];
  if (litePk.join(";") !== pgPk.join(";")) out.push(`${where()}: primary key (${litePk}) vs (${pgPk})`);

  const uniques = (
    columns: { name: string; isUnique: boolean; uniqueName?: string }[],
    extra: { getName(): string | undefined; columns: { name: string }[] }[],
  ) =>
    [
      ...columns.filter((c) => c.isUnique).map((c) => `${c.uniqueName}(${c.name})`),
      ...extra.map((u) => `${u.getName()}(${names(u.columns)})`),
    ].sort();
  const liteUnique = uniques(a.columns, a.uniqueConstraints);
  const pgUnique = uniques(b.columns, b.uniqueConstraints);
  if (liteUnique.join(";") !== pgUnique.join(";")) out.push(`${where()}: unique ${liteUnique} vs ${pgUnique}`);

  const liteIndexes = a.indexes
    .map((i) => `${i.config.unique ? "unique " : ""}${i.config.name}(${names(i.config.columns as { name: string }[])})`)
    .sort();
  const pgIndexes = b.indexes
    .map((i) => {
      const columns = i.config.columns.map((c) => ("name" in c ? String(c.name) : "(expression)"));
      return `${i.config.unique ? "unique " : ""}${i.config.name}(${columns.join(",")})`;
    })
    .sort();
  if (liteIndexes.join(";") !== pgIndexes.join(";")) out.push(`${where()}: indexes ${liteIndexes} vs ${pgIndexes}`);

  const liteFks = a.foreignKeys
    .map((f) => {
      const r = f.reference();
      return `(${names(r.columns)})→${sqliteConfig(r.foreignTable).name}(${names(r.foreignColumns)}) on delete ${f.onDelete}`;
    })
    .sort();
  const pgFks = b.foreignKeys
    .map((f) => {
      const r = f.reference();
      return `(${names(r.columns)})→${pgConfig(r.foreignTable).name}(${names(r.foreignColumns)}) on delete ${f.onDelete}`;
    })
    .sort();
  if (liteFks.join(";") !== pgFks.join(";")) out.push(`${where()}: foreign keys ${liteFks} vs ${pgFks}`);
  return out;
}

function columnDifferences(where: string, lite: AnySQLiteColumn, pg: AnyPgColumn): string[] {
  const out: string[] = [];
  const kind = EQUIVALENTS[lite.columnType];
  if (!kind) return [`${where}: SQLite kind ${lite.columnType} has no declared PostgreSQL equivalent`];
  if (!kind.pg.split("|").includes(pg.columnType) || !kind.sql.includes(pg.getSQLType())) {
    out.push(
      `${where}: ${lite.columnType} is stored as ${pg.columnType} ${pg.getSQLType()} (expected ${kind.pg} ${kind.sql})`,
    );
  } else if (kind.proof) {
    const got = kind.proof(pg);
    if (JSON.stringify(got) !== JSON.stringify(PROOFS[lite.columnType])) {
      out.push(
        `${where}: stores ${JSON.stringify(got)} where SQLite stores ${JSON.stringify(PROOFS[lite.columnType])}`,
      );
    }
  }
  if (lite.columnType === "SQLiteInteger" && isInstant(lite.name) && pg.getSQLType() !== "bigint") {
    out.push(`${where}: an instant in ${pg.getSQLType()} (milliseconds need bigint)`);
  }
  if (lite.notNull !== pg.notNull) out.push(`${where}: ${lite.notNull ? "NOT NULL" : "nullable"} on SQLite only`);
  if (lite.hasDefault !== pg.hasDefault)
    out.push(`${where}: default on ${lite.hasDefault ? "SQLite" : "PostgreSQL"} only`);
  const literal = (v: unknown) => (v !== null && typeof v === "object" ? "(sql)" : JSON.stringify(v));
  const liteDefault = literal(lite.default === false ? 0 : lite.default);
  const pgDefault = literal(pg.default);
  if (liteDefault !== pgDefault && !(liteDefault === "0" && pgDefault === "(sql)")) {
    out.push(`${where}: default ${liteDefault} vs ${pgDefault}`);
  }
  const autoIncrement = (lite as { autoIncrement?: boolean }).autoIncrement === true;
  const identity = (pg as { generatedIdentity?: unknown }).generatedIdentity !== undefined;
  if (autoIncrement !== identity)
    out.push(`${where}: ${autoIncrement ? "autoincrement on SQLite only" : "identity on PostgreSQL only"}`);
  const liteEnum = (lite as { enumValues?: string[] }).enumValues ?? [];
  const pgEnum = (pg as { enumValues?: string[] }).enumValues ?? [];
  if (liteEnum.join(",") !== pgEnum.join(",")) out.push(`${where}: values ${liteEnum} vs ${pgEnum}`);
  return out;
}

describe("the PostgreSQL schema mirrors the SQLite schema", () => {
  const lite = tables(sqliteSchema, SQLiteTable);
  const pg = tables(pgSchema, PgTable);

  it("has the same tables", () => {
    expect([...pg.keys()].sort()).toEqual([...lite.keys()].sort());
    expect(lite.size).toBeGreaterThanOrEqual(30);
  });

  it("has the same columns, types, keys, uniques, indexes and foreign keys in every table", () => {
    const all = [...lite].flatMap(([name, table]) => {
      const other = pg.get(name);
      return other ? differences(table, other) : [`${name}: only on SQLite`];
    });
    expect(all).toEqual([]);
  });

  it("notices a column, an index, a key or a type that one side gains or loses", () => {
    const teams = lite.get("teams") as SQLiteTable;
    // The teams table as PostgreSQL would have it after a careless edit.
    const edited = pgTable(
      "teams",
      {
        workspaceId: integer("workspace_id").notNull(),
        id: text("id").notNull(),
        name: integer("name").notNull(),
        parentId: text("parent_id"),
        archivedAt: integer("archived_at"),
      },
      (t) => [index("teams_name").on(t.name)],
    );
    expect(differences(teams, edited)).toEqual([
      "teams.name: SQLiteText is stored as PgInteger integer (expected PgText text)",
      "teams.archived_at: only on PostgreSQL",
      "teams: primary key (workspace_id,id) vs ()",
      "teams: indexes  vs teams_name(name)",
      "teams: foreign keys (workspace_id)→workspaces(id) on delete cascade vs ",
    ]);
  });
});
