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
  const store = await freshDatabase();
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

/** What the CLI stored, for comparing two databases. */
async function stored(file: string) {
  const db = await openDatabase(file);
  try {
    const q = (sql: string) => db.rows(sql);
    return {
      pulls: await q(
        "SELECT repository_id, number, author_id, first_commit_at, merged_at FROM pull_requests ORDER BY 1, 2",
      ),
      commits: await q("SELECT repository_id, sha, parents FROM commits ORDER BY 1, 2"),
      deployments: await q("SELECT id, status FROM deployments ORDER BY id"),
      runs: await q("SELECT id, status FROM ci_runs ORDER BY id"),
      incidents: await q("SELECT id, resolved_at FROM incidents ORDER BY id"),
    };
  } finally {
    await closeDatabase(db);
  }
}

describe("altimeter collect gitlab", () => {
  test("killed with SIGKILL mid-sync and run again, it ends with the data of an uninterrupted run", async () => {
    const shape = { mrs: 230, commits: 210, deployments: 120, pipelines: 20, incidents: 10 };
    const clean = await freshDatabase();
    await closeDatabase(clean.db);
    const killed = await freshDatabase();
    await closeDatabase(killed.db);
    const fake = await startFakeGitlab(fakeInstance(3, shape));
    cleanups.push(
      () => fake.close(),
      async () => clean.dispose().catch(() => {}),
      async () => killed.dispose().catch(() => {}),
    );
    const run = (file: string, started?: (child: import("node:child_process").ChildProcess) => void) =>
      altimeterAsync(["collect", "gitlab", "--group", "acme", "--workspace", "acme", "--url", fake.url], {
        db: file,
        env: { GITLAB_TOKEN: fake.token },
        started,
      });
    expect((await run(clean.file)).status).toBe(0);
    const total = fake.requests.length;
    fake.requests = [];
    let child: import("node:child_process").ChildProcess | null = null;
    fake.onRequest = (n) => {
      if (n === Math.floor(total / 2)) child?.kill("SIGKILL");
    };
    const interrupted = await run(killed.file, (c) => {
      child = c;
    });
    expect(interrupted.signal).toBe("SIGKILL");
    fake.onRequest = null;
    const again = await run(killed.file);
    expect(again.status, again.stderr).toBe(0);
    expect(await stored(killed.file)).toEqual(await stored(clean.file));
  });

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
    const db = await openDatabase(store.file);
    try {
      // The failing project's repository record was stored before its commits failed; its other streams were not read.
      expect(await db.row("SELECT count(*) AS n FROM repositories")).toEqual({ n: 3 });
      expect(await db.row("SELECT count(DISTINCT repository_id) AS n FROM pull_requests")).toEqual({
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
