import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pagerdutyCollector, pagerdutyConfig } from "@/collectors/pagerduty";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { UpstreamError } from "@/lib/errors";
import { freshDatabase } from "../../support/db";
import { FakePagerduty, fakeIncident } from "./server";
import { HOUR_MS } from "@/lib/time";

const TOKEN = "pd-test-token-123";
process.env.PD_TEST_TOKEN = TOKEN;
process.env.PD_WRONG_TOKEN = "not-the-token";

const now = Date.parse("2026-03-01T00:00:00Z");
const context = (db: Db, at = now): CollectorContext => ({ db, workspace: "acme", now: () => at, progress: () => {} });
const rows = (db: Db, sql: string) => db.rows<Record<string, unknown>>(sql);
const iso = (ms: number) => new Date(ms).toISOString();

describe("the PagerDuty collector", () => {
  const server = new FakePagerduty(TOKEN);
  let baseUrl = "";
  beforeAll(async () => {
    baseUrl = await server.start();
    // 250 resolved incidents over January, one an hour, across three pages.
    for (let n = 1; n <= 250; n++)
      server.incidents.push(fakeIncident(n, iso(Date.parse("2026-01-01T00:00:00Z") + n * 2 * HOUR_MS)));
    server.incidents[0]!.priority = { id: "PRI1", summary: "P1" };
    server.incidents[1]!.service = { id: "PSVC002", type: "service_reference", summary: "Payments worker" };
    server.incidents[2]!.service = { id: "PSVC003", type: "service_reference", summary: "Unmapped" };
    server.incidents[2]!.teams = [{ id: "PTEAM9", type: "team_reference", summary: "Platform" }];
    server.incidents[3]!.service = { id: "PSVC004", type: "service_reference", summary: "Nobody's" };
    server.incidents.push(fakeIncident(251, "2026-02-27T10:00:00Z", { status: "acknowledged" }));
  });
  afterAll(() => server.stop());

  const config = () =>
    pagerdutyConfig({
      tokenEnv: "PD_TEST_TOKEN",
      baseUrl,
      since: "2026-01-01",
      services: {
        PSVC001: { repository: "acme/checkout" },
        "Payments worker": { team: "payments" },
        Platform: { team: "platform", repository: "acme/infra" },
      },
    });

  test("a wrong token fails clearly, naming the variable and never the token, and stores nothing", async () => {
    const store = await freshDatabase();
    try {
      const error = await pagerdutyCollector
        .collect(context(store.db), { ...config(), tokenEnv: "PD_WRONG_TOKEN" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).kind).toBe("auth");
      expect((error as Error).message).toMatch(/PagerDuty: 401 unauthorized .*\$PD_WRONG_TOKEN/);
      expect((error as Error).message).not.toContain("not-the-token");
      expect(await rows(store.db, "SELECT count(*) AS n FROM incidents")).toEqual([{ n: 0 }]);
      expect(await rows(store.db, "SELECT count(*) AS n FROM sync_cursors")).toEqual([{ n: 0 }]);
      const missing = await pagerdutyCollector
        .collect(context(store.db), { ...config(), tokenEnv: "PD_UNSET_TOKEN" })
        .catch((e: Error) => e.message);
      expect(missing).toBe("PagerDuty: environment variable PD_UNSET_TOKEN is not set (it must hold a REST API key)");
    } finally {
      await store.dispose();
    }
  });

  describe("syncing one workspace", async () => {
    const store = await freshDatabase();
    afterAll(() => store.dispose());

    test("a full sync pages through every incident and maps services and teams to repositories and teams", async () => {
      server.requests = [];
      const result = await pagerdutyCollector.collect(context(store.db), config());
      expect(result).toMatchObject({
        source: "pagerduty",
        status: "ok",
        records: { incident: 251 },
        failures: [],
        requests: 3,
      });
      expect(server.requests.map((u) => u.searchParams.get("offset"))).toEqual(["0", "100", "200"]);
      expect(server.requests[0]!.searchParams.get("since")).toBe("2026-01-01T00:00:00.000Z");
      expect(server.requests[0]!.searchParams.getAll("statuses[]")).toEqual(["triggered", "acknowledged", "resolved"]);

      const first = await rows(
        store.db,
        "SELECT id, opened_at, resolved_at, title, severity, repository_id, team_id, source, url FROM incidents ORDER BY opened_at LIMIT 5",
      );
      expect(first).toEqual([
        {
          id: "pagerduty:P000001",
          opened_at: Date.parse("2026-01-01T02:00:00Z"),
          resolved_at: Date.parse("2026-01-01T02:30:00Z"),
          title: "Incident 1",
          severity: "P1",
          repository_id: "acme/checkout",
          team_id: null,
          source: "pagerduty",
          url: "https://acme.pagerduty.com/incidents/P1",
        },
        expect.objectContaining({
          id: "pagerduty:P000002",
          severity: "high",
          repository_id: null,
          team_id: "payments",
        }),
        expect.objectContaining({ id: "pagerduty:P000003", repository_id: "acme/infra", team_id: "platform" }),
        expect.objectContaining({ id: "pagerduty:P000004", repository_id: null, team_id: null }),
        expect.objectContaining({ id: "pagerduty:P000005", repository_id: "acme/checkout" }),
      ]);
      expect(await rows(store.db, "SELECT id, resolved_at FROM incidents WHERE id = 'pagerduty:P000251'")).toEqual([
        { id: "pagerduty:P000251", resolved_at: null },
      ]);
    });

    test("a re-sync starts at the oldest open incident, picks up its resolution and new incidents, and duplicates nothing", async () => {
      const open = server.incidents[250]!;
      open.status = "resolved";
      open.last_status_change_at = "2026-03-01T02:00:00Z";
      server.incidents.push(fakeIncident(252, "2026-03-01T01:00:00Z"));
      server.requests = [];
      const later = now + 6 * HOUR_MS;
      const result = await pagerdutyCollector.collect(context(store.db, later), config());
      expect(result.records).toEqual({ incident: 2 });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.searchParams.get("since")).toBe("2026-02-27T10:00:00.000Z");
      expect(await rows(store.db, "SELECT count(*) AS n FROM incidents")).toEqual([{ n: 252 }]);
      expect(await rows(store.db, "SELECT resolved_at FROM incidents WHERE id = 'pagerduty:P000251'")).toEqual([
        { resolved_at: Date.parse("2026-03-01T02:00:00Z") },
      ]);
      const cursor = JSON.parse(
        ((await rows(store.db, "SELECT cursor FROM sync_cursors"))[0] as { cursor: string }).cursor,
      );
      expect(cursor).toEqual({ since: iso(later - 10 * 60_000) });
    });
  });

  test("a 502 and a rate limit mid-sync are retried, and the sync completes", async () => {
    const store = await freshDatabase();
    try {
      server.faults = [502, 429];
      server.requests = [];
      const result = await pagerdutyCollector.collect(context(store.db), config());
      expect(result.status).toBe("ok");
      expect(result.records.incident).toBe(251);
      expect(result.requests).toBe(5);
    } finally {
      server.faults = [];
      await store.dispose();
    }
  });

  test("with resolvedFrom log_entries, the resolve log entry gives the resolution time", async () => {
    const store = await freshDatabase();
    const base = server.incidents.length;
    try {
      server.incidents.push(
        fakeIncident(900, "2026-02-20T10:00:00Z", {
          last_status_change_at: "2026-02-20T18:00:00Z",
          log: [
            { type: "trigger_log_entry", created_at: "2026-02-20T10:00:00Z" },
            { type: "resolve_log_entry", created_at: "2026-02-20T10:45:00Z" },
            { type: "annotate_log_entry", created_at: "2026-02-20T18:00:00Z" },
          ],
        }),
      );
      const result = await pagerdutyCollector.collect(context(store.db), {
        ...config(),
        since: "2026-02-20",
        resolvedFrom: "log_entries",
      });
      expect(result.status).toBe("ok");
      expect(await rows(store.db, "SELECT id, resolved_at FROM incidents WHERE id = 'pagerduty:P000900'")).toEqual([
        { id: "pagerduty:P000900", resolved_at: Date.parse("2026-02-20T10:45:00Z") },
      ]);
    } finally {
      server.incidents.length = base;
      await store.dispose();
    }
  });

  test("more incidents than PagerDuty's offset cap of 10,000 are all collected, by restarting from the last creation time", async () => {
    const store = await freshDatabase();
    const big = new FakePagerduty(TOKEN);
    try {
      const url = await big.start();
      const start = Date.parse("2025-06-01T00:00:00Z");
      for (let n = 1; n <= 10_050; n++) big.incidents.push(fakeIncident(n, iso(start + n * 60_000)));
      const result = await pagerdutyCollector.collect(context(store.db), {
        ...config(),
        baseUrl: url,
        since: "2025-06-01",
      });
      expect(result.status).toBe("ok");
      expect(await rows(store.db, "SELECT count(*) AS n FROM incidents")).toEqual([{ n: 10_050 }]);
      expect(big.requests.every((u) => Number(u.searchParams.get("offset")) + 100 <= 10_000)).toBe(true);
    } finally {
      await big.stop();
      await store.dispose();
    }
  });
});
