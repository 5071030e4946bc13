import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { pullRequestAuthor } from "@/lib/queries/pull-request-authors";
import { hasDelivery, recordDelivery } from "@/lib/queries/webhook-deliveries";
import { getWorkspace } from "@/lib/queries/workspaces";
import { mapGitlabEvent } from "./gitlab-events";
import type { InboundSettings } from "./inbound-secrets";
import { storeFresh } from "./replays";
import type { InboundResponse } from "./webhooks";

/** A GitLab webhook delivery as received. */
export interface GitlabDelivery {
  workspace: string;
  headers: Headers;
  body: Buffer;
  settings: Pick<InboundSettings, "gitlabToken" | "gitlabTokenEnv" | "gitlabIncidentLabels">;
  now: number;
}

/**
 * Compares `X-Gitlab-Token` with the configured secret token in constant
 * time: both are hashed first, so neither their contents nor their lengths
 * show in the time taken.
 */
export function gitlabTokenMatches(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Ingests one GitLab webhook delivery: checks `X-Gitlab-Token` (401
 * otherwise), skips a delivery already ingested (by `Idempotency-Key`, the
 * same across GitLab's retries of one delivery, else `X-Gitlab-Event-UUID`),
 * maps deployment, pipeline, merge request and issue events to records and
 * stores them like any import. The delivery is remembered only once its
 * records are stored, so a failed one can be redelivered.
 */
/** Refuses (401) a delivery without the workspace's token; it is all in the headers, so the route calls this before reading the body. */
export function authoriseGitlabDelivery(
  workspace: string,
  headers: Headers,
  settings: Pick<InboundSettings, "gitlabToken" | "gitlabTokenEnv">,
): void {
  const { gitlabToken, gitlabTokenEnv } = settings;
  if (!gitlabToken)
    throw new UnauthorizedError(
      `no GitLab webhook token is configured for workspace ${JSON.stringify(workspace)} (set ${gitlabTokenEnv})`,
    );
  const given = headers.get("x-gitlab-token");
  if (!given) throw new UnauthorizedError("missing X-Gitlab-Token header");
  if (!gitlabTokenMatches(given, gitlabToken)) throw new UnauthorizedError("X-Gitlab-Token does not match");
}

export async function receiveGitlabWebhook(db: Db, delivery: GitlabDelivery): Promise<InboundResponse> {
  authoriseGitlabDelivery(delivery.workspace, delivery.headers, delivery.settings);

  const event = delivery.headers.get("x-gitlab-event");
  const id = delivery.headers.get("idempotency-key") ?? delivery.headers.get("x-gitlab-event-uuid");
  if (!event || !id)
    throw new ValidationError("missing X-Gitlab-Event, or both Idempotency-Key and X-Gitlab-Event-UUID");
  const workspace = await getWorkspace(db, delivery.workspace);
  if (await hasDelivery(db, workspace.id, "gitlab", id))
    return { status: 200, body: { status: "duplicate", delivery: id } };
  const remember = () =>
    recordDelivery(db, {
      workspaceId: workspace.id,
      source: "gitlab",
      deliveryId: id,
      event,
      receivedAt: delivery.now,
    });

  let payload: unknown;
  try {
    payload = JSON.parse(delivery.body.toString("utf8"));
  } catch {
    throw new ValidationError("the body is not JSON");
  }
  const mapped = await mapGitlabEvent(event, payload, {
    incidentLabels: delivery.settings.gitlabIncidentLabels,
    authorOf: (repositoryId, iid) => pullRequestAuthor(db, workspace.id, repositoryId, iid),
  });
  if ("ignored" in mapped) {
    await remember();
    return { status: 202, body: { status: "ignored", event, delivery: id, reason: mapped.ignored } };
  }
  const { summary, stale, written } = await storeFresh(
    db,
    workspace,
    `gitlab webhook ${id}`,
    mapped.records,
    mapped.asOf,
  );
  if (summary.rejectedTotal > 0) {
    return {
      status: 422,
      body: {
        error: {
          code: "invalid_input",
          message: `the ${event} maps to records the event format refuses: ${summary.rejected.map((r) => r.reason).join("; ")}`,
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
