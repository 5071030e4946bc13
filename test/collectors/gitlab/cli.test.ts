import { afterEach, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { freshDatabase } from "../../support/db";
import { altimeterAsync } from "../github/support/cli";
import { fakeInstance } from "./support/model";
import { startFakeGitlab } from "./support/server";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const store = freshDatabase();
  await closeDatabase(store.db); // the CLI opens it
  const fake = await startFakeGitlab(fakeInstance(3, { mrs: 3, commits: 3, deployments: 3, pipelines: 3 }));
  cleanups.push(
    () => fake.close(),
    async () => store.dispose().catch(() => {}),
  );
  const collect = (extra: string[], token = fake.token) =>
    altimeterAsync(["collect", "gitlab", "--group", "acme", "--workspace", "acme", "--url", fake.url, ...extra], {
      db: store.file,
      env: { GITLAB_TOKEN: token },
    });
  return { store, fake, collect };
}

describe("altimeter collect gitlab", () => {
  test("one failing project is reported on stderr, the others are stored, exit 2", async () => {
    const { store, fake, collect } = await setup();
    const broken = fake.data.projects[1]!;
    fake.fault = (r) =>
      r.path === `/api/v4/projects/${broken.id}/repository/commits`
        ? { status: 404, body: { message: "404 Not Found" } }
        : undefined;
    const run = await collect([]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${broken.path_with_namespace}: GitLab: /api/v4/projects/${broken.id}/repository/commits not found`,
    );
    expect(run.stdout).toMatch(/^acme: gitlab partial in [\d.]+ s: .*3 repository.*; \d+ requests\n$/);
    const db = openDatabase(store.file);
    try {
      // The failing project's repository record was stored before its commits failed; its other streams were not read.
      expect(db.$client.prepare("SELECT count(*) AS n FROM repositories").get()).toEqual({ n: 3 });
      expect(db.$client.prepare("SELECT count(DISTINCT repository_id) AS n FROM pull_requests").get()).toEqual({
        n: 2,
      });
    } finally {
      await closeDatabase(db);
    }
  });

  test("a wrong token exits 1 with a message naming GITLAB_TOKEN and not the token; a bad flag names the flag", async () => {
    const { collect } = await setup();
    const run = await collect([], "glpat-not-the-right-one");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/401 unauthorized.*\$GITLAB_TOKEN/);
    expect(run.stderr + run.stdout).not.toContain("glpat-not-the-right-one");
    const bad = await collect(["--concurrency", "0"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--concurrency: /);
  });
});
