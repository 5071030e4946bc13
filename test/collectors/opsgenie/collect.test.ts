import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { opsgenieCollector, opsgenieConfig } from "@/collectors/opsgenie";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { freshDatabase } from "../../support/db";
import { FakeOpsgenie } from "./server";
import { HOUR_MS } from "@/lib/time";

const KEY = "og-test-key";
process.env.OG_TEST_KEY = KEY;
process.env.OG_BAD_KEY = "wrong";

const now = Date.parse("2026-03-01T00:00:00Z");
const context = (db: Db): CollectorContext => ({ db, workspace: "acme", now: () => now, progress: () => {} });
const rows = (db: Db, sql: string) => db.rows<Record<string, unknown>>(sql);
const iso = (ms: number) => new Date(ms).toISOString();

describe("the Opsgenie collector", () => {
  const server = new FakeOpsgenie(KEY);
  let baseUrl = "";
  beforeAll(async () => {
    baseUrl = await server.start();
    const start = Date.parse("2026-02-01T00:00:00Z");
    for (let n = 1; n <= 230; n++) {
      server.incidents.push({
        id: `inc-${n}`,
        tinyId: String(n),
        message: `Incident ${n}`,
        status: n === 230 ? "open" : "resolved",
        createdAt: iso(start + n * HOUR_MS),
        updatedAt: iso(start + n * HOUR_MS + 20 * 60_000),
        priority: "P2",
        tags: [],
        ownerTeam: "team-id-1",
        impactedServices: n % 2 ? ["svc-checkout"] : [],
        responders: [{ type: "team", id: "team-id-1" }],
      });
    }
    server.alerts.push(
      {
        id: "alert-1",
        tinyId: "1",
        message: "Disk full",
        status: "closed",
        createdAt: "2026-02-10T10:00:00.123Z",
        updatedAt: "2026-02-11T00:00:00Z",
        priority: "P1",
        tags: ["production", "svc:billing"],
        entity: "db-1",
        teams: [{ id: "team-id-2" }],
        report: { ackTime: 5000, closeTime: 600_000, closedBy: "alice" },
      },
      {
        id: "alert-2",
        tinyId: "2",
        message: "Latency",
        status: "open",
        createdAt: "2026-02-12T10:00:00Z",
        updatedAt: "2026-02-12T10:00:00Z",
        priority: "P3",
        tags: ["production"],
        teams: [],
      },
      {
        id: "alert-3",
        tinyId: "3",
        message: "Noise",
        status: "closed",
        createdAt: "2026-02-13T10:00:00Z",
        tags: ["staging"],
        report: { closeTime: 1000 },
      },
    );
  });
  afterAll(() => server.stop());

  test("incidents are paged through with GenieKey auth and routed by impacted service, then owner team", async () => {
    const store = await freshDatabase();
    try {
      const config = opsgenieConfig({
        apiKeyEnv: "OG_TEST_KEY",
        baseUrl,
        since: "2026-02-01",
        services: { "svc-checkout": { repository: "acme/checkout" }, "team-id-1": { team: "payments" } },
      });
      const result = await opsgenieCollector.collect(context(store.db), config);
      expect(result).toMatchObject({ source: "opsgenie", status: "ok", records: { incident: 230 }, requests: 3 });
      expect(server.requests.map((u) => u.pathname)).toEqual(["/v1/incidents", "/v1/incidents", "/v1/incidents"]);
      expect(
        await rows(
          store.db,
          "SELECT id, opened_at, resolved_at, title, severity, repository_id, team_id, source FROM incidents WHERE id IN ('opsgenie:inc-1', 'opsgenie:inc-2', 'opsgenie:inc-230') ORDER BY opened_at",
        ),
      ).toEqual([
        {
          id: "opsgenie:inc-1",
          opened_at: Date.parse("2026-02-01T01:00:00Z"),
          resolved_at: Date.parse("2026-02-01T01:20:00Z"),
          title: "Incident 1",
          severity: "P2",
          repository_id: "acme/checkout",
          team_id: null,
          source: "opsgenie",
        },
        {
          id: "opsgenie:inc-2",
          opened_at: Date.parse("2026-02-01T02:00:00Z"),
          resolved_at: Date.parse("2026-02-01T02:20:00Z"),
          title: "Incident 2",
          severity: "P2",
          repository_id: null,
          team_id: "payments",
          source: "opsgenie",
        },
        {
          id: "opsgenie:inc-230",
          opened_at: Date.parse("2026-02-10T14:00:00Z"),
          resolved_at: null,
          title: "Incident 230",
          severity: "P2",
          repository_id: null,
          team_id: "payments",
          source: "opsgenie",
        },
      ]);
      const cursor = JSON.parse(
        ((await rows(store.db, "SELECT cursor FROM sync_cursors"))[0] as { cursor: string }).cursor,
      );
      expect(cursor).toEqual({ since: "2026-02-10T14:00:00.000Z" });
    } finally {
      await store.dispose();
    }
  });

  test("alerts, narrowed by a query, close at creation plus the report's close time", async () => {
    const store = await freshDatabase();
    try {
      server.requests = [];
      const config = opsgenieConfig({
        apiKeyEnv: "OG_TEST_KEY",
        baseUrl,
        api: "alerts",
        query: "tag: production",
        since: "2026-02-01",
        services: { "svc:billing": { repository: "acme/billing" } },
      });
      const result = await opsgenieCollector.collect(context(store.db), config);
      expect(result.records).toEqual({ incident: 2 });
      expect(server.requests[0]!.searchParams.get("query")).toBe(
        `createdAt >= ${Date.parse("2026-02-01")} AND createdAt < ${now} AND (tag: production)`,
      );
      expect(
        await rows(
          store.db,
          "SELECT id, opened_at, resolved_at, severity, repository_id FROM incidents ORDER BY opened_at",
        ),
      ).toEqual([
        {
          id: "opsgenie:alert-1",
          opened_at: Date.parse("2026-02-10T10:00:00.123Z"),
          resolved_at: Date.parse("2026-02-10T10:10:00.123Z"),
          severity: "P1",
          repository_id: "acme/billing",
        },
        {
          id: "opsgenie:alert-2",
          opened_at: Date.parse("2026-02-12T10:00:00Z"),
          resolved_at: null,
          severity: "P3",
          repository_id: null,
        },
      ]);
    } finally {
      await store.dispose();
    }
  });

  test("a rejected API key is an auth failure naming the variable", async () => {
    const store = await freshDatabase();
    try {
      const error = (await opsgenieCollector
        .collect(context(store.db), opsgenieConfig({ apiKeyEnv: "OG_BAD_KEY", baseUrl }))
        .catch((e: unknown) => e)) as Error;
      expect(error.message).toBe(
        "Opsgenie: 401 unauthorized (Could not authenticate); check the API key in $OG_BAD_KEY",
      );
      expect(await rows(store.db, "SELECT count(*) AS n FROM incidents")).toEqual([{ n: 0 }]);
    } finally {
      await store.dispose();
    }
  });
});
