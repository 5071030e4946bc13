import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import type { Store } from "@/db/store";
import type { EventRecord } from "@/lib/events/types";
import { validateRecord } from "@/lib/events/validate";
import { upsertRecords } from "@/lib/queries/ingest";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { freshDatabase } from "../../support/db";

const EXAMPLE = fileURLToPath(new URL("../../fixtures/examples/small-org.ndjson", import.meta.url));
const TABLES = [
  "teams",
  "repositories",
  "people",
  "commits",
  "pull_requests",
  "deployments",
  "ci_runs",
  "incidents",
  "repository_files",
];

/** The same store without its engine's bulk writer (SQLite's prepared statements, PostgreSQL's COPY): the multi-row statements. */
function portableOnly(db: Db): Db {
  const store: Store = {
    engine: db.engine,
    location: db.location,
    rows: (text, params) => db.rows(text, params),
    tuples: (text, params) => db.tuples(text, params),
    mapped: (text, params, build) => db.mapped(text, params, build),
    row: (text, params) => db.row(text, params),
    value: (text, params) => db.value(text, params),
    exec: (text, params) => db.exec(text, params),
    bytes: (text, params) => db.bytes(text, params),
    atomic: (work) => db.atomic(work),
    close: () => db.close(),
  };
  return store as Db;
}

/** The valid records of these lines (the example holds a few bad ones on purpose). */
function records(lines: string[]): EventRecord[] {
  return lines.flatMap((line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return [];
    }
    const result = validateRecord(value);
    return result.ok ? [result.record] : [];
  });
}

/** Every stored row of a workspace, its id left out, in a stable order. */
async function stored(db: Db, workspaceId: number) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await db.rows(`SELECT * FROM ${table} WHERE workspace_id = ? ORDER BY 2, 3, 4`, [workspaceId]);
    out[table] = rows.map(({ workspace_id: _, ...rest }) => rest);
  }
  return out;
}

describe("an import batch stores the same rows on either path", async () => {
  const store = await freshDatabase();
  afterAll(() => store.dispose());
  const lines = readFileSync(EXAMPLE, "utf8").split("\n").filter(Boolean);

  test("the small-org example, in batches of any size, row for row", async () => {
    const all = records(lines);
    expect(all.length).toBe(372);
    const perRow = (await ensureWorkspace(store.db, "per-row")).id;
    for (let i = 0; i < all.length; i += 5000) await upsertRecords(store.db, perRow, all.slice(i, i + 5000));
    const expected = await stored(store.db, perRow);
    expect(expected.deployments).toHaveLength(195);
    for (const size of [1, 37, 5000]) {
      const id = (await ensureWorkspace(store.db, `multi-row-${size}`)).id;
      for (let i = 0; i < all.length; i += size)
        await upsertRecords(portableOnly(store.db), id, all.slice(i, i + size));
      expect(await stored(store.db, id)).toEqual(expected);
    }
  });

  test("within one batch the last record of an identity wins, and the latest snapshot whatever its place", async () => {
    const batch = records([
      `{"type":"deployment","id":"d","repositoryId":"r","environment":"staging","status":"success","createdAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:10:00Z"}`,
      `{"type":"repository_files","repositoryId":"r","observedAt":"2026-02-01T00:00:00Z","files":[{"path":"new.tf"}]}`,
      `{"type":"deployment","id":"d","repositoryId":"r","environment":"production","status":"failure","createdAt":"2026-01-02T00:00:00Z","finishedAt":"2026-01-02T00:10:00Z"}`,
      `{"type":"repository_files","repositoryId":"r","observedAt":"2026-01-01T00:00:00Z","files":[{"path":"old.tf"}]}`,
      `{"type":"person","id":"bot","isBot":true}`,
      `{"type":"commit","repositoryId":"r","sha":"a","authoredAt":"2026-01-01T00:00:00Z","parents":["b","c"]}`,
    ]);
    for (const [name, db] of [
      ["batch-per-row", store.db],
      ["batch-multi-row", portableOnly(store.db)],
    ] as const) {
      const id = (await ensureWorkspace(store.db, name)).id;
      await upsertRecords(db, id, batch);
      expect(await db.tuples("SELECT environment, status FROM deployments WHERE workspace_id = ?", [id])).toEqual([
        ["production", "failure"],
      ]);
      expect(await db.value("SELECT files FROM repository_files WHERE workspace_id = ?", [id])).toBe(
        '[{"path":"new.tf"}]',
      );
      expect(await db.value("SELECT is_bot FROM people WHERE workspace_id = ?", [id])).toBe(1);
      expect(await db.value("SELECT parents FROM commits WHERE workspace_id = ?", [id])).toBe('["b","c"]');
      // One batch, one move of the data version.
      expect(await db.value("SELECT data_version FROM workspaces WHERE id = ?", [id])).toBe(1);
    }
  });

  test("text with tabs, line breaks, backslashes and COPY's null marker is stored as sent on either path", async () => {
    const title = "tab\there\nnew line\r\nback\\slash \\N and \\t literally, ünïcødé";
    const batch = records([
      JSON.stringify({
        type: "pull_request",
        repositoryId: "r\tx",
        number: 1,
        authorId: "a\\b",
        createdAt: "2026-01-01T00:00:00Z",
        title,
        labels: ["with\ttab", "\\N"],
      }),
      JSON.stringify({ type: "team", id: "\\N", name: "\\" }),
    ]);
    expect(batch).toHaveLength(2);
    for (const [name, db] of [
      ["text-bulk", store.db],
      ["text-multi-row", portableOnly(store.db)],
    ] as const) {
      const id = (await ensureWorkspace(store.db, name)).id;
      await upsertRecords(db, id, batch);
      expect(
        await db.row("SELECT repository_id, author_id, title, labels FROM pull_requests WHERE workspace_id = ?", [id]),
      ).toEqual({ repository_id: "r\tx", author_id: "a\\b", title, labels: '["with\\ttab","\\\\N"]' });
      expect(await db.row("SELECT id, name, parent_id FROM teams WHERE workspace_id = ?", [id])).toEqual({
        id: "\\N",
        name: "\\",
        parent_id: null,
      });
    }
  });
});
