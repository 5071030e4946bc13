import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SIGN_IN_ATTEMPTS_PER_ADDRESS, SIGN_IN_FAILURES_ALLOWED } from "@/lib/auth/auth";
import { launchBrowser, startApp, TEST_PASSWORD, type Credentials, type RunningApp } from "../../support/browser";

/**
 * A sign-in POST from a given loopback address: the whole of 127.0.0.0/8 is
 * this machine, so each test client has its own real source address (no
 * header pretends one).
 */
function signIn(
  app: RunningApp,
  from: string,
  who: { email: string; password: string },
): Promise<{ status: number; body: string }> {
  const url = new URL(`${app.url}/api/auth/sign-in/email`);
  const body = JSON.stringify(who);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", origin: app.url, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("sign-in is rate-limited per address and per email (production build)", () => {
  let app: RunningApp;
  let ana: Credentials;
  let victim: Credentials;
  let bystander: Credentials;

  beforeAll(async () => {
    app = await startApp({ demo: false });
    ana = await app.addUser("ana@example.test");
    victim = await app.addUser("victim@example.test");
    bystander = await app.addUser("bystander@example.test");
  });
  afterAll(async () => {
    await app?.stop();
  });

  test(`one address gets ${SIGN_IN_ATTEMPTS_PER_ADDRESS} attempts a minute, through the API and the sign-in page alike; other addresses are not affected`, async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i++) {
      const answer = await signIn(app, "127.0.0.1", {
        email: `guess${i}@example.test`,
        password: "wrong-password-123",
      });
      expect(answer.status, `attempt ${i + 1}`).toBe(401);
    }
    // The right password does not help once the address is over the limit.
    const refused = await signIn(app, "127.0.0.1", ana);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).message).toContain("too many sign-in attempts from your address");

    // The sign-in page (a server action calling better-auth in the server) counts for the same address.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${app.url}/sign-in`);
      await page.getByLabel("Email").fill(ana.email);
      await page.getByLabel("Password").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect
        .poll(() => page.locator("#sign-in-problem").textContent())
        .toContain("Too many attempts: too many sign-in attempts from your address");
      expect(new URL(page.url()).pathname).toBe("/sign-in");
    } finally {
      await browser.close();
    }

    // Another address signs in.
    expect((await signIn(app, "127.0.0.2", ana)).status).toBe(200);
  });

  test(`an email gets ${SIGN_IN_FAILURES_ALLOWED} failed attempts, from whatever addresses, then even the right password is refused; other emails are not affected`, async () => {
    const addresses = ["127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7"];
    for (let i = 0; i < SIGN_IN_FAILURES_ALLOWED; i++) {
      const answer = await signIn(app, addresses[i]!, { email: victim.email, password: `not-the-password-${i}` });
      expect(answer.status, `failure ${i + 1}`).toBe(401);
    }
    for (const from of ["127.0.0.3", "127.0.0.8"]) {
      const answer = await signIn(app, from, victim);
      expect(answer.status, from).toBe(429);
      expect(JSON.parse(answer.body).message).toContain(`too many failed sign-ins for ${victim.email}`);
    }
    // The same addresses still sign other people in.
    expect((await signIn(app, "127.0.0.3", bystander)).status).toBe(200);
  });
});
