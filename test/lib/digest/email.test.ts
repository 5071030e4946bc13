import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { MetricsReport } from "@/lib/metrics/types";
import { formatHeadline } from "@/lib/format";
import { createDemoWorkspace } from "@/lib/service/demo";
import { headlineValue, METRIC_INFO } from "@/lib/service/definitions";
import { freshDatabase } from "../../support/db";
import { runCli } from "./cli";
import { startSmtp, type TestSmtp } from "./servers";

// The demo ends on Wednesday 25 November 2026, so 2026-W47 (16–22 Nov) is its last full week.
const NOW = Date.parse("2026-11-25T10:00:00Z");
const PUBLIC_URL = "https://altimeter.example.test";

describe("the weekly digest by email, through a real SMTP server", async () => {
  const store = await freshDatabase();
  let smtp: TestSmtp;
  const cli = (args: string[]) =>
    runCli(args, { db: store.file, env: { ...smtp.env, ALTIMETER_PUBLIC_URL: PUBLIC_URL } });
  const metrics = async (from: string, to: string): Promise<MetricsReport> => {
    const run = await cli(["metrics", "--workspace", "demo", "--from", from, "--to", to, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as MetricsReport;
  };

  beforeAll(async () => {
    await createDemoWorkspace(store.db, { slug: "demo", now: NOW });
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await store.dispose();
  });

  test("the mail has a text and an HTML part whose numbers equal altimeter metrics --json for the week and the four weeks before, each linked to its drill-down", async () => {
    const run = await cli([
      "digest",
      "--workspace",
      "demo",
      "--week",
      "2026-W47",
      "--to",
      "email",
      "--recipient",
      "lead@example.test",
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("digest 2026-W47 of demo: sent to lead@example.test");
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.subject).toMatch(/^Northwind \(demo\) weekly digest 2026-W47/);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("lead@example.test");
    expect(mail.from?.text).toContain("altimeter@example.test");
    const text = mail.text ?? "",
      html = typeof mail.html === "string" ? mail.html : "";
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style/i);

    const week = await metrics("2026-11-16", "2026-11-23");
    const before = await metrics("2026-10-19", "2026-11-16");
    for (const info of METRIC_INFO) {
      const now = formatHeadline(info.name, headlineValue(info.name, week));
      const then = formatHeadline(info.name, headlineValue(info.name, before));
      const shown = (v: string | null) => (v === null ? "no data" : `${v} ${info.unit}`);
      expect(text, info.title).toContain(`- ${info.title}: ${shown(now)} (four weeks before: ${shown(then)};`);
      const drill = `${PUBLIC_URL}/w/demo/metrics/${info.slug}?from=2026-11-16&amp;to=2026-11-23`;
      expect(html, info.title).toContain(
        `<a href="${drill}" style="color:#0b5cad;text-decoration:underline;">${shown(now)}</a>`,
      );
      expect(html, info.title).toContain(`${PUBLIC_URL}/w/demo/metrics/${info.slug}?from=2026-10-19&amp;to=2026-11-16`);
    }
    expect(text).toContain(`${week.deploymentFrequency.deployments} deployment`);
    expect(text).toContain(
      `FAILED DEPLOYMENTS: ${week.changeFailureRate.failed} <${PUBLIC_URL}/w/demo/metrics/change-failure-rate?from=2026-11-16&to=2026-11-23>`,
    );
    expect(text).toContain(`INCIDENTS: ${week.timeToRestore.incidents}, ${week.timeToRestore.open} open`);
  });

  test("the send is recorded, and running it again sends nothing more until --force", async () => {
    const row = (await store.db.row(
      "SELECT status, attempts, sent_at, last_error, claimed_by FROM digest_sends WHERE week = '2026-W47' AND channel = 'email'",
    ))!;
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(row.sent_at).toEqual(expect.any(Number));

    const again = await cli([
      "digest",
      "--workspace",
      "demo",
      "--week",
      "2026-W47",
      "--to",
      "email",
      "--recipient",
      "lead@example.test",
    ]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/not sent, already sent at \S+ by \S+ \(--force to send again\)/);
    expect(smtp.messages).toHaveLength(1);

    const forced = await cli([
      "digest",
      "--workspace",
      "demo",
      "--week",
      "2026-W47",
      "--to",
      "email",
      "--recipient",
      "lead@example.test",
      "--force",
    ]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(smtp.messages).toHaveLength(2);
  });

  test("--dry-run prints the mail and neither sends nor records it", async () => {
    const run = await cli([
      "digest",
      "--workspace",
      "demo",
      "--week",
      "2026-W46",
      "--to",
      "email",
      "--recipient",
      "lead@example.test",
      "--dry-run",
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("would mail lead@example.test");
    expect(run.stdout).toContain("Subject: Northwind (demo) weekly digest 2026-W46");
    expect(smtp.messages).toHaveLength(2);
    expect(await store.db.value("SELECT count(*) FROM digest_sends WHERE week = '2026-W46'")).toBe(0);
  });

  test("without an SMTP server configured the error says which variables to set, and the failure is recorded", async () => {
    const run = await runCli(
      ["digest", "--workspace", "demo", "--week", "2026-W45", "--to", "email", "--recipient", "lead@example.test"],
      { db: store.file },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "failed (recorded): no SMTP server to send the digest with: set ALTIMETER_SMTP_URL=smtp://HOST:587",
    );
    expect(await store.db.row("SELECT status, attempts FROM digest_sends WHERE week = '2026-W45'")).toEqual({
      status: "failed",
      attempts: 1,
    });
  });

  test("an unknown workspace or a bad week is an error naming it, and nothing is recorded", async () => {
    const unknown = await cli(["digest", "--workspace", "nope", "--to", "email"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown workspace "nope"');
    const badWeek = await cli(["digest", "--workspace", "demo", "--week", "2026-47", "--to", "file"]);
    expect(badWeek.status).toBe(1);
    expect(badWeek.stderr).toContain("--week must be an ISO week as YYYY-Www");
    const badChannel = await cli(["digest", "--workspace", "demo", "--to", "pigeon"]);
    expect(badChannel.stderr).toContain('--to must be one of email, slack, file, got "pigeon"');
  });
});
