import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { importSources } from "@/lib/import/importer";
import { altimeter } from "../support/cli";
import { freshDatabase } from "../support/db";

// Finding 15, CSV half: bytes that are not UTF-8 became U+FFFD, so two different bad ids were stored as one record.
const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-csv-utf8-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

const rows = (sql: string) => store.db.rows(sql);
const reason = (column: string, offset: number, line = "") =>
  `column ${column} is not valid UTF-8 (byte offset ${offset} of the file${line}): bytes that are not UTF-8 would be read as U+FFFD, and two different values as one`;

async function importCsv(name: string, bytes: Buffer, chunk = bytes.length) {
  async function* stream() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  return importSources(store.db, {
    workspace: "demo",
    sources: [{ name, format: "csv", type: "repository", stream: stream() }],
  });
}

describe("finding 15: a CSV record with bytes that are not UTF-8 is refused with its line and byte offset", () => {
  const header = "id,name,createdAt\n";
  const bad = (byte: number) =>
    Buffer.concat([Buffer.from("r-"), Buffer.from([byte]), Buffer.from(",x,2026-01-01T00:00:00Z\n")]);
  const good = Buffer.from("r-\uFFFD-legit,a real replacement character,2026-01-01T00:00:00Z\n");
  const file = Buffer.concat([Buffer.from(header), bad(0xff), bad(0xfe), good]);
  // After the header and "r-": byte 20; the second is one bad line further.
  const first = header.length + 2;
  const next = first + bad(0xff).length;

  test("two ids differing only in bad bytes are two rejections, not one record; the good row is stored", async () => {
    for (const chunk of [file.length, 7, 1]) {
      const summary = await importCsv("bad.csv", file, chunk);
      expect(summary.imported).toEqual({ repository: 1 });
      expect(summary.rejected).toEqual([
        { file: "bad.csv", line: 2, reason: reason("id", first) },
        { file: "bad.csv", line: 3, reason: reason("id", next) },
      ]);
    }
    expect(await rows("SELECT id FROM repositories ORDER BY id")).toEqual([{ id: "r-\uFFFD-legit" }]);
  });

  test("a bad byte on the second line of a quoted cell names that line; overlong and surrogate forms are refused too", async () => {
    const multi = Buffer.concat([
      Buffer.from(`${header}r-multi,"first line\nsecond `),
      Buffer.from([0xc0, 0xaf]), // an overlong "/"
      Buffer.from('",2026-01-01T00:00:00Z\nr-surrogate,'),
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
      Buffer.from(",2026-01-01T00:00:00Z\n"),
    ]);
    const summary = await importCsv("multi.csv", multi, 5);
    const overlong = multi.indexOf(0xc0);
    const surrogate = multi.indexOf(0xed);
    expect(summary.rejected).toEqual([
      { file: "multi.csv", line: 2, reason: reason("name", overlong, ", line 3") },
      { file: "multi.csv", line: 4, reason: reason("name", surrogate) },
    ]);
    expect(await rows("SELECT count(*) AS n FROM repositories WHERE id IN ('r-multi', 'r-surrogate')")).toEqual([
      { n: 0 },
    ]);
  });

  test("a header with a bad byte refuses the file, naming where", async () => {
    const file = Buffer.concat([Buffer.from("id,na"), Buffer.from([0xff]), Buffer.from("me\nr,x\n")]);
    await expect(importCsv("head.csv", file)).rejects.toThrow(
      "CSV header (line 1): the record is not valid UTF-8 (byte offset 5 of the file)",
    );
  });

  test("altimeter import-incidents refuses the row the same way and keeps the others", async () => {
    const csv = path.join(dir, "pagerduty.csv");
    const head = "ID,Title,Status,Created At,Resolved At\n";
    const line = (id: Buffer) =>
      Buffer.concat([Buffer.from("P"), id, Buffer.from(",Down,resolved,2026-02-01T10:00:00Z,2026-02-01T10:45:00Z\n")]);
    const bytes = Buffer.concat([
      Buffer.from(head),
      line(Buffer.from([0xff])),
      line(Buffer.from([0xfe])),
      line(Buffer.from("OK")),
    ]);
    writeFileSync(csv, bytes);
    const run = altimeter(["import-incidents", csv, "--format", "pagerduty", "--workspace", "demo", "--json"], {
      db: store.file,
    });
    expect(run.status, run.stderr).toBe(2);
    const summary = JSON.parse(run.stdout);
    expect(summary.imported).toEqual({ incident: 1 });
    const lineBytes = line(Buffer.from([0xff])).length;
    expect(summary.rejected).toEqual([
      { file: csv, line: 2, reason: reason("ID", head.length + 1) },
      { file: csv, line: 3, reason: reason("ID", head.length + 1 + lineBytes) },
    ]);
    expect(await rows("SELECT id FROM incidents")).toEqual([{ id: "pagerduty:POK" }]);
  });
});
