import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/browser";

// Finding 14: no security headers.
describe("security headers on the production build", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: false });
  });
  afterAll(() => app?.stop());

  test("pages and API answers forbid framing and sniffing and keep referrers to the origin", async () => {
    for (const path of ["/", "/api/v1/workspaces/nope/metrics?from=2026-01-05&to=2026-01-12"]) {
      const res = await app.fetch(path);
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  test("HSTS is sent when the app is reached over https (as a proxy says)", async () => {
    const res = await app.fetch("/", { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});
