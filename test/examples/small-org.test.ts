import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { altimeter } from "../support/cli";
import { expectClose } from "../support/close";
import { freshDatabase } from "../support/db";

const EXAMPLES = fileURLToPath(new URL("../fixtures/examples/", import.meta.url));
const expected = JSON.parse(readFileSync(`${EXAMPLES}small-org.expected.json`, "utf8")) as {
  args: { from: string; to: string; team: string | null; series: string | null };
  expected: unknown;
}[];

describe("the shared small-org example", async () => {
  const store = await freshDatabase();
  let imported: { status: number; stdout: string; stderr: string };
  beforeAll(async () => {
    await store.dispose(); // the CLI creates and migrates the file itself, as on first use
    imported = altimeter(["import", `${EXAMPLES}small-org.ndjson`, "--workspace", "acme", "--json"], {
      db: store.file,
    });
  });
  afterAll(() => store.dispose());

  test("imports with exactly its nine invalid lines rejected, each with its line number and reason", () => {
    expect(imported.status).toBe(2);
    const summary = JSON.parse(imported.stdout);
    const rejected = summary.rejected as { file: string; line: number; reason: string }[];
    expect(rejected.map((r) => r.line)).toEqual([113, 127, 143, 176, 212, 214, 240, 262, 290]);
    expect(rejected.every((r) => r.file.endsWith("small-org.ndjson"))).toBe(true);
    const reasons = rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/"createdAt" .*timestamp without a zone/);
    expect(reasons[1]).toMatch(/"finishedAt" .*timestamp without a zone/);
    expect(reasons[2]).toMatch(/missing "finishedAt", required when status is success/);
    expect(reasons[3]).toMatch(/"finishedAt" .* is before "createdAt"/);
    expect(reasons[4]).toMatch(/"number" must be an integer/);
    expect(reasons[5]).toMatch(/^not valid JSON/);
    expect(reasons[6]).toMatch(/missing required field "openedAt"/);
    expect(reasons[7]).toMatch(/unknown type "review"/);
    expect(reasons[8]).toMatch(/"isBot" must be true or false/);
    expect(summary.imported).toEqual({
      team: 5,
      repository: 7,
      person: 22,
      commit: 54,
      deployment: 197,
      pull_request: 43,
      incident: 35,
      ci_run: 9,
    });
    expect(summary.unknownFields).toContain("person.labels");
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
});
