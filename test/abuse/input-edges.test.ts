import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseTimestamp } from "@/lib/events/timestamp";
import { importSources } from "@/lib/import/importer";
import { altimeter } from "../support/cli";
import { freshDatabase, importObjects } from "../support/db";
import { repository } from "../factories";
import { adminRequest } from "../support/session";

const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
const { GET } = await import("@/app/api/v1/workspaces/[workspace]/metrics/route");
beforeAll(async () => {
  await importObjects(store.db, "clientb", [repository({ id: "repo" })]);
  await importObjects(store.db, "demo", [repository({ id: "repo" })]);
});
afterAll(() => store.dispose());

describe("finding 12: years outside 1970–2200 are refused, not shifted", () => {
  test("0050-01-01T10:00:00Z is refused with the reason, not stored as 1950", () => {
    expect(parseTimestamp("0050-01-01T10:00:00Z")).toEqual({ ok: false, reason: "year 0050 is outside 1970–2200" });
  });

  test("both ends: 1969 and 2201 are refused, 1970-01-01 and 2200-12-31 are exact", () => {
    expect(parseTimestamp("1969-12-31T23:59:59Z").ok).toBe(false);
    expect(parseTimestamp("1970-01-01T00:00:00Z")).toEqual({ ok: true, ms: 0 });
    expect(parseTimestamp("2200-12-31T23:59:59Z")).toEqual({ ok: true, ms: Date.UTC(2200, 11, 31, 23, 59, 59) });
    expect(parseTimestamp("2201-01-01T00:00:00Z")).toEqual({ ok: false, reason: "year 2201 is outside 1970–2200" });
  });
});

describe("finding 15: bytes that are not UTF-8 are refused, naming the field", () => {
  test("two ids differing only in bad bytes are two rejections, not one record", async () => {
    const line = (bad: number) =>
      Buffer.concat([
        Buffer.from('{"type":"repository","id":"r-'),
        Buffer.from([bad]),
        Buffer.from('","name":"x","createdAt":"2026-01-01T00:00:00Z"}\n'),
      ]);
    const good = Buffer.from(
      `${JSON.stringify(repository({ id: "r-\uFFFD-legit", name: "a real replacement character" }))}\n`,
    );
    async function* body() {
      yield line(0xff);
      yield line(0xfe);
      yield good;
    }
    const summary = await importSources(store.db, {
      workspace: "demo",
      sources: [{ name: "bad.ndjson", format: "ndjson", stream: body() }],
    });
    expect(summary.imported).toEqual({ repository: 1 });
    expect(summary.rejected).toEqual([
      {
        file: "bad.ndjson",
        line: 1,
        reason:
          "id is not valid UTF-8: bytes that are not UTF-8 would be read as U+FFFD, and two different values as one",
      },
      {
        file: "bad.ndjson",
        line: 2,
        reason:
          "id is not valid UTF-8: bytes that are not UTF-8 would be read as U+FFFD, and two different values as one",
      },
    ]);
  });

  test("a bad byte split across chunks is still found, on the right line", async () => {
    async function* body() {
      yield Buffer.from(`${JSON.stringify(repository({ id: "ok-1" }))}\n{"type":"repository","id":"x`);
      yield Buffer.from([0xc3]); // a lead byte…
      yield Buffer.from('","name":"n","createdAt":"2026-01-01T00:00:00Z"}\n'); // …not followed by a continuation byte
    }
    const summary = await importSources(store.db, {
      workspace: "demo",
      sources: [{ name: "split", format: "ndjson", stream: body() }],
    });
    expect(summary.rejected.map((r) => [r.line, r.reason.split(":")[0]])).toEqual([[2, "id is not valid UTF-8"]]);
  });
});

describe("finding 16: HTTP errors never list the other workspaces", () => {
  test("an unknown workspace over HTTP is a 404 naming only what was asked for", async () => {
    const res = await GET(
      await adminRequest("http://localhost/api/v1/workspaces/nope/metrics?from=2026-01-05&to=2026-01-12"),
      {
        params: Promise.resolve({ workspace: "nope" }),
      },
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: 'unknown workspace "nope"' } });
  });

  test("the operator's CLI still lists them", () => {
    const run = altimeter(["metrics", "--workspace", "nope", "--from", "2026-01-05", "--to", "2026-01-12"], {
      db: store.file,
    });
    expect(run.stderr).toBe('altimeter metrics: unknown workspace "nope" (known: clientb, demo)\n');
  });
});

describe("finding 13: odd page numbers", () => {
  test("?page=99999999999999999999 is read as page 1, never an offset SQLite cannot hold", async () => {
    const { parsePage, MAX_PAGE } = await import("@/app/w/[workspace]/search-params");
    expect(parsePage("99999999999999999999")).toBe(1);
    expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
    expect(parsePage(String(MAX_PAGE + 1))).toBe(1);
    expect(parsePage("2.5")).toBe(1);
  });

  test("the incident list refuses a page it cannot offset, with the reason, instead of 'datatype mismatch'", async () => {
    const { listIncidentsWithAttribution } = await import("@/lib/service/incident-list");
    const q = { workspace: "demo", from: "2026-01-05", to: "2026-01-12", pageSize: 50 };
    await expect(listIncidentsWithAttribution(store.db, { ...q, page: 1e20 })).rejects.toThrow(
      "page must be a whole number from 1, got 100000000000000000000",
    );
    expect((await listIncidentsWithAttribution(store.db, { ...q, page: 1_000_000 })).rows).toEqual([]);
  });
});
