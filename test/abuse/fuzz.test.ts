import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importSources } from "@/lib/import/importer";
import { freshDatabase, importObjects } from "../support/db";
import { deployment, repository } from "../factories";
import { adminRequest } from "../support/session";

// Fuzzing the import formats and an HTTP route: bounded here (CI), longer with ALTIMETER_FUZZ_RUNS (the benchmark).
const RUNS = Number(process.env.ALTIMETER_FUZZ_RUNS ?? 150);
const TIME_LIMIT_MS = Number(process.env.ALTIMETER_FUZZ_MS ?? 8_000);
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
const { GET } = await import("@/app/api/v1/workspaces/[workspace]/metrics/route");
beforeAll(async () => {
  await importObjects(store.db, "fuzz", [repository({ id: "repo" }), deployment({ repositoryId: "repo" })]);
});
afterAll(() => store.dispose());

const TYPES = ["team", "repository", "person", "commit", "pull_request", "deployment", "ci_run", "incident", "nope"];
const timestamp = fc.oneof(
  fc
    .date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.string(),
  fc.constantFrom("0050-01-01T10:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T24:00:00Z"),
);
const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), timestamp);
const record = fc.record(
  {
    type: fc.constantFrom(...TYPES),
    id: fc.oneof(fc.string(), fc.constant("=cmd|' /C calc'!A0"), fc.integer()),
    name: value,
    repositoryId: fc.constantFrom("repo", "", "other"),
    createdAt: timestamp,
    finishedAt: timestamp,
    openedAt: timestamp,
    status: fc.constantFrom("success", "failure", "?"),
    environment: fc.constantFrom("production", "staging"),
    url: fc.oneof(fc.webUrl(), fc.constant("javascript:alert(1)")),
  },
  { requiredKeys: [] },
);
/** Lines as bytes: records, any text, and any bytes (UTF-8 or not). */
const line = fc.oneof(
  record.map((r) => Buffer.from(JSON.stringify(r))),
  fc.string().map((t) => Buffer.from(t)),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
);

describe("fuzzing", () => {
  test("any NDJSON import ends in a summary (never a crash), and importing it again changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")]));
        const run = () =>
          importSources(store.db, {
            workspace: "fuzz",
            sources: [
              {
                name: "fuzz.ndjson",
                format: "ndjson",
                stream: (async function* () {
                  yield bytes;
                })(),
              },
            ],
          });
        const first = await run();
        const count = () => store.db.value<number>("SELECT count(*) FROM deployments");
        const before = await count();
        const second = await run();
        expect(second.imported).toEqual(first.imported);
        expect(second.rejectedTotal).toBe(first.rejectedTotal);
        expect(await count()).toEqual(before);
        // Every line that is not blank is either imported or rejected.
        const nonBlank = bytes
          .toString("utf8")
          .replace(/^\uFEFF/, "")
          .split("\n")
          .filter((l) => l.replace(/\r$/, "").trim() !== "").length;
        expect(first.rejectedTotal + Object.values(first.imported).reduce((a, n) => a + (n ?? 0), 0)).toBe(nonBlank);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  test("any query string on the metrics API is answered 200, 400 or 404 with a JSON reason, never 500", async () => {
    const param = fc.oneof(
      fc.string(),
      fc
        .date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("from", "to", "team", "series", "page", "x"), param),
        fc.oneof(fc.constant("fuzz"), fc.string()),
        async (query, workspace) => {
          const qs = new URLSearchParams(query).toString();
          const res = await GET(await adminRequest(`http://localhost/api/v1/workspaces/w/metrics?${qs}`), {
            params: Promise.resolve({ workspace }),
          });
          expect([200, 400, 404]).toContain(res.status);
          const body = (await res.json()) as { error?: { message: string } };
          if (res.status !== 200) expect(body.error?.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });
});
