import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page, Request } from "playwright-core";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { listMembers, listTokens, OPERATOR } from "@/lib/service/access";
import { readAuditPage } from "@/lib/service/audit-log";
import {
  freshConnectionFetch,
  launchBrowser,
  signInBrowser,
  startApp,
  type Credentials,
  type RunningApp,
  type TestBrowser,
} from "../../support/browser";
import { importObjects } from "../../support/db";
import { deployment, repository, team } from "../../factories";
import { DAY_MS } from "@/lib/time";

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

function records(slug: string) {
  return [
    team({ id: `${slug}-team`, name: `${slug} team` }),
    repository({ id: `${slug}-repo`, name: `${slug}/api`, teamId: `${slug}-team` }),
    deployment({ repositoryId: `${slug}-repo`, finishedAt: iso(NOW - 3 * DAY_MS) }),
  ];
}

/** A server action POST as the browser sent it, to send again. */
interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

function captureActions(page: Page): CapturedAction[] {
  const captured: CapturedAction[] = [];
  page.on("request", (request: Request) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"])
      captured.push({ url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) });
  });
  return captured;
}

describe("managing members, tokens, sessions and users in the app (production build, Chromium)", () => {
  let app: RunningApp;
  let owner: Credentials;
  let viewer: Credentials;
  let outsider: Credentials;
  let browser: TestBrowser;

  const inDb = async <T>(run: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDatabase(app.dbFile);
    try {
      return await run(db);
    } finally {
      await closeDatabase(db);
    }
  };
  const members = () => inDb((db) => listMembers(db, OPERATOR, "alpha"));
  const get = (path: string, cookie: string | null) =>
    freshConnectionFetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    app = await startApp({
      demo: false,
      prepare: async (db) => {
        await importObjects(db, "alpha", records("alpha"));
        await importObjects(db, "bravo", records("bravo"));
      },
    });
    owner = await app.addUser("olga@alpha.test", { alpha: "owner" });
    viewer = await app.addUser("vic@alpha.test", { alpha: "viewer" });
    outsider = await app.addUser("bo@bravo.test", { bravo: "owner" });
    await app.addUser("newbie@alpha.test");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("an owner adds a member by email, changes their role and removes them; each change is in the audit log", async () => {
    await browser.context.clearCookies();
    await signInBrowser(browser, app, owner);
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/alpha`);
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" }).click();
    await page.waitForURL(`${app.url}/w/alpha/members`);
    await expect.poll(() => page.locator("main h2#members-title").textContent()).toBe("2 members");

    const add = page.locator("form", { has: page.getByRole("button", { name: "Add", exact: true }) });
    await add.getByLabel("Email").fill("nobody@nowhere.test");
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => add.getByRole("alert").textContent()).toBe("no user nobody@nowhere.test");

    await add.getByLabel("Email").fill("newbie@alpha.test");
    await add.getByLabel("Role").selectOption("viewer");
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => add.getByRole("status").textContent()).toBe("newbie@alpha.test is now viewer of alpha.");
    await expect.poll(() => page.locator("main h2#members-title").textContent()).toBe("3 members");

    const role = page.getByRole("form", { name: "Role of newbie@alpha.test" });
    await role.getByRole("combobox").selectOption("editor");
    await role.getByRole("button", { name: "Change" }).click();
    await expect.poll(() => role.getByRole("status").textContent()).toBe("newbie@alpha.test is now editor of alpha.");
    expect((await members()).find((m) => m.email === "newbie@alpha.test")?.role).toBe("editor");

    await page.getByRole("form", { name: "Remove newbie@alpha.test" }).getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => page.locator("main h2#members-title").textContent()).toBe("2 members");
    expect((await members()).map((m) => m.email)).toEqual(["olga@alpha.test", "vic@alpha.test"]);

    // The only owner cannot demote themself and leave the workspace without one.
    const own = page.getByRole("form", { name: "Role of olga@alpha.test" });
    await own.getByRole("combobox").selectOption("viewer");
    await own.getByRole("button", { name: "Change" }).click();
    await expect.poll(() => own.getByRole("alert").textContent()).toContain("only owner");

    await page.goto(`${app.url}/w/alpha/audit?action=member&actor=olga`);
    // The page streams in after its loading state: wait for the entries, then read them.
    await expect.poll(() => page.locator("main table tbody tr").count()).toBe(3);
    const rows = await page.locator("main table tbody tr").allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("member.remove");
    expect(rows[0]).toContain("newbie@alpha.test (was editor)");
    expect(rows[1]).toContain("newbie@alpha.test: viewer → editor");
    expect(rows[2]).toContain("newbie@alpha.test: none → viewer");
    for (const row of rows) expect(row).toContain("user:olga@alpha.test");
    await page.close();
  });

  test("an owner creates an API token, sees it once, it works, and revoking it stops it at once", async () => {
    await browser.context.clearCookies();
    await signInBrowser(browser, app, owner);
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/alpha/tokens`);
    // The list streams in after its loading state: wait for it, never for a clock.
    await expect.poll(() => page.locator("main").textContent()).toContain("No API tokens yet");
    await page.getByLabel("Name (what uses it)").fill("ci-metrics");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByRole("textbox", { name: "Shown once" });
    await expect.poll(() => shown.inputValue()).toMatch(/^alt_[A-Za-z0-9_-]{40,}$/);
    const token = await shown.inputValue();
    await expect.poll(() => page.locator("main h2#tokens-title").textContent()).toBe("1 live token");

    const api = (path: string) =>
      freshConnectionFetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const to = iso(NOW).slice(0, 10);
    const from = iso(NOW - 28 * DAY_MS).slice(0, 10);
    expect((await api(`/api/v1/workspaces/alpha/metrics?from=${from}&to=${to}`)).status).toBe(200);
    expect((await api(`/api/v1/workspaces/bravo/metrics?from=${from}&to=${to}`)).status).toBe(404);

    // Shown once: not after a reload, and nowhere in the page's HTML.
    await page.reload();
    expect(await page.content()).not.toContain(token);
    await expect.poll(() => page.locator("main table").textContent()).toContain(token.slice(0, 10));
    // Used once by the calls above (the column says when, not "never").
    expect(await page.locator("main table tbody tr td:nth-child(6)").textContent()).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d$/,
    );

    await page.getByRole("form", { name: "Revoke token ci-metrics" }).getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => page.locator("main h2#tokens-title").textContent()).toBe("0 live tokens, 1 revoked");
    expect((await api(`/api/v1/workspaces/alpha/metrics?from=${from}&to=${to}`)).status).toBe(401);
    const stored = await inDb((db) => listTokens(db, OPERATOR, "alpha"));
    expect(stored.map((t) => [t.name, t.revokedAt !== null])).toEqual([["ci-metrics", true]]);

    await page.goto(`${app.url}/w/alpha/audit?action=token`);
    await expect.poll(() => page.locator("main table tbody tr").count()).toBe(2);
    const rows = await page.locator("main table tbody tr").allTextContents();
    expect(rows.map((r) => /token\.\w+/.exec(r)?.[0])).toEqual(["token.revoke", "token.create"]);
    for (const row of rows) expect(row).not.toContain(token);
    await page.close();
  });

  test("a viewer sees no members, tokens or audit entries, and no owner links", async () => {
    await browser.context.clearCookies();
    await signInBrowser(browser, app, viewer);
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/alpha`);
    const nav = await page.getByRole("navigation", { name: "Workspace" }).textContent();
    expect(nav).toContain("Overview");
    expect(nav).not.toContain("Members");
    for (const path of ["members", "tokens", "audit"]) {
      const response = await page.goto(`${app.url}/w/alpha/${path}`);
      expect(response?.status()).toBe(200);
      const main = await page.locator("main").textContent();
      expect(main).toContain("Only the workspace's owners see its");
      expect(main).toContain("Your role here is viewer");
      expect(main).not.toContain("olga@alpha.test");
      expect(main).not.toContain("ci-metrics");
    }
    // Instance pages are not there for a non-admin: the 404 of a page that does not exist.
    for (const path of ["/admin/users", "/admin/audit"]) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status()).toBe(404);
      expect(await page.locator("main").textContent()).not.toContain("olga@alpha.test");
    }
    await page.close();
  });

  test("each user sees their own sessions and ends the others", async () => {
    const elsewhere = await app.signIn(viewer);
    expect((await get("/w/alpha", elsewhere)).status).toBe(200);
    await browser.context.clearCookies();
    await signInBrowser(browser, app, viewer);
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: viewer.email }).click();
    await page.waitForURL(`${app.url}/account`);
    const rows = page.locator("main table tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.filter({ hasText: "this browser" }).count()).toBe(1);
    await page.getByRole("button", { name: /^End the \d+ other sessions?$/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    // The other session is gone at once; this browser stays signed in.
    const after = await get("/w/alpha", elsewhere);
    expect(after.status).toBe(307);
    expect(after.headers.get("location")).toContain("/sign-in");
    expect((await page.goto(`${app.url}/w/alpha`))?.status()).toBe(200);
    await page.close();
  });

  test("an admin adds a user who signs in with the one-time link, signs them out everywhere, makes them admin, and reads the audit log", async () => {
    await browser.context.clearCookies();
    await signInBrowser(browser, app, app.admin);
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: "Users" }).click();
    await page.waitForURL(`${app.url}/admin/users`);
    const add = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
    await add.getByLabel("Email").fill("Carla@Consult.test");
    await add.getByLabel("Name (optional)").fill("Carla");
    await add.getByRole("button", { name: "Add user" }).click();
    const shown = add.getByRole("textbox", { name: "Shown once" });
    await expect.poll(() => shown.inputValue()).toContain("/api/auth/one-time-link?token=");
    const link = await shown.inputValue();
    expect(await add.getByRole("status").textContent()).toContain("carla@consult.test added");

    // The link signs Carla in, once.
    const other = await launchBrowser();
    try {
      const carla = await other.newPage();
      await carla.goto(link.replace(/^https?:\/\/[^/]+/, app.url));
      await carla.waitForURL(`${app.url}/`);
      expect(await carla.getByRole("link", { name: "carla@consult.test" }).count()).toBe(1);
      await expect.poll(() => carla.locator("main").textContent()).toContain("No workspaces");
      // Signed out everywhere by the admin: her next page is the sign-in page.
      await page
        .getByRole("form", { name: "Sign carla@consult.test out everywhere" })
        .getByRole("button", { name: "Sign out everywhere" })
        .click();
      await expect
        .poll(() => page.getByRole("form", { name: "Sign carla@consult.test out everywhere" }).textContent())
        .toContain("1 session of carla@consult.test ended.");
      await carla.goto(`${app.url}/`);
      expect(new URL(carla.url()).pathname).toBe("/sign-in");
      // The link was spent.
      await carla.goto(link.replace(/^https?:\/\/[^/]+/, app.url));
      expect(new URL(carla.url()).pathname).toBe("/sign-in");
    } finally {
      await other.close();
    }

    const reset = page.getByRole("form", { name: "New sign-in link for carla@consult.test" });
    await reset.getByRole("button", { name: "New link" }).click();
    await expect.poll(() => reset.getByRole("textbox", { name: "Shown once" }).inputValue()).toContain("token=");
    expect(await reset.getByRole("textbox", { name: "Shown once" }).inputValue()).not.toBe(link);

    await page
      .getByRole("form", { name: "Make admin carla@consult.test" })
      .getByRole("button", { name: "Make admin" })
      .click();
    await expect.poll(() => page.getByRole("form", { name: "Remove admin from carla@consult.test" }).count()).toBe(1);

    await page.goto(`${app.url}/admin/audit?actor=${encodeURIComponent(app.admin.email)}&workspace=instance`);
    await expect.poll(() => page.locator("main table tbody tr").count()).toBeGreaterThanOrEqual(4);
    const actions = (await page.locator("main table tbody tr td:nth-child(4)").allTextContents()).slice(0, 4);
    expect(actions).toEqual(["user.admin", "user.link", "session.revoke", "user.create"]);
    const text = await page.locator("main table").textContent();
    expect(text).not.toContain(link.split("token=")[1]);

    // Filter by workspace: bravo has only the membership the CLI gave; nothing matches a made-up action.
    await page.goto(`${app.url}/admin/audit?workspace=bravo`);
    await expect.poll(() => page.locator("main table tbody").textContent()).toContain("bo@bravo.test: none → owner");
    expect(await page.locator("main table tbody tr").count()).toBe(1);
    await page.goto(`${app.url}/admin/audit?workspace=bravo&action=token`);
    await expect.poll(() => page.locator("main").textContent()).toContain("No entries match these filters.");
    await page.goto(`${app.url}/admin/audit?workspace=alpha&action=token.create`);
    await expect.poll(() => page.locator("main table tbody tr").count()).toBe(1);
    await page.close();
  });

  test("a captured server action replayed after sign-out, by a viewer, or by another workspace's owner changes nothing", async () => {
    await browser.context.clearCookies();
    const ownerCookie = await app.signIn(owner);
    await signInBrowser(browser, app, owner);
    const page = await browser.newPage();
    const captured = captureActions(page);
    await page.goto(`${app.url}/w/alpha/members`);
    const add = page.locator("form", { has: page.getByRole("button", { name: "Add", exact: true }) });
    await add.getByLabel("Email").fill("newbie@alpha.test");
    await add.getByLabel("Role").selectOption("owner");
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => add.getByRole("status").textContent()).toBe("newbie@alpha.test is now owner of alpha.");
    expect(captured).toHaveLength(1);
    const action = captured[0]!;
    // Undo it, so that a replay that went through would show.
    await page.getByRole("form", { name: "Remove newbie@alpha.test" }).getByRole("button", { name: "Remove" }).click();
    await expect.poll(async () => (await members()).length).toBe(2);
    const browserCookie = (await browser.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    // Sign out in the browser: its session row is deleted.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.close();

    const auditedBefore = await inDb((db) => readAuditPage(db, OPERATOR, { workspace: null }));
    const replay = (cookie: string | null, url = action.url) => {
      const headers: Record<string, string> = {
        "next-action": action.headers["next-action"]!,
        "content-type": action.headers["content-type"]!,
        accept: "text/x-component",
        origin: app.url,
      };
      if (action.headers["next-router-state-tree"])
        headers["next-router-state-tree"] = action.headers["next-router-state-tree"];
      if (cookie) headers.cookie = cookie;
      return freshConnectionFetch(url, { method: "POST", headers, body: action.body as unknown as BodyInit });
    };

    const signedOut = await replay(browserCookie);
    expect(signedOut.status).toBe(401);
    const anonymous = await replay(null);
    expect(anonymous.status).toBe(401);

    const asViewer = await replay(await app.signIn(viewer));
    expect(asViewer.status).toBe(200);
    expect(await asViewer.text()).toContain('Nothing was changed: your role on \\"alpha\\" is viewer');

    // Another workspace's owner replaying it to alpha's address: alpha is the 404 of a workspace that does not exist.
    const outsiderCookie = await app.signIn(outsider);
    const foreign = await replay(outsiderCookie);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("olga@alpha.test");

    // The owner's own cookie, replayed to another workspace's address: bravo is a 404 to her.
    const elsewhere = await replay(ownerCookie, `${app.url}/w/bravo/members`);
    expect(elsewhere.status).toBe(404);

    expect((await members()).map((m) => `${m.email}:${m.role}`)).toEqual([
      "olga@alpha.test:owner",
      "vic@alpha.test:viewer",
    ]);
    const bravo = await inDb((db) => listMembers(db, OPERATOR, "bravo"));
    expect(bravo.map((m) => m.email)).toEqual(["bo@bravo.test"]);
    // Nothing was written but the sign-ins of the replayers.
    const audited = await inDb((db) => readAuditPage(db, OPERATOR, { workspace: null }));
    const added = audited.rows.filter((r) => r.id > auditedBefore.rows[0]!.id);
    expect(added.map((r) => r.action)).toEqual(["sign-in", "sign-in"]);
  });
});
