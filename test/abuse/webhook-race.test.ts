import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, type Db, openDatabase } from "@/db/client";
import { type InboundResponse, receiveGithubWebhook } from "@/lib/service/webhooks";
import * as github from "../app/api/webhooks/payloads";
import { freshDatabase, importObjects, TEST_ENGINE } from "../support/db";

// Finding 11 across app instances: the "older never overwrites newer" check read the stored row,
// then the import wrote in a transaction of its own. Two deliveries of one record could both read
// before either wrote, and the older one write last. On PostgreSQL two connections stand for two app
// instances. On SQLite an instance is a process with one connection; a second connection in this
// process would wait for the write lock synchronously, blocking the transaction holding it, so the
// race there is two concurrent requests of one instance (its connection queues transactions).
const store = await freshDatabase();
let other: Db;
const SECRET = "webhook-race secret";
const ROUNDS = 20;
let deliveries = 0;

beforeAll(async () => {
  await importObjects(store.db, "acme", [{ type: "team", id: "payments", name: "Payments" }]);
  other = TEST_ENGINE === "postgres" ? await openDatabase(store.file) : store.db;
});
afterAll(async () => {
  if (other !== store.db) await closeDatabase(other);
  await store.dispose();
});

/** One deployment per round, so every round races on a record neither delivery has seen stored. */
const statusOf = (round: number, state: string, at: string) => {
  const payload = github.deploymentStatus(state, at);
  return { ...payload, deployment: { ...payload.deployment, id: 5000 + round } };
};

/** Hands a signed delivery to one app instance's store, as the route does. */
function deliver(db: Db, payload: unknown) {
  const body = Buffer.from(JSON.stringify(payload));
  return receiveGithubWebhook(db, {
    workspace: "acme",
    headers: new Headers({
      "x-github-event": "deployment_status",
      "x-github-delivery": `race-${++deliveries}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    }),
    body,
    settings: { githubSecret: SECRET, githubSecretEnv: "GITHUB_WEBHOOK_SECRET_ACME", incidentLabels: [] },
    now: Date.parse("2026-02-03T12:00:00Z"),
  });
}

describe("finding 11 with two app instances: an older delivery racing a newer one never wins", () => {
  test(`${ROUNDS} rounds, both orders, each delivery as another instance would send it: the newer state is what is stored`, async () => {
    const answers: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const newer = statusOf(round, "success", "2026-02-03T10:05:00Z");
      const older = statusOf(round, "in_progress", "2026-02-03T10:01:00Z");
      // Both orders, and the connections swapped, so neither delivery is favoured by which starts first.
      const [first, second] = round % 2 === 0 ? [store.db, other] : [other, store.db];
      let newerAnswer: InboundResponse;
      let olderAnswer: InboundResponse;
      if (round % 4 < 2)
        [newerAnswer, olderAnswer] = await Promise.all([deliver(first, newer), deliver(second, older)]);
      else [olderAnswer, newerAnswer] = await Promise.all([deliver(second, older), deliver(first, newer)]);

      expect(
        await store.db.row("SELECT status, finished_at FROM deployments WHERE id = ?", [
          `github:deployment:${5000 + round}`,
        ]),
      ).toEqual({ status: "success", finished_at: Date.parse("2026-02-03T10:05:00Z") });
      expect(newerAnswer).toMatchObject({ status: 200, body: { status: "stored" } });
      // The older delivery is stale whenever the newer was stored before it was judged; judged
      // first, it was the newest the store knew and was stored, then overwritten by the newer.
      expect(olderAnswer.status).toBe(200);
      expect(["stale", "stored"]).toContain(olderAnswer.body.status);
      if (olderAnswer.body.status === "stale")
        expect(olderAnswer.body.reason).toBe(
          `deployment github:deployment:${5000 + round}: the event is of 2026-02-03T10:01:00.000Z, and what is stored already goes to 2026-02-03T10:05:00.000Z`,
        );
      answers.push(String(olderAnswer.body.status));
    }
    expect(answers).toHaveLength(ROUNDS);
  });
});
