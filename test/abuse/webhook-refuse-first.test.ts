import { afterAll, describe, expect, test } from "vitest";
import { freshDatabase } from "../support/db";

// Finding 10: the webhook routes read a 5 MB body before knowing the workspace had no secret.
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
delete process.env.GITHUB_WEBHOOK_SECRET;
delete process.env.GITLAB_WEBHOOK_TOKEN;
process.env.GITHUB_WEBHOOK_SECRET_SIGNED = "a secret of the signed workspace";
const github = await import("@/app/api/webhooks/github/route");
const gitlab = await import("@/app/api/webhooks/gitlab/route");
afterAll(() => store.dispose());

/** A body that counts how many of its chunks the server pulled. */
function countingBody() {
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled++;
      if (counter.pulled > 80) return controller.close();
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  return { body, counter };
}

const post = (handler: (r: Request) => Promise<Response>, workspace: string, headers: Record<string, string>) => {
  const { body, counter } = countingBody();
  const request = new Request(`http://localhost/api/webhooks/x?workspace=${workspace}`, {
    method: "POST",
    headers,
    body,
    // @ts-expect-error Node's fetch needs this for a streamed body.
    duplex: "half",
  });
  return handler(request).then((res) => ({ res, counter }));
};

describe("webhooks refuse first and read after", () => {
  test("GitHub: no secret for the workspace, or no signature: 401 without reading the body", async () => {
    const none = await post(github.POST, "unsigned", { "x-github-event": "push", "x-github-delivery": "d1" });
    expect(none.res.status).toBe(401);
    expect(none.counter.pulled).toBeLessThanOrEqual(1);
    const unsigned = await post(github.POST, "signed", { "x-github-event": "push", "x-github-delivery": "d2" });
    expect(unsigned.res.status).toBe(401);
    expect(await unsigned.res.json()).toEqual({
      error: { code: "unauthorized", message: "missing X-Hub-Signature-256 header" },
    });
    expect(unsigned.counter.pulled).toBeLessThanOrEqual(1);
  });

  test("GitLab: no token configured, or a wrong one: 401 without reading the body", async () => {
    const none = await post(gitlab.POST, "unsigned", { "x-gitlab-event": "Push Hook", "x-gitlab-token": "guess" });
    expect(none.res.status).toBe(401);
    expect(none.counter.pulled).toBeLessThanOrEqual(1);
  });
});
