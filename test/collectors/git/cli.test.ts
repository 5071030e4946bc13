import { afterAll, describe, expect, test } from "vitest";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";
import { TestRepository } from "./repo";

const store = await freshDatabase();
const repo = new TestRepository("billing");
afterAll(async () => {
  repo.dispose();
  await store.dispose();
});

describe("altimeter collect git", () => {
  test("collects a local clone into a workspace and prints its summary", () => {
    repo.commit({ name: "Ana", email: "ana@acme.com" }, "2026-03-01T10:00:00Z", "Initial commit");
    repo.tag("v0.1", "2026-03-01T12:00:00Z");
    const r = altimeter(
      ["collect", "git", repo.dir, "--workspace", "acme", "--repository-id", "acme/billing", "--json"],
      { db: store.file },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      workspace: "acme",
      source: "git",
      status: "ok",
      records: { repository: 1, commit: 1, person: 1, deployment: 1 },
      failures: [],
    });
    const text = altimeter(["collect", "git", repo.dir, "--workspace", "acme", "--repository-id", "acme/billing"], {
      db: store.file,
    });
    expect(text.stdout).toMatch(/^acme: git ok in \d+\.\d s: 1 repository, 1 deployment\n$/);
  });

  test("a --tag-pattern that matches no tag says so in the summary and names the tags there are", () => {
    const r = altimeter(
      [
        "collect",
        "git",
        repo.dir,
        "--workspace",
        "acme",
        "--repository-id",
        "acme/billing",
        "--tag-pattern",
        "^release-",
      ],
      { db: store.file },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^acme: git ok in \d+\.\d s: 1 repository; 1 deployment removed \(no longer in the source\); 1 warning \(below\)\n$/,
    );
    expect(r.stderr).toBe(
      `warning: ${repo.dir}: no tag matches --tag-pattern ^release- (the repository has 1 tag, the newest v0.1), so no deployments were recorded\n`,
    );
  });

  test("a path that is not a repository is reported, the others collected, and the exit status is 2", () => {
    const r = altimeter(["collect", "git", repo.dir, "/nonexistent/clone", "--workspace", "acme"], { db: store.file });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("/nonexistent/clone: /nonexistent/clone: no such folder\n");
  });

  test("bad flags are refused with the reason", () => {
    const two = altimeter(["collect", "git", repo.dir, repo.dir, "--workspace", "acme", "--repository-id", "x"], {
      db: store.file,
    });
    expect(two.status).toBe(1);
    expect(two.stderr).toBe("altimeter collect: --repository-id names one repository: give a single PATH with it\n");
    const pattern = altimeter(["collect", "git", repo.dir, "--workspace", "acme", "--tag-pattern", "v("], {
      db: store.file,
    });
    expect(pattern.stderr).toBe("altimeter collect: --tag-pattern: not a valid regular expression\n");
    const none = altimeter(["collect", "git", "--workspace", "acme"], { db: store.file });
    expect(none.stderr).toContain("name at least one PATH of a local git clone");
  });
});
