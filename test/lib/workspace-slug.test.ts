import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseConfig } from "@/collectors/config";
import { slugForEnv } from "@/lib/service/inbound-secrets";
import { freshDatabase, importObjects } from "../support/db";

const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-slug-"));
process.env.ALTIMETER_DB = store.file;
process.env.ALTIMETER_CONFIG = path.join(dir, "absent.yaml");

// The real route handler, called with real Requests.
const { POST } = await import("@/app/api/events/route");

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

const team = { type: "team", id: "a", name: "A" };
const config = (slug: string) => () => parseConfig({ workspaces: [{ slug }] }, "altimeter.config.yaml", dir);
function sendEvent(slug: string) {
  process.env[`ALTIMETER_EVENTS_TOKEN_${slugForEnv(slug)}`] = "token";
  return POST(
    new Request(`http://localhost/api/events?workspace=${encodeURIComponent(slug)}`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: "Bearer token" },
      body: `${JSON.stringify({ type: "team", id: "b", name: "B" })}\n`,
    }),
  );
}

describe("one slug rule for the store, the config file and the inbound endpoints", () => {
  // "acme_eu" too, but not beside "acme-eu": twins share their env var names (test/abuse/shared-secrets.test.ts).
  test.each(["acme", "acme-eu", "acme_us", "a1", "0", "x".repeat(64)])(
    "%s is accepted by all three, so a workspace made by an import receives events",
    async (slug) => {
      await importObjects(store.db, slug, [team]);
      expect(config(slug)().workspaces[0]!.slug).toBe(slug);
      const response = await sendEvent(slug);
      expect(response.status).toBe(200);
    },
  );

  test.each(["Acme.io", "acme.io", "Acme", "-acme", "_acme", "acme corp/eu", "", "x".repeat(65)])(
    "%j is refused by all three with the same rule",
    async (slug) => {
      const rule = '1–64 lower-case letters, digits, "-" or "_", starting with a letter or digit';
      await expect(importObjects(store.db, slug, [team])).rejects.toThrow(
        `workspace slug ${JSON.stringify(slug)} must be ${rule}`,
      );
      expect(config(slug)).toThrow(`must be ${rule}`);
      const response = await sendEvent(slug);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(slug ? `must be ${rule}` : "name the workspace");
      expect(await store.db.value("SELECT count(*) FROM workspaces WHERE slug = ?", [slug])).toBe(0);
    },
  );
});
