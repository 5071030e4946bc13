import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SIGN_IN_ATTEMPTS_PER_ADDRESS } from "@/lib/auth/auth";
import { createToken, OPERATOR } from "@/lib/service/access";
import { DAY_MS } from "@/lib/time";
import { deployment, repository } from "../factories";
import {
  addTestUser,
  type Credentials,
  freshConnectionFetch,
  launchBrowser,
  type RunningApp,
  signInBrowser,
  startApp,
  type TestBrowser,
  TEST_AUTH_SECRET,
} from "../support/browser";
import { altimeter } from "../support/cli";
import { importObjects } from "../support/db";

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const FROM = iso(NOW - 28 * DAY_MS).slice(0, 10);
const TO = iso(NOW + DAY_MS).slice(0, 10);
const METRICS = `/api/v1/workspaces/acme/metrics?from=${FROM}&to=${TO}`;

/**
 * Two instances of the app (two `next start` processes of the production build) serving one store:
 * SQLite on the e2e project, one PostgreSQL database on e2e-postgres, as behind a load balancer.
 * Nothing either process keeps in memory may hide what the other wrote.
 */
describe("two app processes on one store", () => {
  let a: RunningApp;
  let b: RunningApp;
  let browser: TestBrowser | null = null;
  let eventsToken = "";
  const users: Record<"owner" | "viewer" | "member", Credentials> = {} as never;
  const env = { ALTIMETER_AUTH_SECRET: TEST_AUTH_SECRET };

  beforeAll(async () => {
    a = await startApp({
      demo: false,
      env,
      prepare: async (db) => {
        await importObjects(db, "acme", [
          repository({ id: "shop" }),
          ...[3, 10].map((d) =>
            deployment({ id: `old-${d}`, repositoryId: "shop", finishedAt: iso(NOW - d * DAY_MS) }),
          ),
        ]);
        users.owner = await addTestUser(db, "owner@acme.test", { acme: "owner" });
        users.viewer = await addTestUser(db, "viewer@acme.test", { acme: "viewer" });
        users.member = await addTestUser(db, "member@acme.test", { acme: "viewer" });
        eventsToken = (await createToken(db, OPERATOR, "acme", { name: "ci", scope: "write:events" })).token;
      },
    });
    b = await startApp({ dbFile: a.dbFile, env });
  });
  afterAll(async () => {
    await browser?.close();
    await b?.stop();
    await a?.stop();
  });

  const as = (app: RunningApp, cookie: string, path: string, init: RequestInit = {}) =>
    freshConnectionFetch(`${app.url}${path}`, { ...init, headers: { ...init.headers, cookie } });
  const deployments = async (app: RunningApp) => {
    const response = await app.fetch(METRICS);
    expect(response.status).toBe(200);
    return (await response.json()) as { deploymentFrequency: { deployments: number } };
  };

  test("a session made on A is valid on B, and signing out on A ends it on B at once", async () => {
    const cookie = await a.signIn(users.viewer);
    const session = await as(b, cookie, "/api/auth/get-session");
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe("viewer@acme.test");
    expect((await as(b, cookie, METRICS)).status).toBe(200);

    const out = await as(a, cookie, "/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json", origin: a.url },
      body: "{}",
    });
    expect(out.status, await out.clone().text()).toBe(200);
    expect(await (await as(b, cookie, "/api/auth/get-session")).json()).toBeNull();
    expect((await as(b, cookie, METRICS)).status).toBe(401);
  });

  test("events imported through A are in B's numbers at once, though B had them cached", async () => {
    // B computes (and keeps) the report first.
    const before = await deployments(b);
    expect(before.deploymentFrequency.deployments).toBe(2);
    expect(await deployments(b)).toEqual(before);

    const ndjson = [1, 2, 5]
      .map((d) =>
        JSON.stringify(deployment({ id: `new-${d}`, repositoryId: "shop", finishedAt: iso(NOW - d * DAY_MS) })),
      )
      .join("\n");
    const posted = await freshConnectionFetch(`${a.url}/api/events?workspace=acme`, {
      method: "POST",
      headers: { authorization: `Bearer ${eventsToken}`, "content-type": "application/x-ndjson" },
      body: `${ndjson}\n`,
    });
    expect(posted.status, await posted.clone().text()).toBe(200);

    const after = await deployments(b);
    expect(after.deploymentFrequency.deployments).toBe(5);
    expect(await deployments(a)).toEqual(after);
  });

  test("records another process imports (the CLI, as a worker on another machine writes) are in both apps' numbers at once", async () => {
    const before = (await deployments(a)).deploymentFrequency.deployments;
    expect((await deployments(b)).deploymentFrequency.deployments).toBe(before);
    const dir = mkdtempSync(path.join(tmpdir(), "altimeter-many-apps-"));
    try {
      const file = path.join(dir, "more.ndjson");
      const more = [4, 6].map((d) =>
        deployment({ id: `cli-${d}`, repositoryId: "shop", finishedAt: iso(NOW - d * DAY_MS) }),
      );
      writeFileSync(file, `${more.map((r) => JSON.stringify(r)).join("\n")}\n`);
      const run = altimeter(["import", file, "--workspace", "acme"], { db: a.dbFile });
      expect(run.status, run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const app of [a, b]) expect((await deployments(app)).deploymentFrequency.deployments).toBe(before + 2);
  });

  test(`sign-in attempts from one address count on both: ${SIGN_IN_ATTEMPTS_PER_ADDRESS} a minute in all, not per instance`, async () => {
    // An address of its own (all of 127/8 is this machine), wrong passwords for as many emails (so no email's own limit applies).
    const attempt = (app: RunningApp, n: number) =>
      freshConnectionFetch(
        `${app.url}/api/auth/sign-in/email`,
        {
          method: "POST",
          headers: { "content-type": "application/json", origin: app.url },
          body: JSON.stringify({ email: `guess${n}@acme.test`, password: "wrong-password-123" }),
        },
        { localAddress: "127.0.222.1" },
      );
    const answers: number[] = [];
    for (let n = 0; n < SIGN_IN_ATTEMPTS_PER_ADDRESS; n++) answers.push((await attempt(n % 2 ? b : a, n)).status);
    expect(answers).toEqual(answers.map(() => 401));
    for (const app of [a, b]) {
      const refused = await attempt(app, 99);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { message: string }).message).toContain(
        "too many sign-in attempts from your address",
      );
    }
  });

  test("an owner removing a member through A takes the member's access away on B at once", async () => {
    const member = await b.signIn(users.member);
    expect((await as(b, member, METRICS)).status).toBe(200);

    // Server actions need a page: the owner removes the member in Chromium, on A.
    browser = await launchBrowser();
    await signInBrowser(browser, a, users.owner);
    const page = await browser.newPage();
    await page.goto(`${a.url}/w/acme/members`);
    const remove = page.getByRole("form", { name: "Remove member@acme.test" });
    await remove.getByRole("button", { name: "Remove" }).click();
    await remove.waitFor({ state: "detached" });
    await page.close();

    expect((await as(b, member, METRICS)).status).toBe(404);
    // Still signed in (the removal took a workspace away, not the account), on both.
    for (const app of [a, b]) {
      const session = await as(app, member, "/api/auth/get-session");
      expect(((await session.json()) as { user: { email: string } }).user.email).toBe("member@acme.test");
    }
  });
});
