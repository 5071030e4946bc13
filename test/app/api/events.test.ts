import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { freshDatabase } from "../../support/db";
import { deployment, incident, repository } from "../../factories";

const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-events-"));
process.env.ALTIMETER_DB = store.file;
process.env.ALTIMETER_EVENTS_TOKEN_ACME_EU = "acme-events-token";
process.env.PARTNER_TOKEN = "partner-token";
process.env.ALTIMETER_CONFIG = path.join(dir, "altimeter.config.yaml");
writeFileSync(
  process.env.ALTIMETER_CONFIG,
  "workspaces:\n  - slug: partner\n    events: { tokenEnv: PARTNER_TOKEN }\n",
);

// Workspaces are the operator's to create; the events API only writes to existing ones.
for (const slug of ["acme-eu", "partner"]) await ensureWorkspace(store.db, slug);

// The real route handler, called with real Requests.
const { POST } = await import("@/app/api/events/route");

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

function send(body: string, options: { workspace?: string; token?: string | null; contentType?: string } = {}) {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/x-ndjson" };
  const token = options.token === undefined ? "acme-events-token" : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return POST(
    new Request(`http://localhost/api/events?workspace=${options.workspace ?? "acme-eu"}`, {
      method: "POST",
      headers,
      body,
    }),
  );
}

const ndjson = (...records: object[]) => `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
const count = (table: string) => store.db.value<number>(`SELECT count(*) FROM ${table}`);

describe("POST /api/events", () => {
  test("without the workspace's bearer token the request is refused with 401 and nothing is stored", async () => {
    const body = ndjson(repository({ id: "acme/a" }));
    const missing = await send(body, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    expect(await missing.json()).toEqual({
      error: { code: "unauthorized", message: "missing or wrong bearer token (Authorization: Bearer …)" },
    });
    expect((await send(body, { token: "acme-events-tokenX" })).status).toBe(401);
    // A workspace without a configured token accepts nobody.
    const unconfigured = await send(body, { workspace: "acme", token: "acme-events-token" });
    expect(await unconfigured.json()).toEqual({
      error: {
        code: "unauthorized",
        message: 'no events token is configured for workspace "acme" (set ALTIMETER_EVENTS_TOKEN_ACME)',
      },
    });
    expect(await count("repositories")).toBe(0);
  });

  test("an NDJSON body is imported and answered with the import summary", async () => {
    const response = await send(ndjson(repository({ id: "acme/a" }), deployment({ id: "d1", repositoryId: "acme/a" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      imported: { repository: 1, deployment: 1 },
      rejected: [],
      rejectedTotal: 0,
    });
  });

  test("some rejected lines give 207 with their line numbers; all rejected give 422", async () => {
    const mixed = await send(
      ndjson(incident({ id: "i1" }), { type: "incident", id: "i2", openedAt: "2026-01-01 10:00" }, { type: "alien" }),
    );
    expect(mixed.status).toBe(207);
    const summary = await mixed.json();
    expect(summary.imported).toEqual({ incident: 1 });
    expect(summary.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3]);
    const none = await send(ndjson({ type: "alien" }));
    expect(none.status).toBe(422);
  });

  test("one JSON record, or an array of them, is accepted as application/json", async () => {
    const one = await send(JSON.stringify(incident({ id: "json-1" })), { contentType: "application/json" });
    expect(one.status).toBe(200);
    const many = await send(JSON.stringify([incident({ id: "json-2" }), incident({ id: "json-3" })]), {
      contentType: "application/json; charset=utf-8",
    });
    expect(await many.json()).toMatchObject({ imported: { incident: 2 } });
    const broken = await send("{ not json", { contentType: "application/json" });
    expect(broken.status).toBe(400);
    expect(await count("incidents")).toBe(4);
  });

  test("a token named by the config file works, and a body over 5 MB is 413", async () => {
    const partner = await send(ndjson(incident({ id: "p1" })), { workspace: "partner", token: "partner-token" });
    expect(partner.status).toBe(200);
    const big = await send("x".repeat(5 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
  });
});
