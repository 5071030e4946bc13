import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitlabTokenMatches } from "@/lib/service/gitlab-webhooks";
import { freshDatabase, importObjects } from "../../../support/db";
import * as payloads from "./gitlab-payloads";

const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-gitlab-webhooks-"));
const TOKEN = "a-gitlab-secret-token";
process.env.ALTIMETER_DB = store.file;
process.env.ACME_GITLAB_HOOK_TOKEN = TOKEN;
process.env.ALTIMETER_CONFIG = path.join(dir, "altimeter.config.json");
writeFileSync(
  process.env.ALTIMETER_CONFIG,
  JSON.stringify({
    workspaces: [
      {
        slug: "acme",
        webhooks: { gitlabTokenEnv: "ACME_GITLAB_HOOK_TOKEN" },
        sources: [{ kind: "gitlab", group: "acme", incidentLabels: ["outage"] }],
      },
      { slug: "other" },
    ],
  }),
);

// The real route handler, called with real Requests.
const { POST } = await import("@/app/api/webhooks/gitlab/route");

let deliveries = 0;
function deliver(
  event: string,
  payload: unknown,
  options: { workspace?: string; uuid?: string; token?: string | null; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-gitlab-event": event,
    "x-gitlab-event-uuid": options.uuid ?? `uuid-${++deliveries}`,
    "x-gitlab-instance": "https://gitlab.example",
    "user-agent": "GitLab/18.6.0",
  };
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers["x-gitlab-token"] = token;
  return POST(
    new Request(`http://localhost/api/webhooks/gitlab?workspace=${options.workspace ?? "acme"}`, {
      method: "POST",
      headers,
      body: JSON.stringify(payload),
    }),
  );
}

const rows = (sql: string) => store.db.rows(sql);

beforeAll(async () => {
  await importObjects(store.db, "acme", [{ type: "team", id: "acme/shop", name: "Shop" }]);
  await importObjects(store.db, "other", [{ type: "team", id: "x", name: "X" }]);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

describe("POST /api/webhooks/gitlab", () => {
  test("the token is compared in constant time, whatever the lengths", () => {
    expect(gitlabTokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(gitlabTokenMatches("a", TOKEN)).toBe(false);
    expect(gitlabTokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
  });

  test("a missing or wrong X-Gitlab-Token is 401 and stores nothing; a workspace without a token accepts nobody", async () => {
    for (const token of [null, "wrong", `${TOKEN}x`]) {
      const response = await deliver("Deployment Hook", payloads.deployment("success"), { token });
      expect(response.status).toBe(401);
      expect(JSON.stringify(await response.json())).not.toContain(TOKEN);
    }
    const other = await deliver("Deployment Hook", payloads.deployment("success"), { workspace: "other" });
    expect(other.status).toBe(401);
    expect((await other.json()).error.message).toContain("GITLAB_WEBHOOK_TOKEN");
    expect(await rows("SELECT count(*) AS n FROM deployments")).toEqual([{ n: 0 }]);
  });

  test("a deployment event stores the deployment under the collector's id, with the full sha from the commit URL", async () => {
    const response = await deliver("Deployment Hook", payloads.deployment("running"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "stored",
      event: "Deployment Hook",
      imported: { deployment: 1 },
    });
    await deliver("Deployment Hook", payloads.deployment("success"));
    expect(
      await rows("SELECT id, repository_id, environment, status, created_at, finished_at, sha, url FROM deployments"),
    ).toEqual([
      {
        id: "gitlab:deployment:15",
        repository_id: "acme/shop/checkout",
        environment: "production",
        status: "success",
        created_at: Date.parse("2026-02-03T09:20:00Z"),
        finished_at: Date.parse("2026-02-03T09:20:00Z"),
        sha: "279484c09fbe69ededfced8c1bb6e6d24616b468",
        url: "https://gitlab.example/acme/shop/checkout/-/jobs/796",
      },
    ]);
  });

  test("a redelivery (same Idempotency-Key, or same event UUID) answers duplicate and changes nothing", async () => {
    const first = await deliver("Deployment Hook", payloads.deployment("failed", 16), { idempotencyKey: "key-1" });
    expect(first.status).toBe(200);
    const again = await deliver("Deployment Hook", payloads.deployment("success", 16), { idempotencyKey: "key-1" });
    expect(await again.json()).toEqual({ status: "duplicate", delivery: "key-1" });
    expect(await rows("SELECT status FROM deployments WHERE id = 'gitlab:deployment:16'")).toEqual([
      { status: "failure" },
    ]);
    await deliver("Pipeline Hook", payloads.pipeline("running"), { uuid: "same-uuid" });
    const dup = await deliver("Pipeline Hook", payloads.pipeline("success"), { uuid: "same-uuid" });
    expect(await dup.json()).toEqual({ status: "duplicate", delivery: "same-uuid" });
  });

  test("a default-branch pipeline becomes a ci_run; another branch's is ignored", async () => {
    await deliver("Pipeline Hook", payloads.pipeline("failed"));
    expect(
      await rows("SELECT id, workflow, status, started_at, finished_at, head_sha, branch, event FROM ci_runs"),
    ).toEqual([
      {
        id: "gitlab:pipeline:31",
        workflow: "Build and deploy",
        status: "failure",
        started_at: Date.parse("2026-02-03T09:00:00Z"),
        finished_at: Date.parse("2026-02-03T09:12:30Z"),
        head_sha: "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
        branch: "main",
        event: "push",
      },
    ]);
    const other = await deliver("Pipeline Hook", payloads.pipeline("success", "feature/x"));
    expect(other.status).toBe(202);
    expect((await other.json()).reason).toMatch(/not of the default branch main/);
  });

  test("merge requests keep their author: the opener on open, the stored author afterwards", async () => {
    const reviewer = { id: 2, name: "Rev", username: "rev", avatar_url: null, email: "[REDACTED]" };
    const early = await deliver("Merge Request Hook", payloads.mergeRequest("update", "opened", reviewer));
    expect(early.status).toBe(202);
    await deliver("Merge Request Hook", payloads.mergeRequest("open", "opened"));
    await deliver("Merge Request Hook", payloads.mergeRequest("merge", "merged", reviewer));
    expect(
      await rows(
        "SELECT number, author_id, created_at, merged_at, closed_at, base_branch, merge_commit_sha, title, labels FROM pull_requests",
      ),
    ).toEqual([
      {
        number: 7,
        author_id: "jane",
        created_at: Date.parse("2026-02-02T08:00:00Z"),
        merged_at: Date.parse("2026-02-03T10:59:00Z"),
        closed_at: Date.parse("2026-02-03T10:59:00Z"),
        base_branch: "main",
        merge_commit_sha: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
        title: "Hotfix: cache stampede",
        labels: JSON.stringify(["hotfix"]),
      },
    ]);
  });

  test("incidents and issues with the source's incident label become incidents of their project and group; other issues are ignored", async () => {
    const plain = await deliver("Issue Hook", payloads.issue({ incident: false, labels: ["bug"] }));
    expect(plain.status).toBe(202);
    await deliver("Issue Hook", payloads.issue({ incident: true, severity: "high" }));
    await deliver("Issue Hook", payloads.issue({ incident: true, severity: "high", state: "closed" }));
    expect(
      await rows("SELECT id, opened_at, resolved_at, severity, repository_id, team_id, source FROM incidents"),
    ).toEqual([
      {
        id: "gitlab:issue:acme/shop/checkout#23",
        opened_at: Date.parse("2026-02-03T10:40:00Z"),
        resolved_at: Date.parse("2026-02-03T11:30:00Z"),
        severity: "high",
        repository_id: "acme/shop/checkout",
        team_id: "acme/shop",
        source: "gitlab",
      },
    ]);
    const labelled = await deliver("Issue Hook", payloads.issue({ incident: false, labels: ["Outage"] }));
    expect(labelled.status).toBe(200);
  });

  test("other events are acknowledged and ignored; a body that is not the event's shape is 400", async () => {
    const push = await deliver("Push Hook", { object_kind: "push" });
    expect(push.status).toBe(202);
    const bad = await deliver("Deployment Hook", { object_kind: "deployment", status: "success" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not a Deployment Hook payload/);
  });
});
