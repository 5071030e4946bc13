import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConfig } from "@/collectors/config";
import { freshDatabase, importObjects } from "../support/db";
import * as github from "../app/api/webhooks/payloads";
import * as gitlab from "../app/api/webhooks/gitlab-payloads";

// Finding 9: `acme-eu` and `acme_eu` read the same variables, and one signed delivery could be aimed at any workspace.
const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-shared-secrets-"));
process.env.ALTIMETER_DB = store.file;
process.env.ALTIMETER_CONFIG = path.join(dir, "altimeter.config.json");
const SHARED = "the organisation-wide webhook secret";
const SHARED_TOKEN = "the organisation-wide gitlab token";
process.env.GITHUB_WEBHOOK_SECRET = SHARED;
process.env.GITLAB_WEBHOOK_TOKEN = SHARED_TOKEN;
// What the operator of acme-eu set up, before acme_eu existed.
process.env.ALTIMETER_EVENTS_TOKEN_ACME_EU = "acme-eu's events token";
process.env.GITHUB_WEBHOOK_SECRET_ACME_EU = "acme-eu's webhook secret";
writeFileSync(
  process.env.ALTIMETER_CONFIG,
  JSON.stringify({
    workspaces: [
      {
        slug: "listed",
        webhooks: { githubSecretEnv: "GITHUB_WEBHOOK_SECRET", gitlabTokenEnv: "GITLAB_WEBHOOK_TOKEN" },
        sources: [{ kind: "gitlab", group: "acme" }],
      },
      { slug: "unlisted" },
    ],
  }),
);

const events = await import("@/app/api/events/route");
const githubRoute = await import("@/app/api/webhooks/github/route");
const gitlabRoute = await import("@/app/api/webhooks/gitlab/route");

beforeAll(async () => {
  for (const slug of ["acme-eu", "acme_eu", "listed", "unlisted", "dbonly"])
    await importObjects(store.db, slug, [{ type: "team", id: "t", name: "T" }]);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

const count = (table: string, slug: string) =>
  store.db.value<number>(`SELECT count(*) FROM ${table} JOIN workspaces w ON w.id = workspace_id WHERE w.slug = ?`, [
    slug,
  ]);

let delivery = 0;
function sendGithub(workspace: string, secret: string) {
  const body = JSON.stringify(github.deploymentStatus("success"));
  return githubRoute.POST(
    new Request(`http://localhost/api/webhooks/github?workspace=${workspace}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "deployment_status",
        "x-github-delivery": `d-${++delivery}`,
        "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
      },
      body,
    }),
  );
}

function sendGitlab(workspace: string, token: string) {
  return gitlabRoute.POST(
    new Request(`http://localhost/api/webhooks/gitlab?workspace=${workspace}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-gitlab-event": "Deployment Hook",
        "x-gitlab-event-uuid": `u-${++delivery}`,
        "x-gitlab-token": token,
      },
      body: JSON.stringify(gitlab.deployment("success")),
    }),
  );
}

function sendEvents(workspace: string, token: string) {
  return events.POST(
    new Request(`http://localhost/api/events?workspace=${workspace}`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${token}` },
      body: `${JSON.stringify({ type: "team", id: "from-http", name: "X" })}\n`,
    }),
  );
}

describe("finding 9: a secret opens only the workspaces it was set for", () => {
  test("acme-eu and acme_eu both exist: the variables both map to open neither, and the 401 names neither", async () => {
    for (const slug of ["acme-eu", "acme_eu"]) {
      const byToken = await sendEvents(slug, "acme-eu's events token");
      expect(byToken.status, slug).toBe(401);
      const message = ((await byToken.json()) as { error: { message: string } }).error.message;
      expect(message).toBe(`no events token is configured for workspace "${slug}" (set events.tokenEnv in the config)`);
      expect(message).not.toContain(slug === "acme-eu" ? "acme_eu" : "acme-eu");
      expect((await sendGithub(slug, "acme-eu's webhook secret")).status, slug).toBe(401);
      expect(await count("teams", slug), slug).toBe(1);
      expect(await count("deployments", slug), slug).toBe(0);
    }
  });

  test("a config naming both twins is refused unless each names its own variables", () => {
    const parse = (workspaces: unknown[]) => () => parseConfig({ workspaces }, "altimeter.config.json", dir);
    expect(parse([{ slug: "acme-eu" }, { slug: "acme_eu" }])).toThrow(
      '"acme_eu" and "acme-eu" map to the same environment variable names (…_ACME_EU), so one\'s secrets would open the other\'s endpoints: rename one, or have both name their own variables (events.tokenEnv, webhooks.githubSecretEnv, webhooks.gitlabTokenEnv)',
    );
    const own = (prefix: string) => ({
      events: { tokenEnv: `${prefix}_EVENTS` },
      webhooks: { githubSecretEnv: `${prefix}_GITHUB`, gitlabTokenEnv: `${prefix}_GITLAB` },
    });
    expect(
      parse([
        { slug: "acme-eu", ...own("EU_DASH") },
        { slug: "acme_eu", ...own("EU_UNDERSCORE") },
      ]),
    ).not.toThrow();
    expect(parse([{ slug: "acme-eu", ...own("EU_DASH") }, { slug: "acme_eu" }])).toThrow("map to the same");
  });

  test("the shared GITHUB_WEBHOOK_SECRET writes only into the workspace whose config names it", async () => {
    const listed = await sendGithub("listed", SHARED);
    expect(listed.status).toBe(200);
    expect(await count("deployments", "listed")).toBe(1);
    for (const slug of ["unlisted", "dbonly"]) {
      const aimed = await sendGithub(slug, SHARED);
      expect(aimed.status, slug).toBe(401);
      expect(await aimed.json()).toEqual({
        error: {
          code: "unauthorized",
          message: `no webhook secret is configured for workspace "${slug}" (set GITHUB_WEBHOOK_SECRET_${slug.toUpperCase()})`,
        },
      });
      expect(await count("deployments", slug), slug).toBe(0);
    }
  });

  test("the shared GITLAB_WEBHOOK_TOKEN likewise", async () => {
    expect((await sendGitlab("listed", SHARED_TOKEN)).status).toBe(200);
    for (const slug of ["unlisted", "dbonly"]) {
      expect((await sendGitlab(slug, SHARED_TOKEN)).status, slug).toBe(401);
      expect(await count("deployments", slug), slug).toBe(0);
    }
  });
});
