import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase } from "@/db/client";
import { freshDatabase } from "../../support/db";
import { altimeterAsync } from "../github/support/cli";
import { FakeJira, fakeIssue } from "./server";
import { HOUR_MS } from "@/lib/time";

const jira = new FakeJira({ basic: { email: "ops@acme.example", token: "jira-token" } });
const store = await freshDatabase();
let site = "";
beforeAll(async () => {
  site = await jira.start();
  await closeDatabase(store.db); // the CLI opens it
  for (let n = 1; n <= 3; n++) jira.issues.push(fakeIssue(n, Date.now() - 10 * HOUR_MS));
  jira.issues[2]!.fields.components = [{ name: "Search" }];
});
afterAll(async () => {
  await jira.stop();
  await store.dispose().catch(() => {});
});

test("altimeter collect jira stores the incidents, names values routed nowhere, and exits 0", async () => {
  const run = await altimeterAsync(
    [
      "collect",
      "jira",
      "--site",
      site,
      "--jql",
      "project = OPS",
      "--workspace",
      "acme",
      "--map",
      "Checkout API=repository:acme/checkout",
    ],
    { db: store.file, env: { JIRA_EMAIL: "ops@acme.example", JIRA_API_TOKEN: "jira-token" } },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain(`warning: ${site}: "Search" (1 incident) is routed nowhere`);
  expect(run.stdout).toMatch(/^acme: jira ok in [\d.]+ s: 3 incident; 1 requests; 1 warning \(below\)\n$/);
  const bad = await altimeterAsync(
    ["collect", "jira", "--site", site, "--jql", "project = OPS ORDER BY created", "--workspace", "acme"],
    {
      db: store.file,
    },
  );
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain("--jql: leave ORDER BY out");
});
