import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { MetricsReport } from "@/lib/metrics/types";
import { formatHeadline } from "@/lib/format";
import { createDemoWorkspace } from "@/lib/service/demo";
import { headlineValue, METRIC_INFO } from "@/lib/service/definitions";
import { deliverDigest, getDigest } from "@/lib/service/digest";
import { getMetricsReport } from "@/lib/service/metrics";
import { freshDatabase } from "../../support/db";
import { runCli } from "./cli";
import { startSlack, type TestSlack } from "./servers";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const PUBLIC_URL = "https://altimeter.example.test";

describe("the weekly digest to a Slack incoming webhook (a local HTTP server)", async () => {
  const store = await freshDatabase();
  let slack: TestSlack;

  beforeAll(async () => {
    await createDemoWorkspace(store.db, { slug: "demo", now: NOW });
    slack = await startSlack();
  });
  afterAll(async () => {
    await slack?.close();
    await store.dispose();
  });

  test("altimeter digest --to slack posts Block Kit whose fields hold the week's numbers, each linked to its drill-down", async () => {
    const run = await runCli(["digest", "--workspace", "demo", "--week", "2026-W47", "--to", "slack"], {
      db: store.file,
      env: { ALTIMETER_SLACK_WEBHOOK_URL: slack.url, ALTIMETER_PUBLIC_URL: PUBLIC_URL },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("sent to the webhook in ALTIMETER_SLACK_WEBHOOK_URL");
    expect(run.stdout).not.toContain(slack.url);
    expect(slack.posts).toHaveLength(1);
    const post = slack.posts[0]!;
    expect(post.text).toMatch(/^Northwind \(demo\) weekly digest 2026-W47/);
    expect(post.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Northwind (demo): weekly digest 2026-W47" },
    });
    expect(post.blocks.length).toBeLessThanOrEqual(50);
    const fields = (post.blocks[2] as { fields: { type: string; text: string }[] }).fields;
    expect(fields).toHaveLength(METRIC_INFO.length);
    const week: MetricsReport = await getMetricsReport(store.db, {
      workspace: "demo",
      from: "2026-11-16",
      to: "2026-11-23",
    });
    METRIC_INFO.forEach((info, i) => {
      const value = formatHeadline(info.name, headlineValue(info.name, week));
      // Slack's mrkdwn escapes & in a link's address as in text.
      const drill = `${PUBLIC_URL}/w/demo/metrics/${info.slug}?from=2026-11-16&amp;to=2026-11-23`;
      expect(fields[i]!.text, info.title).toContain(
        `*${info.title}*\n<${drill}|${value === null ? "no data" : `${value} ${info.unit}`}>`,
      );
    });
    const all = JSON.stringify(post.blocks);
    expect(all).toContain(
      `<${PUBLIC_URL}/w/demo/metrics/change-failure-rate?from=2026-11-16&amp;to=2026-11-23|${week.changeFailureRate.failed} failed deployment`,
    );
    expect(await store.db.row("SELECT status, attempts FROM digest_sends WHERE channel = 'slack'")).toEqual({
      status: "sent",
      attempts: 1,
    });
  });

  test("a webhook answering 500 then 200 gets the message on the second attempt; a 404 fails at once, recorded without the secret URL", async () => {
    const flaky = await startSlack((n) => (n === 1 ? 500 : 200));
    const gone = await startSlack(() => 404);
    try {
      const digest = await getDigest(store.db, {
        workspace: "demo",
        week: "2026-W46",
        now: NOW,
        publicUrl: PUBLIC_URL,
      });
      const retry = { attempts: 3, delaysMs: [20] };
      const sent = await deliverDigest(store.db, digest, {
        target: { channel: "slack", webhookUrlEnv: "TEAM_WEBHOOK" },
        env: { TEAM_WEBHOOK: flaky.url },
        retry,
      });
      expect(sent.status).toBe("sent");
      expect(flaky.posts).toHaveLength(1);
      expect(sent.row).toMatchObject({ attempts: 2, lastError: "Slack webhook answered 500: internal_error" });

      const other = await getDigest(store.db, { workspace: "demo", week: "2026-W45", now: NOW, publicUrl: PUBLIC_URL });
      const failed = await deliverDigest(store.db, other, {
        target: { channel: "slack", webhookUrlEnv: "TEAM_WEBHOOK" },
        env: { TEAM_WEBHOOK: gone.url },
        retry,
      });
      expect(failed).toMatchObject({ status: "failed", reason: "Slack webhook answered 404: no_service" });
      expect(JSON.stringify(await store.db.rows("SELECT * FROM digest_sends"))).not.toContain("secret-path");
    } finally {
      await flaky.close();
      await gone.close();
    }
  });

  test("without the webhook variable the error names the variable to set", async () => {
    const run = await runCli(["digest", "--workspace", "demo", "--week", "2026-W44", "--to", "slack"], {
      db: store.file,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "the Slack digest needs an incoming-webhook URL in the environment variable ALTIMETER_SLACK_WEBHOOK_URL",
    );
  });
});
