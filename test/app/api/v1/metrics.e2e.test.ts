import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../../../support/browser";
import { altimeter } from "../../../support/cli";

const FROM = "2026-08-27";
const TO = "2026-11-26";
// A fixed end for the demo, so the windows above hold the same data on every run.
const NOW = Date.UTC(2026, 10, 26, 9, 30);

describe("GET /api/v1/workspaces/:workspace/metrics against the production build", () => {
  let app: RunningApp;
  const get = (path: string) => app.fetch(path);
  const cli = (args: string[]) => {
    const run = altimeter(["metrics", "--workspace", "demo", ...args, "--json"], { db: app.dbFile });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as unknown;
  };

  beforeAll(async () => {
    app = await startApp({ now: NOW });
  });
  afterAll(() => app?.stop());

  test("a window of the workspace is exactly altimeter metrics --json", async () => {
    const response = await get(`/api/v1/workspaces/demo/metrics?from=${FROM}&to=${TO}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(cli(["--from", FROM, "--to", TO]));
  });

  test("a team's window is exactly altimeter metrics --team --json", async () => {
    const response = await get(`/api/v1/workspaces/demo/metrics?from=${FROM}&to=${TO}&team=checkout`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { team: string };
    expect(body.team).toBe("checkout");
    expect(body).toEqual(cli(["--from", FROM, "--to", TO, "--team", "checkout"]));
  });

  test("series=week is exactly altimeter metrics --series week --json", async () => {
    const response = await get(`/api/v1/workspaces/demo/metrics?from=2026-10-01&to=2026-11-05&series=week`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { series: unknown[] };
    expect(body.series).toHaveLength(5);
    expect(body).toEqual(cli(["--from", "2026-10-01", "--to", "2026-11-05", "--series", "week"]));
  });

  test("an unknown workspace is a 404 naming it, and no other workspace", async () => {
    const response = await get(`/api/v1/workspaces/nope/metrics?from=${FROM}&to=${TO}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: 'unknown workspace "nope"' } });
  });

  test("an unknown team is a 404 naming it", async () => {
    const response = await get(`/api/v1/workspaces/demo/metrics?from=${FROM}&to=${TO}&team=ghosts`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: 'unknown team "ghosts" in workspace "demo"' },
    });
  });

  const badRequests: [string, string, RegExp][] = [
    ["an impossible date", `from=2026-02-30&to=${TO}`, /^from must be a date as YYYY-MM-DD, got "2026-02-30"$/],
    ["a date in another format", `from=${FROM}&to=26.11.2026`, /^to must be a date as YYYY-MM-DD, got "26\.11\.2026"$/],
    ["a missing from", `to=${TO}`, /^from is required, as YYYY-MM-DD/],
    ["a missing to", `from=${FROM}`, /^to is required, as YYYY-MM-DD/],
    ["to before from", `from=${TO}&to=${FROM}`, /^to \(2026-08-27\) must be after from \(2026-11-26\)/],
    ["to equal to from", `from=${FROM}&to=${FROM}`, /must be after from/],
    ["an unsupported series", `from=${FROM}&to=${TO}&series=month`, /^series must be "week"/],
    ["an empty team", `from=${FROM}&to=${TO}&team=`, /^team must not be empty/],
    [
      "an unknown parameter",
      `form=${FROM}&to=${TO}`,
      /^unknown parameter form: the parameters are from, to, team and series$/,
    ],
  ];
  for (const [scenario, query, reason] of badRequests) {
    test(`${scenario} is a 400 with the reason`, async () => {
      const response = await get(`/api/v1/workspaces/demo/metrics?${query}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.message).toMatch(reason);
    });
  }

  test("access is checked before the parameters: an unknown workspace is a 404 even with bad dates", async () => {
    const response = await get(`/api/v1/workspaces/nope/metrics?from=yesterday&to=${TO}`);
    expect(response.status).toBe(404);
  });
});

describe("pages and downloads answer with real status codes", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ now: NOW });
  });
  afterAll(() => app?.stop());

  const statuses: [string, number][] = [
    ["/", 200],
    ["/w/demo", 200],
    ["/w/nope", 404],
    ["/w/nope/repositories", 404],
    ["/w/demo/teams/checkout", 200],
    ["/w/demo/teams/ghosts", 404],
    ["/w/demo/metrics/lead-time", 200],
    ["/w/demo/metrics/leadTime", 200],
    ["/w/demo/metrics/happiness", 404],
    ["/w/demo/repositories", 200],
    ["/w/demo/incidents", 200],
  ];
  for (const [path, status] of statuses) {
    test(`GET ${path} is ${status}`, async () => {
      // The not-found text itself is drawn by the browser (dashboard.e2e.test.ts reads it there).
      const response = await app.fetch(`${path}`);
      expect(response.status).toBe(status);
    });
  }

  test("a drill-down CSV is what altimeter explain --csv prints", async () => {
    const response = await app.fetch(`/w/demo/metrics/change-failure-rate/csv?from=${FROM}&to=${TO}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="demo-change-failure-rate-${FROM}-to-${TO}.csv"`,
    );
    const run = altimeter(
      ["explain", "--metric", "changeFailureRate", "--workspace", "demo", "--from", FROM, "--to", TO, "--csv"],
      { db: app.dbFile },
    );
    expect(await response.text()).toBe(run.stdout);
  });

  test("a drill-down CSV with a bad date or an unknown workspace is a JSON error with its status", async () => {
    const bad = await app.fetch(`/w/demo/metrics/lead-time/csv?from=2026-13-01&to=${TO}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "invalid_input", message: 'from must be a date as YYYY-MM-DD, got "2026-13-01"' },
    });
    const missing = await app.fetch(`/w/nope/metrics/lead-time/csv?from=${FROM}&to=${TO}`);
    expect(missing.status).toBe(404);
  });
});
