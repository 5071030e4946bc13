import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, importObjects } from "../support/db";
import * as github from "../app/api/webhooks/payloads";
import * as gitlab from "../app/api/webhooks/gitlab-payloads";

// Finding 11: a captured delivery resent under a new X-GitHub-Delivery was processed again, old state over new.
const store = await freshDatabase();
const SECRET = "replay-test secret";
const TOKEN = "replay-test gitlab token";
process.env.ALTIMETER_DB = store.file;
process.env.GITHUB_WEBHOOK_SECRET_ACME = SECRET;
process.env.GITLAB_WEBHOOK_TOKEN_ACME = TOKEN;
const githubRoute = await import("@/app/api/webhooks/github/route");
const gitlabRoute = await import("@/app/api/webhooks/gitlab/route");

beforeAll(async () => {
  await importObjects(store.db, "acme", [{ type: "team", id: "payments", name: "Payments" }]);
});
afterAll(() => store.dispose());

const row = (sql: string) => store.db.row(sql);
let deliveries = 0;

/** Sends a body as GitHub would, signed, under a fresh delivery id (a replay looks exactly like this). */
async function deliver(event: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const response = await githubRoute.POST(
    new Request("http://localhost/api/webhooks/github?workspace=acme", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": `replay-${++deliveries}`,
        "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
      },
      body,
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function deliverGitlab(event: string, payload: unknown) {
  const response = await gitlabRoute.POST(
    new Request("http://localhost/api/webhooks/gitlab?workspace=acme", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-gitlab-event": event,
        "x-gitlab-event-uuid": `replay-${++deliveries}`,
        "x-gitlab-token": TOKEN,
      },
      body: JSON.stringify(payload),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("finding 11: a replayed old event never overwrites newer state", () => {
  test("deployment_status: an in-progress status resent after the success changes nothing", async () => {
    const started = github.deploymentStatus("in_progress", "2026-02-03T10:01:00Z");
    expect((await deliver("deployment_status", started)).status).toBe(200);
    expect((await deliver("deployment_status", github.deploymentStatus("success"))).status).toBe(200);
    const replay = await deliver("deployment_status", started);
    expect(replay).toEqual({
      status: 200,
      body: {
        status: "stale",
        event: "deployment_status",
        delivery: `replay-${deliveries}`,
        reason:
          "deployment github:deployment:42: the event is of 2026-02-03T10:01:00.000Z, and what is stored already goes to 2026-02-03T10:05:00.000Z",
      },
    });
    expect(await row("SELECT status, finished_at FROM deployments")).toEqual({
      status: "success",
      finished_at: Date.parse("2026-02-03T10:05:00Z"),
    });
  });

  test("pull_request: the opened event resent after the merge does not unmerge it", async () => {
    const opened = {
      ...github.pullRequest("opened", false),
      pull_request: { ...github.pullRequest("opened", false).pull_request, updated_at: "2026-02-01T08:00:00Z" },
    };
    expect((await deliver("pull_request", opened)).status).toBe(200);
    expect((await deliver("pull_request", github.pullRequest("closed", true))).status).toBe(200);
    expect((await deliver("pull_request", opened)).body.status).toBe("stale");
    expect(await row("SELECT merged_at FROM pull_requests")).toEqual({ merged_at: Date.parse("2026-02-02T08:00:00Z") });
  });

  test("issues: the opened event resent after the close leaves the incident resolved; a real reopen, later, reopens it", async () => {
    const at = (payload: ReturnType<typeof github.issue>, updated: string) => ({
      ...payload,
      issue: { ...payload.issue, updated_at: updated },
    });
    const opened = at(github.issue("opened", ["incident"]), "2026-02-03T11:00:00Z");
    expect((await deliver("issues", opened)).status).toBe(200);
    expect(
      (await deliver("issues", at(github.issue("closed", ["incident"], "closed"), "2026-02-03T11:40:00Z"))).status,
    ).toBe(200);
    expect((await deliver("issues", opened)).body.status).toBe("stale");
    expect(await row("SELECT resolved_at FROM incidents")).toEqual({ resolved_at: Date.parse("2026-02-03T11:40:00Z") });

    const reopened = at(github.issue("reopened", ["incident"]), "2026-02-03T13:00:00Z");
    expect((await deliver("issues", reopened)).body.status).toBe("stored");
    expect(await row("SELECT resolved_at FROM incidents")).toEqual({ resolved_at: null });
  });

  test("repository created, resent after a sync gave the repository its team, keeps the team", async () => {
    expect((await deliver("repository", github.repositoryEvent("created"))).body.status).toBe("stored");
    await importObjects(store.db, "acme", [
      {
        type: "repository",
        id: "acme/new-service",
        name: "acme/new-service",
        createdAt: "2026-02-04T09:00:00Z",
        teamId: "payments",
      },
    ]);
    const replay = await deliver("repository", github.repositoryEvent("created"));
    expect(replay.body).toMatchObject({
      status: "stale",
      reason: "repository acme/new-service is already stored; its creation event adds nothing newer",
    });
    expect(await row("SELECT team_id FROM repositories WHERE id = 'acme/new-service'")).toEqual({
      team_id: "payments",
    });
  });

  test("GitLab: a running deployment event resent after the success changes nothing", async () => {
    const running = { ...gitlab.deployment("running"), status_changed_at: "2026-02-03 10:10:00 +0100" };
    expect((await deliverGitlab("Deployment Hook", running)).status).toBe(200);
    expect((await deliverGitlab("Deployment Hook", gitlab.deployment("success"))).status).toBe(200);
    const replay = await deliverGitlab("Deployment Hook", running);
    expect(replay.body.status).toBe("stale");
    expect(await row("SELECT status, finished_at FROM deployments WHERE id = 'gitlab:deployment:15'")).toEqual({
      status: "success",
      finished_at: Date.parse("2026-02-03T09:20:00Z"),
    });
  });
});
