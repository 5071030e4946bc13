import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, importObjects } from "../../../support/db";
import * as payloads from "./payloads";

const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-webhooks-"));
const SECRET = "It's a Secret to Everybody";
process.env.ALTIMETER_DB = store.file;
process.env.GITHUB_WEBHOOK_SECRET = SECRET;
process.env.GITHUB_WEBHOOK_SECRET_OTHER = "the other workspace's secret";
process.env.ALTIMETER_CONFIG = path.join(dir, "altimeter.config.json");
writeFileSync(
  process.env.ALTIMETER_CONFIG,
  JSON.stringify({
    workspaces: [
      {
        slug: "acme",
        // The shared secret serves the workspaces that name it, and only those.
        webhooks: { githubSecretEnv: "GITHUB_WEBHOOK_SECRET" },
        sources: [{ kind: "github", org: "acme", incidentLabels: ["incident", "outage"] }],
      },
      { slug: "other" },
    ],
  }),
);

// The real route handler, called with real Requests.
const { POST } = await import("@/app/api/webhooks/github/route");

const sign = (body: string | Buffer, secret = SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
let deliveries = 0;

function deliver(
  event: string,
  payload: unknown,
  options: { workspace?: string; delivery?: string; signature?: string | null; secret?: string; body?: string } = {},
) {
  const body = options.body ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": options.delivery ?? `delivery-${++deliveries}`,
    "user-agent": "GitHub-Hookshot/abc",
  };
  const signature = options.signature === undefined ? sign(body, options.secret) : options.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return POST(
    new Request(`http://localhost/api/webhooks/github?workspace=${options.workspace ?? "acme"}`, {
      method: "POST",
      headers,
      body,
    }),
  );
}

const rows = (sql: string) => store.db.rows(sql);

beforeAll(async () => {
  await importObjects(store.db, "acme", [{ type: "team", id: "payments", name: "Payments" }]);
  await importObjects(store.db, "other", [{ type: "team", id: "x", name: "X" }]);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

describe("POST /api/webhooks/github signatures", () => {
  test("a delivery signed with the secret is stored", async () => {
    const response = await deliver("deployment_status", payloads.deploymentStatus("success"), { delivery: "d-valid" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "stored",
      event: "deployment_status",
      delivery: "d-valid",
      imported: { deployment: 1 },
    });
  });

  test("a bad signature is refused with 401 and stores nothing", async () => {
    const response = await deliver("deployment_status", payloads.deploymentStatus("failure"), {
      signature: sign("something else"),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "X-Hub-Signature-256 does not match the body" },
    });
    const wrongSecret = await deliver("deployment_status", payloads.deploymentStatus("failure"), { secret: "guess" });
    expect(wrongSecret.status).toBe(401);
    const garbage = await deliver("deployment_status", payloads.deploymentStatus("failure"), {
      signature: "sha256=zz",
    });
    expect(garbage.status).toBe(401);
    expect(await rows("SELECT status FROM deployments")).toEqual([{ status: "success" }]);
  });

  test("a missing signature is refused with 401", async () => {
    const response = await deliver("deployment_status", payloads.deploymentStatus("failure"), { signature: null });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "missing X-Hub-Signature-256 header" },
    });
  });

  test("a replayed delivery changes nothing", async () => {
    const first = await deliver("pull_request", payloads.pullRequest("opened", false), { delivery: "d-replay" });
    expect(first.status).toBe(200);
    // The same delivery id again, even with a newer (validly signed) payload, is not ingested twice.
    const replay = await deliver("pull_request", payloads.pullRequest("closed", true), { delivery: "d-replay" });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: "duplicate", delivery: "d-replay" });
    expect(await rows("SELECT merged_at FROM pull_requests")).toEqual([{ merged_at: null }]);
    expect(await rows("SELECT count(*) AS n FROM webhook_deliveries WHERE delivery_id = 'd-replay'")).toEqual([
      { n: 1 },
    ]);
  });

  test("each workspace can have its own secret, and an unknown workspace is 404 after the signature is checked", async () => {
    expect((await deliver("ping", payloads.ping, { workspace: "other" })).status).toBe(401);
    const own = await deliver("ping", payloads.ping, { workspace: "other", secret: "the other workspace's secret" });
    expect(await own.json()).toMatchObject({ status: "pong" });
    // The shared secret is not the unknown workspace's: refused before its existence is looked at.
    expect((await deliver("ping", payloads.ping, { workspace: "nobody" })).status).toBe(401);
    process.env.GITHUB_WEBHOOK_SECRET_NOBODY = "nobody's secret";
    const unknown = await deliver("ping", payloads.ping, { workspace: "nobody", secret: "nobody's secret" });
    delete process.env.GITHUB_WEBHOOK_SECRET_NOBODY;
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
    const noWorkspace = await POST(new Request("http://localhost/api/webhooks/github", { method: "POST", body: "{}" }));
    expect(noWorkspace.status).toBe(400);
  });

  test("a body over 5 MB is refused with 413, by its Content-Length or, without one, while reading", async () => {
    const big = JSON.stringify({ padding: "x".repeat(5 * 1024 * 1024) });
    const declared = await deliver("push", null, { body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: { code: "payload_too_large", message: "the body is over 5242880 bytes" },
    });

    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await POST(
      new Request("http://localhost/api/webhooks/github?workspace=acme", {
        method: "POST",
        headers: { "x-github-event": "push", "x-github-delivery": "d-big", "x-hub-signature-256": "sha256=00" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(7);
  });
});

describe("POST /api/webhooks/github events", () => {
  test("deployment_status: success finishes the deployment with the collector's id; inactive changes nothing", async () => {
    expect(
      await rows("SELECT id, repository_id, environment, status, created_at, finished_at, sha, url FROM deployments"),
    ).toEqual([
      {
        id: "github:deployment:42",
        repository_id: "acme/checkout",
        environment: "production",
        status: "success",
        created_at: Date.parse("2026-02-03T10:00:00Z"),
        finished_at: Date.parse("2026-02-03T10:05:00Z"),
        sha: "a1b2c3d4e5f6",
        url: "https://ci.acme.dev/deploys/42/log",
      },
    ]);
    const inactive = await deliver("deployment_status", payloads.deploymentStatus("inactive", "2026-02-04T10:00:00Z"));
    expect(inactive.status).toBe(202);
    expect(await inactive.json()).toMatchObject({
      status: "ignored",
      reason: "an inactive status only says a newer deployment succeeded",
    });
    expect(await rows("SELECT status FROM deployments")).toEqual([{ status: "success" }]);
  });

  test("workflow_run: a completed failed run is a failed ci_run, an in-progress one has no end", async () => {
    await deliver("workflow_run", payloads.workflowRun("in_progress", null));
    expect(await rows("SELECT status, finished_at FROM ci_runs")).toEqual([
      { status: "in_progress", finished_at: null },
    ]);
    await deliver("workflow_run", payloads.workflowRun("completed", "failure"));
    expect(
      await rows(
        "SELECT id, repository_id, workflow, status, started_at, finished_at, head_sha, branch, event FROM ci_runs",
      ),
    ).toEqual([
      {
        id: "github:run:30433642",
        repository_id: "acme/checkout",
        workflow: "CI",
        status: "failure",
        started_at: Date.parse("2026-02-03T09:50:00Z"),
        finished_at: Date.parse("2026-02-03T09:58:00Z"),
        head_sha: "a1b2c3d4e5f6",
        branch: "main",
        event: "push",
      },
    ]);
  });

  test("pull_request: a merged pull request by a bot lands with its merge commit", async () => {
    await deliver("pull_request", payloads.pullRequest("closed", true));
    expect(
      await rows(
        "SELECT repository_id, number, author_id, created_at, merged_at, closed_at, base_branch, merge_commit_sha, url FROM pull_requests",
      ),
    ).toEqual([
      {
        repository_id: "acme/checkout",
        number: 7,
        author_id: "dependabot[bot]",
        created_at: Date.parse("2026-02-01T08:00:00Z"),
        merged_at: Date.parse("2026-02-02T08:00:00Z"),
        closed_at: Date.parse("2026-02-02T08:00:00Z"),
        base_branch: "main",
        merge_commit_sha: "f00dfeed",
        url: "https://github.com/acme/checkout/pull/7",
      },
    ]);
  });

  test("issues: an issue with a configured incident label is an incident, resolved when closed; others are ignored", async () => {
    const plain = await deliver("issues", payloads.issue("opened", ["bug"]));
    expect(plain.status).toBe(202);
    expect(await plain.json()).toMatchObject({ reason: "the issue has no incident label (incident, outage)" });
    await deliver("issues", payloads.issue("labeled", ["outage", "sev1"]));
    expect(await rows("SELECT id, opened_at, resolved_at, severity, repository_id, source FROM incidents")).toEqual([
      {
        id: "github:issue:acme/checkout#12",
        opened_at: Date.parse("2026-02-03T11:00:00Z"),
        resolved_at: null,
        severity: "sev1",
        repository_id: "acme/checkout",
        source: "github",
      },
    ]);
    await deliver("issues", payloads.issue("closed", ["outage", "sev1"], "closed"));
    expect(await rows("SELECT resolved_at FROM incidents")).toEqual([
      { resolved_at: Date.parse("2026-02-03T11:40:00Z") },
    ]);
  });

  test("repository: a created repository lands; an edited one is left to the next sync", async () => {
    await deliver("repository", payloads.repositoryEvent("created"));
    expect(await rows("SELECT id, name, created_at, default_branch, url, is_template FROM repositories")).toEqual([
      {
        id: "acme/new-service",
        name: "acme/new-service",
        created_at: Date.parse("2026-02-04T09:00:00Z"),
        default_branch: "main",
        url: "https://github.com/acme/new-service",
        is_template: 0,
      },
    ]);
    const edited = await deliver("repository", payloads.repositoryEvent("edited", "acme/checkout"));
    expect(edited.status).toBe(202);
    expect(await rows("SELECT count(*) AS n FROM repositories")).toEqual([{ n: 1 }]);
  });

  test("ping answers pong; an event Altimeter does not ingest is accepted and ignored; a body that is not JSON is 400", async () => {
    expect(await (await deliver("ping", payloads.ping)).json()).toMatchObject({ status: "pong" });
    const star = await deliver("star", { action: "created" });
    expect(star.status).toBe(202);
    const notJson = await deliver("pull_request", null, { body: "payload=%7B%7D" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      error: {
        code: "invalid_input",
        message: "the body is not JSON (set the webhook's content type to application/json)",
      },
    });
    const wrongShape = await deliver("pull_request", { action: "opened" });
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toEqual({
      error: {
        code: "invalid_input",
        message: "not a pull_request payload: pull_request: Invalid input: expected object, received undefined",
      },
    });
  });
});
