import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WorkspaceConfigSchema } from "@/collectors/config";
import { fetchJson } from "@/collectors/fetch-json";
import { syncWorkspace } from "@/collectors/sync";
import { z } from "zod";
import { freshDatabase } from "../support/db";

// Finding 8: a proxy that echoed the auth header put PagerDuty and Opsgenie keys into `sync` output and sync_runs.summary.
const PD_KEY = "u+pdSECRETkey0123456789";
const OG_KEY = "og-0f1e2d3c-4b5a-6978-secret";
// An odd variable name, known as a secret only because the config names it.
process.env.ABUSE_PD = PD_KEY;

let server: Server;
let base = "";
beforeAll(async () => {
  // A misbehaving proxy: every answer echoes the request's Authorization header.
  server = createServer((req, res) => {
    const status = Number(new URL(req.url!, "http://x").searchParams.get("status") ?? 400);
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `bad request with Authorization: ${req.headers.authorization}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const client = (authorization: string) => ({
  service: "Test",
  headers: { authorization },
  credentialHint: "$KEY",
  attempts: 2,
  baseDelayMs: 1,
  requests: { count: 0 },
});

describe("no key in an error", () => {
  for (const [name, authorization, key] of [
    ["PagerDuty", `Token token=${PD_KEY}`, PD_KEY],
    ["Opsgenie", `GenieKey ${OG_KEY}`, OG_KEY],
  ] as const)
    for (const status of [400, 401, 500])
      test(`a ${status} echoing ${name}'s auth header is reported without the key`, async () => {
        const error = (await fetchJson(client(authorization), `${base}/x?status=${status}`, z.unknown()).catch(
          (e: unknown) => e,
        )) as Error;
        expect(error.message).toContain("[redacted]");
        expect(error.message).not.toContain(key);
      });

  test("a sync's printed result and its stored sync_runs.summary carry no key", async () => {
    const store = await freshDatabase();
    try {
      const config = WorkspaceConfigSchema.parse({
        slug: "acme",
        sources: [{ kind: "pagerduty", tokenEnv: "ABUSE_PD", baseUrl: base, since: "2026-01-01" }],
      });
      const result = await syncWorkspace({ db: store.db, now: () => Date.now(), progress: () => {} }, config);
      expect(result.sources[0]!.status).toBe("failed");
      const printed = JSON.stringify(result);
      expect(printed).toContain("[redacted]");
      expect(printed).not.toContain(PD_KEY);
      const stored = await store.db.rows("SELECT summary FROM sync_runs");
      expect(JSON.stringify(stored)).not.toContain(PD_KEY);
      expect(JSON.stringify(stored)).toContain("[redacted]");
    } finally {
      await store.dispose();
    }
  });
});
