import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appRoutes, fillPattern, type AppRoute } from "../../support/app-routes";
import { launchBrowser, startApp, TEST_PASSWORD, type Credentials, type RunningApp } from "../../support/browser";
import { importObjects } from "../../support/db";
import { deployment, incident, repository, team } from "../../factories";
import { DAY_MS, HOUR_MS } from "@/lib/time";

const DAY = DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();
const NOW = Date.now();
const FROM = iso(NOW - 56 * DAY).slice(0, 10);
const TO = iso(NOW).slice(0, 10);

/** Two clients in one instance. Everything of B has a name that appears nowhere else. */
const A = { slug: "alpha", name: "Alpha Holdings", team: "alpha-core" };
const B = { slug: "bravo", name: "Zanzibar Secret Ventures", team: "zulu-team" };
const B_MARKERS = ["Zanzibar", "Zulu Platform Squad", "zanzibar/ledger", "Quokka"];

function records(w: { team: string }, teamName: string, repoName: string, incidentTitle: string) {
  const repo = `${w.team}-repo`;
  return [
    team({ id: w.team, name: teamName }),
    repository({ id: repo, name: repoName, teamId: w.team }),
    ...[3, 10, 20, 30].map((d) =>
      deployment({ repositoryId: repo, finishedAt: iso(NOW - d * DAY), createdAt: iso(NOW - d * DAY - HOUR_MS) }),
    ),
    incident({
      title: incidentTitle,
      repositoryId: repo,
      openedAt: iso(NOW - 9 * DAY),
      resolvedAt: iso(NOW - 9 * DAY + 2 * HOUR_MS),
    }),
  ];
}

const routes = appRoutes();
/** Routes anyone may call: signing in, and the inbound APIs that check their own token or signature. */
const PUBLIC = new Set([
  "/sign-in",
  "/api/auth/[...all]",
  "/api/events",
  "/api/webhooks/github",
  "/api/webhooks/gitlab",
]);
const workspaceRoutes = routes.filter((r) => r.pattern.includes("[workspace]"));

function concrete(r: AppRoute, w: { slug: string; team: string }): string {
  const url = fillPattern(r.pattern, { workspace: w.slug, team: w.team, metric: "lead-time", all: "get-session" });
  return r.pattern.startsWith("/api/v1/") ? `${url}?from=${FROM}&to=${TO}` : url;
}

describe("accounts and per-workspace access, on the production build", () => {
  let app: RunningApp;
  let viewerA: Credentials;
  let viewerB: Credentials;
  let cookieA: string;
  let cookieB: string;

  const get = (path: string, cookie: string | null) =>
    fetch(`${app.url}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    app = await startApp({
      demo: false,
      prepare: async (db) => {
        await importObjects(db, A.slug, records(A, "Alpha Core", "alpha/api", "Alpha hiccup"));
        await importObjects(db, B.slug, records(B, "Zulu Platform Squad", "zanzibar/ledger-service", "Quokka outage"));
        for (const w of [A, B]) await db.exec("UPDATE workspaces SET name = ? WHERE slug = ?", [w.name, w.slug]);
      },
    });
    viewerA = await app.addUser("ana@alpha.test", { [A.slug]: "viewer" });
    viewerB = await app.addUser("bo@bravo.test", { [B.slug]: "viewer" });
    cookieA = await app.signIn(viewerA);
    cookieB = await app.signIn(viewerB);
  });
  afterAll(async () => {
    await app?.stop();
  });

  test("the crawl finds every route of app/, and each has a concrete address", () => {
    expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/", "/w/[workspace]", "/api/events"]));
    for (const r of routes) expect(() => concrete(r, B)).not.toThrow();
    expect(workspaceRoutes.length).toBeGreaterThanOrEqual(13);
  });

  test("anonymous: every page sends to sign-in and every other route answers 401; only sign-in and the inbound APIs are open", async () => {
    for (const r of routes) {
      const path = concrete(r, B);
      for (const method of r.methods) {
        const response = await fetch(`${app.url}${path}`, { method, redirect: "manual" });
        const body = await response.text();
        for (const marker of B_MARKERS) expect(body, `${method} ${path}`).not.toContain(marker);
        if (PUBLIC.has(r.pattern)) {
          if (r.pattern === "/sign-in") expect(response.status).toBe(200);
          else if (r.pattern.startsWith("/api/auth")) expect(response.status, path).toBeLessThan(500);
          else expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
          continue;
        }
        if (r.kind === "page") {
          expect(response.status, `${method} ${path}`).toBe(307);
          const location = new URL(response.headers.get("location")!, app.url);
          expect(location.pathname).toBe("/sign-in");
          if (path !== "/") expect(location.searchParams.get("next")).toBe(path);
        } else {
          expect(response.status, `${method} ${path}`).toBe(401);
          expect(JSON.parse(body).error.code).toBe("unauthorized");
        }
      }
    }
  });

  test("a viewer of A gets, on every route of B, exactly the 404 of a workspace that does not exist, and nothing of B", async () => {
    const ghost = { slug: "bravx", team: B.team };
    for (const r of workspaceRoutes) {
      for (const method of r.methods) {
        const forbidden = await fetch(`${app.url}${concrete(r, B)}`, {
          method,
          redirect: "manual",
          headers: { cookie: cookieA },
        });
        const missing = await fetch(`${app.url}${concrete(r, ghost)}`, {
          method,
          redirect: "manual",
          headers: { cookie: cookieA },
        });
        const body = await forbidden.text();
        expect(forbidden.status, `${method} ${concrete(r, B)}`).toBe(404);
        expect(missing.status).toBe(404);
        for (const marker of B_MARKERS) expect(body, `${method} ${concrete(r, B)}`).not.toContain(marker);
        // The same page, word for word, once the slug typed in the address is set aside.
        const normalise = (text: string, slug: string) =>
          text
            .replaceAll(slug, "SLUG")
            .replace(/"buildId":"[^"]+"/g, "")
            // Each answer carries its own CSP nonce (proxy.ts).
            .replace(/ nonce="[^"]*"/g, "")
            .replace(/<script[\s\S]*?<\/script>/g, "");
        expect(normalise(body, B.slug), concrete(r, B)).toBe(normalise(await missing.text(), ghost.slug));
      }
    }
  });

  test("the workspace list shows a viewer only their workspaces; an admin sees all", async () => {
    const listA = await (await get("/", cookieA)).text();
    expect(listA).toContain(A.name);
    expect(listA).not.toContain(B.name);
    for (const marker of B_MARKERS) expect(listA).not.toContain(marker);
    const listAdmin = await (await app.fetch("/")).text();
    expect(listAdmin).toContain(A.name);
    expect(listAdmin).toContain(B.name);
  });

  test("a viewer of B reads every page and route of B (the PDF printed through a print token)", async () => {
    for (const r of workspaceRoutes) {
      const path = concrete(r, B);
      const response = await get(path, cookieB);
      expect(response.status, `GET ${path}: ${(await response.clone().text()).slice(0, 300)}`).toBe(200);
      await response.arrayBuffer();
    }
  });

  test("pages outside workspaces: everyone has their account page; a non-admin gets a 404 on every admin page, with nothing of it", async () => {
    const pages = routes.filter(
      (r) => r.kind === "page" && !r.pattern.includes("[workspace]") && !PUBLIC.has(r.pattern),
    );
    expect(pages.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/account", "/admin/audit", "/admin/users"]));
    for (const r of pages) {
      const asViewer = await get(r.pattern, cookieA);
      const asAdmin = await app.fetch(r.pattern);
      expect(asAdmin.status, r.pattern).toBe(200);
      await asAdmin.arrayBuffer();
      const body = await asViewer.text();
      if (!r.pattern.startsWith("/admin/")) {
        expect(asViewer.status, r.pattern).toBe(200);
        continue;
      }
      expect(asViewer.status, r.pattern).toBe(404);
      expect(body).not.toContain(app.admin.email);
      expect(body).not.toContain(viewerB.email);
    }
  });

  test("a foreign Host (DNS rebinding) is refused before anything runs, even with a matching Origin", async () => {
    const port = new URL(app.url).port;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path: `/w/${B.slug}/maturity/questionnaire`,
          method: "POST",
          headers: {
            host: `rebind.attacker.example:${port}`,
            origin: `http://rebind.attacker.example:${port}`,
            cookie: cookieB,
            "content-type": "application/x-www-form-urlencoded",
          },
        },
        (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on("error", reject);
      req.end("author=x");
    });
    expect(answer.status).toBe(421);
    expect(answer.body).toContain("does not answer to that host name");
  });

  test("in the browser: sign in with email and password, land where you were going, be refused B, sign out", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${app.url}/w/${A.slug}/repositories`);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await page.getByLabel("Email").fill(viewerA.email);
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect
        .poll(() => page.locator("#sign-in-problem").textContent())
        .toContain("Wrong email address or password");
      await page.getByLabel("Password").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${app.url}/w/${A.slug}/repositories`);
      // The page streams: its loading state comes first.
      await expect.poll(() => page.locator("main").textContent()).toContain("alpha/api");
      const refused = await page.goto(`${app.url}/w/${B.slug}`);
      expect(refused?.status()).toBe(404);
      expect(await page.content()).not.toContain(B.name);
      await page.goto(`${app.url}/`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/sign-in/);
      const after = await page.goto(`${app.url}/w/${A.slug}`);
      expect(new URL(after!.url()).pathname).toBe("/sign-in");
    } finally {
      await browser.close();
    }
  });
});
