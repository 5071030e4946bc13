import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { freePort } from "@/lib/report/app-server";
import { OPERATOR, readInstanceAudit } from "@/lib/service/access";
import { findUserByEmail } from "@/lib/queries/access";
import { launchBrowser, startApp, type RunningApp, type TestBrowser } from "../../support/browser";
import { importObjects } from "../../support/db";
import { startOidcServer, type OidcServer } from "../../support/oidc-server";
import { repository, team } from "../../factories";

const CLIENT = { id: "altimeter-test", secret: "a-client-secret-only-in-the-environment" };
const MEMBER = "olivia@alpha.test";
const STRANGER = "stranger@elsewhere.test";

describe("signing in through an OpenID Connect provider (oidc-provider on loopback, production build, Chromium)", () => {
  let app: RunningApp;
  let idp: OidcServer;
  let browser: TestBrowser;
  let dir: string;

  beforeAll(async () => {
    // The provider's address goes into the config file before the app starts; the app's, into the provider's client.
    const port = await freePort();
    dir = mkdtempSync(path.join(tmpdir(), "altimeter-oidc-"));
    const config = path.join(dir, "altimeter.config.json");
    writeFileSync(
      config,
      JSON.stringify({
        workspaces: [{ slug: "alpha" }],
        auth: {
          oidc: [
            {
              id: "test-idp",
              name: "Test IdP",
              issuer: `http://127.0.0.1:${port}`,
              clientId: CLIENT.id,
              clientSecretEnv: "ALTIMETER_TEST_OIDC_SECRET",
            },
          ],
        },
      }),
    );
    app = await startApp({
      demo: false,
      prepare: async (db) => {
        await importObjects(db, "alpha", [
          team({ id: "alpha-team", name: "Alpha team" }),
          repository({ id: "alpha-repo", name: "alpha/api", teamId: "alpha-team" }),
        ]);
      },
      env: { ALTIMETER_CONFIG: config, ALTIMETER_TEST_OIDC_SECRET: CLIENT.secret },
    });
    idp = await startOidcServer({
      port,
      client: { ...CLIENT, redirectUri: `${app.url}/api/auth/callback/test-idp` },
      people: { [MEMBER]: { name: "Olivia Member" }, [STRANGER]: { name: "Stan Stranger" } },
    });
    // Olivia has an account (no password: she only ever signs in through the provider) and reads alpha.
    await app.addUser(MEMBER, { alpha: "viewer" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signInAtProvider(email: string, next: string) {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${app.url}${next}`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
    // The provider's own login and consent pages.
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    // The provider asks for consent to share the email and profile, unless it already has it.
    const consent = page.getByRole("button", { name: "Continue" });
    await Promise.race([
      page.waitForURL((url) => url.origin === app.url).catch(() => undefined),
      consent.waitFor().catch(() => undefined),
    ]);
    if (new URL(page.url()).origin === idp.issuer) await consent.click();
    await page.waitForURL((url) => url.origin === app.url);
    await page.waitForLoadState("load");
    return page;
  }

  test("an existing user signs in at the provider and lands where they were going, signed in", async () => {
    const page = await signInAtProvider(MEMBER, "/w/alpha/repositories");
    expect(page.url().replace(app.url, "")).toBe("/w/alpha/repositories");
    await expect.poll(() => page.locator("main").textContent()).toContain("alpha/api");
    expect(await page.getByRole("link", { name: MEMBER }).count()).toBe(1);
    await page.close();

    const db = await openDatabase(app.dbFile);
    try {
      const entries = await readInstanceAudit(db, OPERATOR);
      expect(entries.some((e) => e.action === "sign-in" && e.detail === MEMBER)).toBe(true);
      // The client secret is nowhere in the database (nor in its write-ahead log).
      for (const file of [app.dbFile, `${app.dbFile}-wal`])
        if (existsSync(file)) expect(readFileSync(file).includes(CLIENT.secret), file).toBe(false);
    } finally {
      await closeDatabase(db);
    }
  });

  test("someone the provider knows but this instance does not is refused, and no account is made", async () => {
    const page = await signInAtProvider(STRANGER, "/w/alpha");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.locator("main").textContent()).toContain("If you have no account here yet, ask an admin");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    const back = await page.goto(`${app.url}/w/alpha`);
    expect(new URL(back!.url()).pathname).toBe("/sign-in");
    await page.close();
    const db = await openDatabase(app.dbFile);
    try {
      expect(await findUserByEmail(db, STRANGER)).toBeNull();
    } finally {
      await closeDatabase(db);
    }
  });
});
