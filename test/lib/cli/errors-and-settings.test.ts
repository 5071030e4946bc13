import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { altimeter } from "../../support/cli";
import { freshDatabase, importText } from "../../support/db";

const store = await freshDatabase();
beforeAll(async () => {
  await importText(
    store.db,
    "acme",
    [
      `{"type":"team","id":"pay","name":"Payments"}`,
      `{"type":"repository","id":"r","name":"acme/r","createdAt":"2020-01-01T00:00:00Z","teamId":"pay"}`,
      `{"type":"deployment","id":"d","repositoryId":"r","environment":"live","status":"success","createdAt":"2026-01-06T00:00:00Z","finishedAt":"2026-01-06T00:10:00Z"}`,
    ].join("\n"),
  );
});
afterAll(() => store.dispose());

const metrics = (...extra: string[]) =>
  altimeter(["metrics", "--workspace", "acme", "--from", "2026-01-05", "--to", "2026-01-12", ...extra], {
    db: store.file,
  });

describe("altimeter metrics refuses bad questions with a clear error, never an empty result", () => {
  test.each([
    [
      "an unknown workspace",
      ["metrics", "--workspace", "nope", "--from", "2026-01-05", "--to", "2026-01-12"],
      'unknown workspace "nope" (known: acme)',
    ],
    [
      "an unknown team",
      ["metrics", "--workspace", "acme", "--from", "2026-01-05", "--to", "2026-01-12", "--team", "ghost"],
      'unknown team "ghost" in workspace "acme"',
    ],
    [
      "a bad date",
      ["metrics", "--workspace", "acme", "--from", "2026-13-01", "--to", "2026-01-12"],
      '--from must be a date as YYYY-MM-DD, got "2026-13-01"',
    ],
    [
      "a date with a time",
      ["metrics", "--workspace", "acme", "--from", "2026-01-05T00:00:00Z", "--to", "2026-01-12"],
      "--from must be a date as YYYY-MM-DD",
    ],
    [
      "--to not after --from",
      ["metrics", "--workspace", "acme", "--from", "2026-01-12", "--to", "2026-01-12"],
      "--to (2026-01-12) must be after --from (2026-01-12)",
    ],
    ["a missing flag", ["metrics", "--workspace", "acme", "--from", "2026-01-12"], "--to is required"],
    [
      "an unknown series",
      ["metrics", "--workspace", "acme", "--from", "2026-01-05", "--to", "2026-01-12", "--series", "month"],
      '--series "month": only "week" is supported',
    ],
    ["an unknown flag", ["metrics", "--workspace", "acme", "--frm", "2026-01-05"], "Unknown option '--frm'"],
  ])("%s exits 1 and names the problem", (_name, args, message) => {
    const run = altimeter(args, { db: store.file });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });
});

test("a workspace slug that would not survive a URL is refused before anything is written", () => {
  const run = altimeter(["import", "-", "--workspace", "acme corp/eu"], {
    db: store.file,
    input: `{"type":"team","id":"a","name":"A"}\n`,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('workspace slug "acme corp/eu" must be 1–64 lower-case letters, digits');
});

describe("altimeter settings", () => {
  test("shows the defaults of spec/metrics.md", () => {
    const run = altimeter(["settings", "--workspace", "acme", "--json"], { db: store.file });
    expect(JSON.parse(run.stdout)).toEqual({
      workspace: "acme",
      productionEnv: "^prod(uction)?([-_.: ].*)?$",
      attributionWindowHours: 24,
      newcomerGraceDays: 30,
      reworkPattern: "^\\s*(revert|hotfix)\\b",
      reworkLabels: ["hotfix", "revert", "incident"],
    });
  });

  test("rework settings: a bad pattern is refused, labels are a comma-separated list", () => {
    const bad = altimeter(["settings", "--workspace", "acme", "--rework-pattern", "(revert"], { db: store.file });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--rework-pattern is not a valid regular expression");
    const empty = altimeter(["settings", "--workspace", "acme", "--rework-labels", " , "], { db: store.file });
    expect(empty.stderr).toContain("--rework-labels must name at least one label");
    const set = altimeter(
      ["settings", "--workspace", "acme", "--rework-pattern", "^fix!", "--rework-labels", "Hotfix, rollback", "--json"],
      { db: store.file },
    );
    expect(JSON.parse(set.stdout)).toMatchObject({ reworkPattern: "^fix!", reworkLabels: ["Hotfix", "rollback"] });
    altimeter(
      [
        "settings",
        "--workspace",
        "acme",
        "--rework-pattern",
        "^\\s*(revert|hotfix)\\b",
        "--rework-labels",
        "hotfix,revert,incident",
      ],
      { db: store.file },
    );
  });

  test("refuses a bad value with the reason and changes nothing", () => {
    const bad = altimeter(
      ["settings", "--workspace", "acme", "--production-env", "(prod", "--attribution-window-hours", "2"],
      { db: store.file },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--production-env is not a valid regular expression");
    const negative = altimeter(["settings", "--workspace", "acme", "--newcomer-grace-days=-1"], { db: store.file });
    expect(negative.stderr).toContain('--newcomer-grace-days must be a number ≥ 0, got "-1"');
    expect(
      JSON.parse(altimeter(["settings", "--workspace", "acme", "--json"], { db: store.file }).stdout)
        .attributionWindowHours,
    ).toBe(24);
  });

  test("a changed production pattern is honoured by the next metrics run", () => {
    expect(JSON.parse(metrics("--json").stdout).deploymentFrequency.deployments).toBe(0);
    const set = altimeter(["settings", "--workspace", "acme", "--production-env", "^(prod|live)$"], { db: store.file });
    expect(set.status).toBe(0);
    expect(JSON.parse(metrics("--json").stdout).deploymentFrequency.deployments).toBe(1);
    expect(JSON.parse(metrics("--json", "--team", "pay").stdout).deploymentFrequency.deployments).toBe(1);
  });
});

describe("help", () => {
  test("every command has --help, and the top level lists them", () => {
    const top = altimeter(["--help"], { db: store.file });
    expect(top.status).toBe(0);
    for (const name of ["import", "metrics", "explain", "settings", "workspaces", "doctor"]) {
      expect(top.stdout).toContain(`  ${name}`);
      const help = altimeter([name, "--help"], { db: store.file });
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: altimeter ${name}`));
    }
  });

  test("the readable table shows the numbers", () => {
    altimeter(["settings", "--workspace", "acme", "--production-env", "^live$"], { db: store.file });
    const run = metrics();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("deployment frequency");
    expect(run.stdout).toContain("1 deployment on 1 day");
  });
});
