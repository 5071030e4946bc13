import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { altimeter } from "../support/cli";
import { expectClose } from "../support/close";
import { freshDatabase } from "../support/db";

const EXAMPLES = fileURLToPath(new URL("../fixtures/examples/", import.meta.url));
const expected = JSON.parse(readFileSync(`${EXAMPLES}v2-org.expected.json`, "utf8")) as {
  args: { from: string; to: string; team: string | null; series: string | null };
  expected: unknown;
}[];

describe("the shared v2-org example (metrics version 2, events 1.1)", async () => {
  const store = await freshDatabase();
  let imported: { status: number; stdout: string; stderr: string };
  beforeAll(async () => {
    await store.dispose(); // the CLI creates and migrates the file itself, as on first use
    imported = altimeter(["import", `${EXAMPLES}v2-org.ndjson`, "--workspace", "acme", "--json"], { db: store.file });
  });
  afterAll(() => store.dispose());

  test("imports with its nine invalid lines rejected, and the graph links idempotent on a second import", () => {
    expect(imported.status).toBe(2);
    const summary = JSON.parse(imported.stdout);
    expect(summary.rejected.map((r: { line: number }) => r.line)).toEqual([
      141, 147, 162, 192, 224, 226, 253, 280, 321,
    ]);
    expect(summary.imported).toEqual({
      team: 5,
      repository: 7,
      person: 22,
      commit: 105,
      deployment: 203,
      pull_request: 52,
      incident: 27,
      ci_run: 10,
    });
    const links = () =>
      altimeter(
        [
          "explain",
          "--workspace",
          "acme",
          "--metric",
          "leadTime",
          "--from",
          "2025-01-01",
          "--to",
          "2027-01-01",
          "--json",
        ],
        {
          db: store.file,
        },
      ).stdout;
    const before = links();
    expect(altimeter(["import", `${EXAMPLES}v2-org.ndjson`, "--workspace", "acme"], { db: store.file }).status).toBe(2);
    expect(links()).toBe(before);
  });

  test.each(
    expected.map(
      (c) =>
        [`${c.args.team ?? "workspace"} ${c.args.from}..${c.args.to}${c.args.series ? " by week" : ""}`, c] as const,
    ),
  )("reproduces %s through altimeter metrics --json", (_name, c) => {
    const args = ["metrics", "--workspace", "acme", "--from", c.args.from, "--to", c.args.to, "--json"];
    if (c.args.team) args.push("--team", c.args.team);
    if (c.args.series) args.push("--series", c.args.series);
    const run = altimeter(args, { db: store.file });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expectClose(JSON.parse(run.stdout), c.expected);
  });

  test("explain lists each rework deployment with the rule that made it rework, and each failed deployment's recovery", () => {
    const explain = (metric: string) =>
      JSON.parse(
        altimeter(
          [
            "explain",
            "--workspace",
            "acme",
            "--metric",
            metric,
            "--from",
            "2026-01-05",
            "--to",
            "2026-04-06",
            "--json",
          ],
          {
            db: store.file,
          },
        ).stdout,
      ) as Record<string, unknown>[];
    const rework = explain("reworkRate");
    expect(rework).toHaveLength(108);
    const why = rework.filter((r) => r.rework).map((r) => r.why as string);
    expect(why).toHaveLength(7);
    for (const w of why) expect(w).toMatch(/^rule [123]: /);
    const recovery = explain("failedDeploymentRecovery");
    expect(recovery).toHaveLength(19);
    expect(recovery.filter((r) => r.recoveryHours === null)).toHaveLength(2);
  });
});
