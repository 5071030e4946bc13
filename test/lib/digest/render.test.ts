import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { insertAssessmentSnapshots } from "@/lib/queries/assessments";
import { getWorkspace } from "@/lib/queries/workspaces";
import { METRIC_INFO } from "@/lib/service/definitions";
import { getDigest, type RenderedDigest } from "@/lib/service/digest";
import { commit, deployment, incident, person, pullRequest, repository, team } from "../../factories";
import { freshDatabase, importObjects } from "../../support/db";
import { runCli } from "./cli";

const URL_BASE = "https://altimeter.example.test";
const at = (iso: string) => Date.parse(iso);

describe("the digest's renderings of a small workspace's week", async () => {
  const store = await freshDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-digest-"));
  let d: RenderedDigest;

  beforeAll(async () => {
    await importObjects(store.db, "acme", [
      team({ id: "checkout", name: "Checkout <Core> & Co" }),
      repository({ id: "r1", name: "acme/checkout", teamId: "checkout", createdAt: "2026-01-01T00:00:00Z" }),
      person({ id: "veteran", teamId: "checkout" }),
      person({ id: "newbie", name: "Nina New", teamId: "checkout", joinedAt: "2026-11-10T09:00:00Z" }),
      commit({ repositoryId: "r1", authorId: "veteran", authoredAt: "2026-01-02T10:00:00Z" }),
      pullRequest({
        repositoryId: "r1",
        number: 7,
        authorId: "newbie",
        createdAt: "2026-11-16T10:00:00Z",
        mergedAt: "2026-11-17T10:00:00Z",
        url: "https://github.example/acme/checkout/pull/7",
      }),
      deployment({ id: "d-base", repositoryId: "r1", finishedAt: "2026-11-02T10:00:00Z" }),
      deployment({ id: "d-ok", repositoryId: "r1", finishedAt: "2026-11-17T12:00:00Z" }),
      deployment({
        id: "d-bad",
        repositoryId: "r1",
        status: "failure",
        finishedAt: "2026-11-18T12:00:00Z",
        url: "https://deploys.example/d-bad",
      }),
      incident({
        id: "inc-1",
        title: "<script>alert(1)</script> | *bold* & [x]",
        repositoryId: "r1",
        openedAt: "2026-11-19T08:00:00Z",
        resolvedAt: "2026-11-19T10:30:00Z",
        url: "https://pager.example/inc-1",
      }),
    ]);
    const workspace = await getWorkspace(store.db, "acme");
    const snap = (teamId: string | null, assessedAt: number, level: number) => ({
      teamId,
      assessedAt,
      rubricVersion: "1",
      level,
      provisional: false,
      verdict: "custom",
      detail: {},
    });
    await insertAssessmentSnapshots(store.db, workspace.id, [
      snap("checkout", at("2026-11-01T00:00:00Z"), 1),
      snap("checkout", at("2026-11-18T00:00:00Z"), 2),
      snap(null, at("2026-11-18T00:00:00Z"), 0),
    ]);
    d = await getDigest(store.db, {
      workspace: "acme",
      week: "2026-W47",
      now: at("2026-11-23T08:00:00Z"),
      publicUrl: `${URL_BASE}/`,
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await store.dispose();
  });

  test("the model has the week's failed deployment, incident, the level reached and the newcomer's first merge", () => {
    expect(d.model.failedDeployments).toMatchObject({
      count: 1,
      items: [
        { id: "d-bad", repository: "acme/checkout", why: "status failure", sourceUrl: "https://deploys.example/d-bad" },
      ],
    });
    expect(d.model.incidents).toMatchObject({
      count: 1,
      open: 0,
      items: [{ id: "inc-1", restoreHours: 2.5, sourceUrl: "https://pager.example/inc-1" }],
    });
    expect(d.model.levels).toEqual([
      {
        team: "checkout",
        name: "Checkout <Core> & Co",
        from: 1,
        to: 2,
        levelName: "Templates and generators",
        url: `${URL_BASE}/w/acme/maturity/checkout`,
      },
    ]);
    expect(d.model.newcomers.count).toBe(1);
    expect(d.model.newcomers.items[0]).toMatchObject({
      id: "newbie",
      pullRequest: "r1#7",
      sourceUrl: "https://github.example/acme/checkout/pull/7",
    });
    expect(d.model.newcomers.items[0]!.onboardingDays).toBeCloseTo(7 + 1 / 24, 9);
    // The onboarding drill-down lists newcomers by start: its window opens on the day the newcomer started.
    expect(d.model.newcomers.url).toBe(`${URL_BASE}/w/acme/metrics/onboarding?from=2026-11-10&to=2026-11-23`);
  });

  test("Markdown links every number of the metrics table and every section count, and escapes what records say", () => {
    const rows = d.markdown
      .split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| Metric") && !l.startsWith("| ---"));
    expect(rows).toHaveLength(METRIC_INFO.length);
    for (const row of rows) {
      const cells = row.split(" | ");
      expect(cells[1], row).toMatch(
        /^\[[^\]]+\]\(https:\/\/altimeter\.example\.test\/w\/acme\/metrics\/[a-z-]+\?from=2026-11-16&to=2026-11-23\)$/,
      );
      expect(cells[2], row).toMatch(
        /^\[[^\]]+\]\(https:\/\/altimeter\.example\.test\/w\/acme\/metrics\/[a-z-]+\?from=2026-10-19&to=2026-11-16\)$/,
      );
    }
    expect(d.markdown).toContain(
      `## [1 failed deployment](${URL_BASE}/w/acme/metrics/change-failure-rate?from=2026-11-16&to=2026-11-23)`,
    );
    expect(d.markdown).toContain(
      `## [1 incident](${URL_BASE}/w/acme/metrics/time-to-restore?from=2026-11-16&to=2026-11-23) (0 open)`,
    );
    expect(d.markdown).toContain("\\<script\\>alert(1)\\</script\\> \\| \\*bold\\* & \\[x\\]");
    expect(d.markdown).toContain("## Maturity levels reached");
    expect(d.markdown).toContain(
      `[Checkout \\<Core\\> & Co: level 1 → 2 (Templates and generators)](${URL_BASE}/w/acme/maturity/checkout)`,
    );
    expect(d.markdown).toContain(
      "merged r1#7 on Tue 17 Nov, 10:00 UTC, 7.04 days after starting](https://github.example/acme/checkout/pull/7)",
    );
  });

  test("the HTML mail has no script, escapes record text and links every number", () => {
    expect(d.html).not.toMatch(/<script/i);
    expect(d.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(d.html).toContain("Checkout &lt;Core&gt; &amp; Co");
    expect(d.html).not.toMatch(/<link|<img|class=/);
    const hrefs = [...d.html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
    for (const slug of [
      "deployment-frequency",
      "lead-time",
      "change-failure-rate",
      "time-to-restore",
      "onboarding",
      "time-to-first-deploy",
    ]) {
      expect(hrefs, slug).toContain(`${URL_BASE}/w/acme/metrics/${slug}?from=2026-11-16&amp;to=2026-11-23`);
      expect(hrefs, slug).toContain(`${URL_BASE}/w/acme/metrics/${slug}?from=2026-10-19&amp;to=2026-11-16`);
    }
    expect(hrefs).toContain(`${URL_BASE}/w/acme/metrics/onboarding?from=2026-11-10&amp;to=2026-11-23`);
    expect(hrefs.every((h) => h.startsWith("https://"))).toBe(true);
  });

  test("Slack blocks escape &, < and > and keep every link in <url|text> form", () => {
    const all = JSON.stringify(d.slack.blocks);
    expect(all).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(all).not.toContain("<script>");
    expect(all).toContain(
      `<${URL_BASE}/w/acme/maturity/checkout|Checkout &lt;Core&gt; &amp; Co: level 1 → 2 (Templates and generators)>`,
    );
  });

  test("altimeter digest --to file writes the Markdown where the config's digest.file.dir says, relative to the config file", async () => {
    const configFile = path.join(dir, "altimeter.config.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        publicUrl: URL_BASE,
        workspaces: [{ slug: "acme", digest: { channels: ["file"], file: { dir: "out/digests" } } }],
      }),
    );
    const run = await runCli(
      ["digest", "--workspace", "acme", "--week", "2026-W47", "--to", "file", "--config", configFile],
      { db: store.file },
    );
    expect(run.status, run.stderr).toBe(0);
    const file = path.join(dir, "out", "digests", "acme-2026-W47.md");
    expect(run.stdout).toBe(`digest 2026-W47 of acme: written to ${file}\n`);
    const written = readFileSync(file, "utf8");
    expect(written).toContain("# acme: weekly digest 2026-W47");
    expect(written).toContain(`${URL_BASE}/w/acme/metrics/deployment-frequency?from=2026-11-16&to=2026-11-23`);
    // Writing it again is safe, and both runs are the one recorded row.
    expect(
      (
        await runCli(["digest", "--workspace", "acme", "--week", "2026-W47", "--to", "file", "--config", configFile], {
          db: store.file,
        })
      ).status,
    ).toBe(0);
    expect(await store.db.rows("SELECT status, attempts FROM digest_sends WHERE channel = 'file'")).toEqual([
      { status: "sent", attempts: 2 },
    ]);
  });

  test("a digest block without recipients for its email channel is refused with the key that is missing", async () => {
    const configFile = path.join(dir, "bad.config.json");
    writeFileSync(
      configFile,
      JSON.stringify({ workspaces: [{ slug: "acme", digest: { channels: ["email"], cron: "every monday" } }] }),
    );
    const run = await runCli(["digest", "--workspace", "acme", "--to", "email", "--config", configFile], {
      db: store.file,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("workspaces[0].digest.cron: not a valid cron expression");
    expect(run.stderr).toContain(
      'workspaces[0].digest.email: the email channel needs "email": { "to": ["…"] } (the recipients)',
    );
  });
});
