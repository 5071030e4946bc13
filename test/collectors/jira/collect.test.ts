import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createJiraCollector, JiraConfigSchema } from "@/collectors/jira";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { UpstreamError, ValidationError } from "@/lib/errors";
import { freshDatabase } from "../../support/db";
import { FakeJira, fakeIssue, jiraAt } from "./server";
import { HOUR_MS } from "@/lib/time";

const BASE = Date.parse("2026-01-01T00:00:00Z");
const NOW = Date.parse("2026-03-01T00:00:00Z");
const EMAIL = "ops@acme.example";
const TOKEN = "jira-api-token-123";
const env = { JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: TOKEN } as unknown as NodeJS.ProcessEnv;
const rows = (db: Db, sql: string) => db.rows<Record<string, unknown>>(sql);
const context = (db: Db, at = NOW): CollectorContext => ({ db, workspace: "acme", now: () => at, progress: () => {} });

describe("the Jira collector (Cloud)", () => {
  const jira = new FakeJira({ basic: { email: EMAIL, token: TOKEN } });
  let site = "";
  beforeAll(async () => {
    site = await jira.start();
    jira.now = NOW;
    for (let n = 1; n <= 230; n++) jira.issues.push(fakeIssue(n, BASE));
    // Done without a resolution date: resolved when it last moved into its done status.
    const viaHistory = jira.issues[1]!;
    viaHistory.fields.resolutiondate = null;
    viaHistory.fields.status = { name: "Closed", statusCategory: { key: "done" } };
    viaHistory.changelog = {
      histories: [
        {
          id: "1",
          created: jiraAt(BASE + 2 * HOUR_MS + 10 * 60_000),
          items: [
            { field: "status", fieldtype: "jira", from: "1", fromString: "Open", to: "3", toString: "In Progress" },
          ],
        },
        {
          id: "2",
          created: jiraAt(BASE + 2 * HOUR_MS + 50 * 60_000),
          items: [
            { field: "status", fieldtype: "jira", from: "3", fromString: "In Progress", to: "6", toString: "Closed" },
          ],
        },
      ],
    };
    const open = jira.issues[2]!;
    open.fields.resolutiondate = null;
    open.fields.status = { name: "In Progress", statusCategory: { key: "indeterminate" } };
    jira.issues[3]!.fields.components = [];
    jira.issues[3]!.fields.labels = ["payments"];
    jira.issues[4]!.fields.components = [{ name: "Search" }];
    jira.issues[5]!.fields.components = [];
    jira.issues[5]!.fields.customfield_10050 = { self: "…", value: "Platform", id: "10101" };
    jira.issues[5]!.fields.customfield_10060 = "gitlab:deployment:4711";
  });
  afterAll(() => jira.stop());

  const config = (extra: Record<string, unknown> = {}) =>
    JiraConfigSchema.parse({
      kind: "jira",
      site,
      jql: "project = OPS",
      since: "2026-01-01",
      routeBy: ["component", "label", "customfield_10050"],
      services: {
        "Checkout API": { repository: "acme/checkout" },
        payments: { team: "payments" },
        Platform: { team: "platform", repository: "acme/infra" },
      },
      fixDeploymentField: "customfield_10060",
      ...extra,
    });

  test("a missing e-mail or token is named; a wrong token fails with 401 naming the variables and never the token", async () => {
    const store = await freshDatabase();
    try {
      const collector = createJiraCollector({ env: { JIRA_API_TOKEN: TOKEN } as unknown as NodeJS.ProcessEnv });
      await expect(collector.collect(context(store.db), config())).rejects.toThrow(ValidationError);
      const wrong = createJiraCollector({
        env: { JIRA_EMAIL: EMAIL, JIRA_API_TOKEN: "not-the-token" } as unknown as NodeJS.ProcessEnv,
      });
      const error = await wrong.collect(context(store.db), config()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as Error).message).toMatch(
        /Jira: 401 unauthorized .*\$JIRA_EMAIL and the API token in \$JIRA_API_TOKEN/,
      );
      expect((error as Error).message).not.toContain("not-the-token");
      expect(await rows(store.db, "SELECT count(*) AS n FROM incidents")).toEqual([{ n: 0 }]);
    } finally {
      await store.dispose();
    }
  });

  describe("syncing one workspace", async () => {
    const store = await freshDatabase();
    afterAll(() => store.dispose());
    const collector = createJiraCollector({ env, baseDelayMs: 1, maxDelayMs: 5 });

    test("pages with nextPageToken, retries a 429 and a 502, maps resolution, severity, routing and fix deployments, and lists unmapped values", async () => {
      jira.requests = [];
      jira.faults = [429, 502];
      const result = await collector.collect(context(store.db), config());
      expect(result).toMatchObject({
        source: "jira",
        status: "ok",
        records: { incident: 230 },
        failures: [],
        requests: 5,
      });
      expect(result.warnings).toEqual([
        { scope: site, message: '"Search" (1 incident) is routed nowhere: add it to the source\'s services' },
      ]);
      const pages = jira.requests.slice(2);
      expect(pages.map((u) => u.searchParams.get("nextPageToken"))).toEqual([null, "MTAw", "MjAw"]);
      expect(pages[0]!.searchParams.get("jql")).toBe(
        `(project = OPS) AND updated >= "-${(NOW - BASE) / 60_000 + 60}m" ORDER BY updated ASC`,
      );
      expect(pages[0]!.searchParams.get("expand")).toBe("changelog");
      expect(
        await rows(
          store.db,
          "SELECT id, opened_at, resolved_at, title, severity, repository_id, team_id, fix_deployment_id, source, url FROM incidents ORDER BY opened_at LIMIT 6",
        ),
      ).toEqual([
        {
          id: "jira:10001",
          opened_at: BASE + HOUR_MS,
          resolved_at: BASE + HOUR_MS + 30 * 60_000,
          title: "OPS-1 Incident 1",
          severity: "High",
          repository_id: "acme/checkout",
          team_id: null,
          fix_deployment_id: null,
          source: "jira",
          url: `${site}/browse/OPS-1`,
        },
        expect.objectContaining({ id: "jira:10002", resolved_at: BASE + 2 * HOUR_MS + 50 * 60_000 }),
        expect.objectContaining({ id: "jira:10003", resolved_at: null }),
        expect.objectContaining({ id: "jira:10004", repository_id: null, team_id: "payments" }),
        expect.objectContaining({ id: "jira:10005", repository_id: null, team_id: null }),
        expect.objectContaining({
          id: "jira:10006",
          repository_id: "acme/infra",
          team_id: "platform",
          fix_deployment_id: "gitlab:deployment:4711",
        }),
      ]);
    });

    test("a re-sync asks only for what was updated since, picks up a resolution, and duplicates nothing", async () => {
      const open = jira.issues[2]!;
      open.fields.resolutiondate = jiraAt(NOW + HOUR_MS);
      open.fields.updated = jiraAt(NOW + HOUR_MS);
      jira.now = NOW + 2 * HOUR_MS;
      jira.requests = [];
      const result = await collector.collect(context(store.db, NOW + 2 * HOUR_MS), config());
      // OPS-3, and OPS-229 and OPS-230 again: the hour looked back for clock skew.
      expect(result.records).toEqual({ incident: 3 });
      expect(jira.requests).toHaveLength(1);
      // From the newest update stored (OPS-230), plus an hour for clock skew.
      const newest = BASE + 230 * HOUR_MS + 30 * 60_000;
      expect(jira.requests[0]!.searchParams.get("jql")).toContain(
        `updated >= "-${Math.ceil((NOW + 2 * HOUR_MS - newest + HOUR_MS) / 60_000)}m"`,
      );
      expect(await rows(store.db, "SELECT resolved_at FROM incidents WHERE id = 'jira:10003'")).toEqual([
        { resolved_at: NOW + HOUR_MS },
      ]);
      expect(await rows(store.db, "SELECT count(*) AS n FROM incidents")).toEqual([{ n: 230 }]);
    });
  });
});

describe("the Jira collector (Data Center)", () => {
  test("pages with startAt and a Bearer personal access token", async () => {
    const jira = new FakeJira({ bearer: "dc-pat-456" });
    const site = await jira.start();
    const store = await freshDatabase();
    try {
      jira.now = NOW;
      for (let n = 1; n <= 150; n++) jira.issues.push(fakeIssue(n, BASE));
      const collector = createJiraCollector({ env: { JIRA_API_TOKEN: "dc-pat-456" } as unknown as NodeJS.ProcessEnv });
      const result = await collector.collect(
        context(store.db),
        JiraConfigSchema.parse({ kind: "jira", site, jql: "project = OPS", api: "datacenter", since: "2026-01-01" }),
      );
      expect(result).toMatchObject({ status: "ok", records: { incident: 150 }, requests: 2 });
      expect(jira.requests.map((u) => [u.pathname, u.searchParams.get("startAt")])).toEqual([
        ["/rest/api/2/search", "0"],
        ["/rest/api/2/search", "100"],
      ]);
      expect(result.warnings).toEqual([
        { scope: site, message: '"Checkout API" (150 incidents) is routed nowhere: add it to the source\'s services' },
      ]);
    } finally {
      await jira.stop();
      await store.dispose();
    }
  });
});
