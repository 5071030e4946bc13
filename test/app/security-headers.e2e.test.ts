import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, startApp, type RunningApp, type TestBrowser } from "../support/browser";

const nonceOf = (csp: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "")?.[1] ?? null;

// Finding 14: no security headers, then a CSP that left scripts to Next.
describe("security headers on the production build", () => {
  let app: RunningApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser({ signIn: app });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("pages and API answers forbid framing and sniffing and keep referrers to the origin", async () => {
    for (const path of ["/", "/api/v1/workspaces/nope/metrics?from=2026-01-05&to=2026-01-12", "/sign-in"]) {
      const res = await app.fetch(path);
      const csp = res.headers.get("content-security-policy");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
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

  test("scripts run only with this request's nonce: no 'unsafe-inline', a new nonce each time, on every script", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/w/demo", "/w/demo", "/sign-in"]) {
      const res = await app.fetch(path, path === "/sign-in" ? { anonymous: true } : {});
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'; /);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      const nonce = nonceOf(csp)!;
      nonces.add(nonce);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  test("in Chromium the dashboard runs with no CSP violation, and an injected inline script does not run", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${app.url}/w/demo`);
    await page.getByRole("article").first().waitFor();
    // Hydrated: client components run (the React root is attached to the document).
    await page.waitForFunction(() => "next" in window);
    expect(violations).toEqual([]);

    // An HTML injection that got past escaping, simulated by rewriting the answer on its way to the browser.
    await page.route(`${app.url}/w/demo`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("<body>", "<body><script>window.__injected = 1</script>");
      await route.fulfill({ response, body });
    });
    await page.goto(`${app.url}/w/demo`);
    await page.getByRole("article").first().waitFor();
    expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  });
});

// Finding 13: a path whose percent-escapes are not UTF-8 made Next's own decoding fail with a bare 500.
describe("odd addresses on the production build", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: false });
  });
  afterAll(() => app?.stop());

  test("/w/%ff%fe is a 400 page saying why, echoing nothing of the address", async () => {
    for (const who of [{}, { anonymous: true }]) {
      for (const path of ["/w/%ff%fe", "/w/%ff%fe/report", "/w/demo%c3"]) {
        const res = await app.fetch(path, who);
        expect(res.status, path).toBe(400);
        expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
        const html = await res.text();
        expect(html).toContain("do not decode to UTF-8 text, so it names no page");
        expect(html).not.toMatch(/%ff|%fe|%c3|demo/i);
        expect(res.headers.get("content-security-policy")).toContain("script-src 'self' 'nonce-");
      }
    }
    const api = await app.fetch("/api/v1/workspaces/%ff/metrics");
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      error: {
        code: "bad_request",
        message:
          "The address holds percent-escapes that do not decode to UTF-8 text, so it names no page. Check the link.",
      },
    });
  });
});
