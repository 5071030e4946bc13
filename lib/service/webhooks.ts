import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { hasDelivery, recordDelivery } from "@/lib/queries/webhook-deliveries";
import { getWorkspace } from "@/lib/queries/workspaces";
import { mapGithubEvent } from "./github-events";
import type { InboundSettings } from "./inbound-secrets";
import { storeFresh } from "./replays";

/** A JSON answer to an inbound request. */
export interface InboundResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A GitHub webhook delivery as received: the raw body (the signature covers its exact bytes) and its headers. */
export interface GithubDelivery {
  workspace: string;
  headers: Headers;
  body: Buffer;
  settings: Pick<InboundSettings, "githubSecret" | "githubSecretEnv" | "incidentLabels">;
  now: number;
}

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body
 * keyed with the webhook secret, in constant time.
 */
export function verifyGithubSignature(body: Buffer, header: string | null, secret: string): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Ingests one GitHub webhook delivery: verifies its signature (401 otherwise),
 * skips a delivery already ingested (by `X-GitHub-Delivery`) and records
 * older than what is stored (a replay under a new id: 200 "stale"), maps
 * deployment_status, workflow_run, pull_request, issues and repository events
 * to records and stores them like any import. The delivery is remembered only
 * once its records are stored, so a failed one can be redelivered.
 */
/**
 * What can be refused before the body is read (401): a workspace without a
 * secret, a delivery without a signature. The route calls it first, so a
 * stranger's body is never buffered; the signature itself needs the body.
 */
export function authoriseGithubDelivery(
  workspace: string,
  headers: Headers,
  settings: Pick<InboundSettings, "githubSecret" | "githubSecretEnv">,
): { signature: string; githubSecret: string } {
  const { githubSecret, githubSecretEnv } = settings;
  if (!githubSecret)
    throw new UnauthorizedError(
      `no webhook secret is configured for workspace ${JSON.stringify(workspace)} (set ${githubSecretEnv})`,
    );
  const signature = headers.get("x-hub-signature-256");
  if (!signature) throw new UnauthorizedError("missing X-Hub-Signature-256 header");
  return { signature, githubSecret };
}

export async function receiveGithubWebhook(db: Db, delivery: GithubDelivery): Promise<InboundResponse> {
  const { signature, githubSecret } = authoriseGithubDelivery(delivery.workspace, delivery.headers, delivery.settings);
  if (!verifyGithubSignature(delivery.body, signature, githubSecret))
    throw new UnauthorizedError("X-Hub-Signature-256 does not match the body");

  const event = delivery.headers.get("x-github-event");
  const id = delivery.headers.get("x-github-delivery");
  if (!event || !id) throw new ValidationError("missing X-GitHub-Event or X-GitHub-Delivery header");
  const workspace = await getWorkspace(db, delivery.workspace);
  if (await hasDelivery(db, workspace.id, "github", id))
    return { status: 200, body: { status: "duplicate", delivery: id } };
  // Every answer but a refusal records the delivery, so a redelivery of it is a duplicate.
  const remember = () =>
    recordDelivery(db, {
      workspaceId: workspace.id,
      source: "github",
      deliveryId: id,
      event,
      receivedAt: delivery.now,
    });
  if (event === "ping") {
    await remember();
    return { status: 200, body: { status: "pong", delivery: id } };
  }

  let payload: unknown;
  try {
    payload = JSON.parse(delivery.body.toString("utf8"));
  } catch {
    throw new ValidationError("the body is not JSON (set the webhook's content type to application/json)");
  }
  const mapped = mapGithubEvent(event, payload, delivery.settings.incidentLabels);
  if ("ignored" in mapped) {
    await remember();
    return { status: 202, body: { status: "ignored", event, delivery: id, reason: mapped.ignored } };
  }
  const { summary, stale, written } = await storeFresh(
    db,
    workspace,
    `github webhook ${id}`,
    mapped.records,
    mapped.asOf,
  );
  if (summary.rejectedTotal > 0) {
    return {
      status: 422,
      body: {
        error: {
          code: "invalid_input",
          message: `the ${event} event maps to records the event format refuses: ${summary.rejected.map((r) => r.reason).join("; ")}`,
        },
      },
    };
  }
  if (written === 0) {
    await remember();
    return { status: 200, body: { status: "stale", event, delivery: id, reason: stale.join("; ") } };
  }
  await remember();
  return { status: 200, body: { status: "stored", event, delivery: id, imported: summary.imported } };
}
