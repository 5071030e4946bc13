import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDemoWorkspace } from "@/lib/service/demo";
import { deliverDigest, getDigest, type RenderedDigest } from "@/lib/service/digest";
import { freshDatabase } from "../../support/db";
import { startSmtp } from "./servers";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const FAST = { attempts: 3, delaysMs: [20, 40] };
const LIMITS = { maxAttempts: 9, retryAfterMs: 60_000, staleAfterMs: 600_000 };

describe("a failed digest send is retried and recorded, never lost", async () => {
  const store = await freshDatabase();
  let digest: (week: string) => Promise<RenderedDigest>;
  const row = async (week: string) =>
    (await store.db.row<{ status: string; attempts: number; lastError: string | null }>(
      `SELECT status, attempts, last_error AS "lastError" FROM digest_sends WHERE week = ? AND channel = 'email'`,
      [week],
    ))!;

  beforeAll(async () => {
    await createDemoWorkspace(store.db, { slug: "demo", now: NOW });
    digest = (week) =>
      getDigest(store.db, { workspace: "demo", week, now: NOW, publicUrl: "https://altimeter.example.test" });
  });
  afterAll(() => store.dispose());

  test("a server that rejects the first attempt (451, try later) and accepts the second gets the mail once; both attempts are recorded", async () => {
    const smtp = await startSmtp({ refuse: (n) => (n === 1 ? 451 : null) });
    try {
      const outcome = await deliverDigest(store.db, await digest("2026-W47"), {
        target: { channel: "email", to: ["lead@example.test"] },
        env: smtp.env,
        retry: FAST,
        limits: LIMITS,
      });
      expect(outcome.status).toBe("sent");
      expect(smtp.offered).toBe(2);
      expect(smtp.messages).toHaveLength(1);
      expect(await row("2026-W47")).toEqual({
        status: "sent",
        attempts: 2,
        lastError: expect.stringMatching(/SMTP: .*451.*Greylisted/),
      });
    } finally {
      await smtp.close();
    }
  });

  test("a permanent rejection (550) is not retried at once: the digest is recorded as failed with the server's answer", async () => {
    const smtp = await startSmtp({ refuse: () => 550 });
    try {
      const outcome = await deliverDigest(store.db, await digest("2026-W46"), {
        target: { channel: "email", to: ["gone@example.test"] },
        env: smtp.env,
        retry: FAST,
        limits: LIMITS,
      });
      expect(outcome.status).toBe("failed");
      expect(outcome.reason).toMatch(/550/);
      expect(smtp.offered).toBe(1);
      expect(await row("2026-W46")).toMatchObject({ status: "failed", attempts: 1 });
    } finally {
      await smtp.close();
    }
  });

  test("a server down for every attempt leaves the digest failed; it is retried only after the backoff, then sent", async () => {
    let down = true;
    const smtp = await startSmtp({ refuse: () => (down ? 421 : null) });
    try {
      const first = await deliverDigest(store.db, await digest("2026-W45"), {
        target: { channel: "email", to: ["lead@example.test"] },
        env: smtp.env,
        retry: FAST,
        limits: LIMITS,
        now: () => NOW,
      });
      expect(first.status).toBe("failed");
      expect(await row("2026-W45")).toMatchObject({ status: "failed", attempts: 3 });

      down = false;
      const early = await deliverDigest(store.db, await digest("2026-W45"), {
        target: { channel: "email", to: ["lead@example.test"] },
        env: smtp.env,
        retry: FAST,
        limits: LIMITS,
        now: () => NOW + 30_000,
      });
      expect(early.status).toBe("skipped");
      expect(early.reason).toMatch(/failed 3 times .*not retried yet/);

      const later = await deliverDigest(store.db, await digest("2026-W45"), {
        target: { channel: "email", to: ["lead@example.test"] },
        env: smtp.env,
        retry: FAST,
        limits: LIMITS,
        now: () => NOW + 61_000,
      });
      expect(later).toMatchObject({ status: "sent", claim: "retry" });
      expect(await row("2026-W45")).toMatchObject({ status: "sent", attempts: 4 });
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  test("a refused login is recorded without the password", async () => {
    const smtp = await startSmtp({ user: "digest", password: "right-password" });
    try {
      const env = { ...smtp.env, SMTP_USER: "digest", SMTP_PASSWORD: "wrong-password-1234" };
      const outcome = await deliverDigest(store.db, await digest("2026-W44"), {
        target: { channel: "email", to: ["lead@example.test"] },
        env,
        retry: FAST,
        limits: LIMITS,
      });
      expect(outcome.status).toBe("failed");
      expect((await row("2026-W44")).lastError).toMatch(/SMTP: .*(Invalid|auth)/i);
      expect(JSON.stringify(await store.db.rows("SELECT * FROM digest_sends"))).not.toContain("wrong-password-1234");
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});
