import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { csvCell, csvDocument } from "@/lib/csv";
import { altimeter } from "../support/cli";
import { freshDatabase, importObjects } from "../support/db";
import { deployment, incident, repository } from "../factories";
import { adminRequest } from "../support/session";

// Finding 2: drill-down CSVs wrote `=cmd|' /C calc'!A0` as a live formula.
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
const { GET } = await import("@/app/w/[workspace]/metrics/[metric]/csv/route");

const PAYLOAD = "=cmd|' /C calc'!A0";

beforeAll(async () => {
  await importObjects(store.db, "demo", [
    repository({ id: "repo" }),
    deployment({ id: "@SUM(1+1)", environment: "production", finishedAt: "2026-01-05T10:00:00Z" }),
    deployment({ id: "+1-2", finishedAt: "2026-01-06T10:00:00Z" }),
    incident({ id: "-inc", title: PAYLOAD, openedAt: "2026-01-05T11:00:00Z", resolvedAt: "2026-01-05T12:00:00Z" }),
  ]);
});
afterAll(() => store.dispose());

describe("every CSV the product writes neutralises formulas (OWASP)", () => {
  test("cells starting with = + - @ tab or CR get a leading ' and are quoted; numbers and plain text are untouched", () => {
    expect(csvCell(PAYLOAD)).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell("-1")).toBe(`"'-1"`);
    expect(csvCell("@x")).toBe(`"'@x"`);
    expect(csvCell("\tx")).toBe(`"'\tx"`);
    expect(csvCell("\rx")).toBe(`"'\rx"`);
    expect(csvCell('=a"b')).toBe(`"'=a""b"`);
    expect(csvCell(-2.5)).toBe("-2.5");
    expect(csvCell("O'Brien, Ana")).toBe(`"O'Brien, Ana"`);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvDocument(["a", "b"], [["=1", 2]])).toBe(`a,b\r\n"'=1",2\r\n`);
  });

  test("the dashboard's CSV download carries no live formula", async () => {
    const deployments = await (
      await GET(
        await adminRequest("http://localhost/w/demo/metrics/deployment-frequency/csv?from=2026-01-01&to=2026-01-31"),
        {
          params: Promise.resolve({ workspace: "demo", metric: "deployment-frequency" }),
        },
      )
    ).text();
    expect(deployments).toContain(`"'@SUM(1+1)",repo,production`);
    expect(deployments).toContain(`"'+1-2",repo,production`);
    const restore = await (
      await GET(
        await adminRequest("http://localhost/w/demo/metrics/time-to-restore/csv?from=2026-01-01&to=2026-01-31"),
        {
          params: Promise.resolve({ workspace: "demo", metric: "time-to-restore" }),
        },
      )
    ).text();
    expect(restore).toContain(`"'-inc","'=cmd|' /C calc'!A0"`);
    for (const line of [...deployments.split("\r\n"), ...restore.split("\r\n")])
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  test("altimeter explain --csv writes the same neutralised cells", () => {
    const run = altimeter(
      [
        "explain",
        "--metric",
        "timeToRestore",
        "--workspace",
        "demo",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--csv",
      ],
      { db: store.file },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`"'-inc","'=cmd|' /C calc'!A0"`);
  });
});
