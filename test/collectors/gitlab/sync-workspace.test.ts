import { afterAll, beforeAll, expect, test } from "vitest";
import { parseConfig } from "@/collectors/config";
import { syncWorkspace } from "@/collectors/sync";
import { listSyncRuns } from "@/lib/queries/sync-runs";
import { getWorkspace } from "@/lib/queries/workspaces";
import { freshDatabase } from "../../support/db";
import { FakeJira, fakeIssue } from "../jira/server";
import { fakeInstance } from "./support/model";
import { type FakeGitlab, startFakeGitlab } from "./support/server";
import { HOUR_MS } from "@/lib/time";

const store = await freshDatabase();
let gitlab: FakeGitlab;
const jira = new FakeJira({ basic: { email: "ops@acme.example", token: "jira-sync-token" } });
let jiraSite = "";
beforeAll(async () => {
  gitlab = await startFakeGitlab(fakeInstance(2, { mrs: 3, commits: 3, deployments: 3, pipelines: 3, incidents: 2 }));
  jiraSite = await jira.start();
  jira.now = Date.now();
  for (let n = 1; n <= 4; n++) jira.issues.push(fakeIssue(n, Date.now() - 24 * HOUR_MS));
  process.env.SYNC_TEST_GITLAB_TOKEN = gitlab.token;
  process.env.SYNC_TEST_JIRA_EMAIL = "ops@acme.example";
  process.env.SYNC_TEST_JIRA_TOKEN = "jira-sync-token";
});
afterAll(async () => {
  await gitlab.close();
  await jira.stop();
  await store.dispose();
});

test("gitlab and jira sources of the config file run in altimeter sync (and so in the worker), each recorded in sync_runs", async () => {
  const config = parseConfig(
    {
      workspaces: [
        {
          slug: "acme",
          sources: [
            { kind: "gitlab", group: "acme", url: gitlab.url, tokenEnv: "SYNC_TEST_GITLAB_TOKEN" },
            {
              kind: "jira",
              site: jiraSite,
              jql: "project = OPS",
              emailEnv: "SYNC_TEST_JIRA_EMAIL",
              tokenEnv: "SYNC_TEST_JIRA_TOKEN",
              services: { "Checkout API": { repository: "acme/service-0" } },
            },
          ],
        },
      ],
    },
    "altimeter.config.json",
    process.cwd(),
  );
  const result = await syncWorkspace({ db: store.db, now: Date.now, progress: () => {} }, config.workspaces[0]!);
  expect(result.status).toBe("ok");
  expect(result.sources.map((s) => [s.source, s.status])).toEqual([
    ["gitlab", "ok"],
    ["jira", "ok"],
  ]);
  expect(result.sources[0]!.records).toMatchObject({ repository: 2, pull_request: 6, incident: 4 });
  expect(result.sources[1]!.records).toEqual({ incident: 4 });
  const workspace = await getWorkspace(store.db, "acme");
  const runs = await listSyncRuns(store.db, workspace.id);
  expect(runs.map((r) => [r.source, r.status]).sort()).toEqual([
    ["gitlab", "ok"],
    ["jira", "ok"],
  ]);
});
