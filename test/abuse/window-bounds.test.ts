import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RequestAbortedError, ValidationError } from "@/lib/errors";
import { MAX_SERIES_WEEKS, MAX_WINDOW_DAYS } from "@/lib/metrics/window";
import { getMetricsReport, getWeeklySeries } from "@/lib/service/metrics";
import { parseWorkspaceSearchParams } from "@/app/w/[workspace]/search-params";
import { freshDatabase, importObjects } from "../support/db";
import { deployment, repository } from "../factories";
import { adminRequest } from "../support/session";

// Finding 1: one GET of a 9,000-year weekly series stalled the server for 50 s.
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
const { GET } = await import("@/app/api/v1/workspaces/[workspace]/metrics/route");

beforeAll(async () => {
  await importObjects(store.db, "demo", [
    repository({ id: "repo" }),
    deployment({ finishedAt: "2025-06-02T10:00:00Z" }),
    deployment({ finishedAt: "2026-01-05T10:00:00Z" }),
  ]);
});
afterAll(() => store.dispose());

const get = async (query: string) =>
  GET(await adminRequest(`http://localhost/api/v1/workspaces/demo/metrics?${query}`), {
    params: Promise.resolve({ workspace: "demo" }),
  });

describe("windows and series are bounded", () => {
  test("the hostile window of 1000-01-01 to 9999-12-31 as a weekly series is a 400 naming the bound", async () => {
    const res = await get("from=1000-01-01&to=9999-12-31&series=week");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(`at most ${MAX_WINDOW_DAYS} days`);
    expect(body.error.message).toContain(`at most ${MAX_SERIES_WEEKS} weeks`);
    expect(body.error.message).toContain("from (1000-01-01) to to (9999-12-31)");
  });

  test("the longest allowed window still answers with every full week", async () => {
    const res = await get("from=2023-06-01&to=2026-06-01&series=week");
    expect(res.status).toBe(200);
    const { series } = (await res.json()) as { series: unknown[] };
    expect(series).toHaveLength(156);
    expect((await get("from=2023-06-01&to=2026-06-02")).status).toBe(400);
  });

  test("the dashboard's filters and the CLI's window refuse the same bound, naming their own parameters", async () => {
    expect(() => parseWorkspaceSearchParams({ from: "1926-01-01", to: "2026-01-01" }, Date.UTC(2026, 0, 1))).toThrow(
      /^the window from \(1926-01-01\) to to \(2026-01-01\) is 36525 days long: a window is at most 1096 days/,
    );
    await expect(
      getMetricsReport(store.db, { workspace: "demo", from: "1926-01-01", to: "2026-01-01" }),
    ).rejects.toThrow(
      new ValidationError(
        "the window --from (1926-01-01) to --to (2026-01-01) is 36525 days long: a window is at most 1096 days (three years; a weekly series at most 156 weeks)",
      ),
    );
  });
});

describe("a weekly series is stoppable and shares the server", () => {
  const query = { workspace: "demo", from: "2023-06-01", to: "2026-06-01" };

  test("aborting the request stops the series at the next week: 3 weeks computed of 156", async () => {
    const controller = new AbortController();
    let processed = 0;
    const run = getWeeklySeries(store.db, query, {
      signal: controller.signal,
      onProgress: (done) => {
        processed = done;
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RequestAbortedError);
    expect(processed).toBe(3);
  });

  test("another request finishes while a long series is still being computed", async () => {
    // Warm the facts first, so both calls only compute.
    await getMetricsReport(store.db, query);
    let weeksDone = 0;
    let weeksWhenOtherFinished = -1;
    const series = getWeeklySeries(store.db, query, { onProgress: (done) => (weeksDone = done) });
    const other = getMetricsReport(store.db, { workspace: "demo", from: "2026-01-01", to: "2026-02-01" }).then(
      () => (weeksWhenOtherFinished = weeksDone),
    );
    await Promise.all([series, other]);
    expect(weeksDone).toBe(156);
    expect(weeksWhenOtherFinished).toBeGreaterThanOrEqual(0);
    expect(weeksWhenOtherFinished).toBeLessThan(156);
  });
});
