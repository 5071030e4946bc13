import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase, closeDatabase } from "@/db/client";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";

const dir = mkdtempSync(path.join(tmpdir(), "altimeter-incident-csv-"));
const store = await freshDatabase();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await store.dispose();
});

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function incidents(
  sql = "SELECT id, opened_at, resolved_at, title, severity, repository_id, team_id, source, url FROM incidents ORDER BY id",
) {
  const db = await openDatabase(store.file);
  try {
    return await db.rows(sql);
  } finally {
    await closeDatabase(db);
  }
}

describe("altimeter import-incidents", () => {
  test("a PagerDuty export imports with its column mapping and service routing; bad rows are reported by line and the rest kept", async () => {
    const csv = file(
      "pagerduty-incidents.csv",
      `${[
        "Incident Number,ID,Title,Status,Urgency,Priority,Service Name,Teams,Created At,Resolved At,HTML URL",
        '101,PABC101,"Checkout down, 500s",resolved,high,P1,Checkout API,Payments,2026-02-01T10:00:00Z,2026-02-01T10:45:00Z,https://acme.pagerduty.com/incidents/PABC101',
        "102,PABC102,Slow search,resolved,low,,Search,Discovery,2026-02-02 09:00:00 +0100,2026-02-02 12:00:00 +0100,",
        "103,PABC103,Still open,triggered,high,,Unknown service,,2026-02-03T08:00:00Z,,",
        "104,PABC104,No zone,resolved,high,,Search,,2026-02-04 08:00:00,2026-02-04 09:00:00,",
        "105,PABC105,No creation,resolved,high,,Search,,,2026-02-04 09:00:00Z,",
      ].join("\n")}\n`,
    );
    const r = altimeter(
      [
        "import-incidents",
        csv,
        "--format",
        "pagerduty",
        "--workspace",
        "acme",
        "--map",
        "Checkout API=repository:acme/checkout",
        "--map",
        "Discovery=team:discovery",
        "--json",
      ],
      { db: store.file },
    );
    expect(r.status, r.stderr).toBe(2);
    const summary = JSON.parse(r.stdout);
    expect(summary.imported).toEqual({ incident: 3 });
    expect(summary.rejected).toEqual([
      {
        file: csv,
        line: 5,
        reason: 'created at: "2026-02-04 08:00:00" has no time zone; pass --utc-offset (e.g. +00:00) to say which',
      },
      { file: csv, line: 6, reason: 'no creation time (a column named "created at")' },
    ]);
    expect(summary.unmapped).toEqual(["Unknown service"]);
    expect(await incidents()).toEqual([
      {
        id: "pagerduty:PABC101",
        opened_at: Date.parse("2026-02-01T10:00:00Z"),
        resolved_at: Date.parse("2026-02-01T10:45:00Z"),
        title: "Checkout down, 500s",
        severity: "P1",
        repository_id: "acme/checkout",
        team_id: null,
        source: "pagerduty",
        url: "https://acme.pagerduty.com/incidents/PABC101",
      },
      {
        id: "pagerduty:PABC102",
        opened_at: Date.parse("2026-02-02T08:00:00Z"),
        resolved_at: Date.parse("2026-02-02T11:00:00Z"),
        title: "Slow search",
        severity: "low",
        repository_id: null,
        team_id: "discovery",
        source: "pagerduty",
        url: null,
      },
      {
        id: "pagerduty:PABC103",
        opened_at: Date.parse("2026-02-03T08:00:00Z"),
        resolved_at: null,
        title: "Still open",
        severity: "high",
        repository_id: null,
        team_id: null,
        source: "pagerduty",
        url: null,
      },
    ]);

    const withOffset = altimeter(
      ["import-incidents", csv, "--format", "pagerduty", "--workspace", "acme", "--utc-offset", "+00:00"],
      { db: store.file },
    );
    expect(withOffset.status).toBe(2);
    expect(withOffset.stderr).toContain(`${csv}:6: no creation time`);
    expect(withOffset.stdout).toContain("acme: imported 4 incident; rejected 1 line");
    expect(await incidents("SELECT count(*) AS n FROM incidents")).toEqual([{ n: 4 }]);
  });

  test("an Opsgenie alert export reads epoch milliseconds and the close time after creation, and routes by tag", async () => {
    const csv = file(
      "opsgenie-alerts.csv",
      `${[
        "TinyId,Alias,Message,Status,Priority,Tags,Teams,Entity,CreatedAt,UpdatedAt,CloseTime",
        '7,db-disk,Disk full,closed,P1,"production,svc:billing",SRE,db-1,1770717600000,1770721200000,600000',
        "8,latency,Latency,open,P3,production,SRE,,1770890400000,1770890400000,",
      ].join("\n")}\n`,
    );
    const r = altimeter(
      [
        "import-incidents",
        csv,
        "--format",
        "opsgenie",
        "--workspace",
        "og",
        "--map",
        "svc:billing=repository:acme/billing",
        "--map",
        "SRE=team:sre",
      ],
      { db: store.file },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(
      await incidents(
        "SELECT id, opened_at, resolved_at, severity, repository_id, team_id FROM incidents WHERE source = 'opsgenie' ORDER BY id",
      ),
    ).toEqual([
      {
        id: "opsgenie:#7",
        opened_at: 1770717600000,
        resolved_at: 1770717600000 + 600_000,
        severity: "P1",
        repository_id: "acme/billing",
        team_id: null,
      },
      {
        id: "opsgenie:#8",
        opened_at: 1770890400000,
        resolved_at: null,
        severity: "P3",
        repository_id: null,
        team_id: "sre",
      },
    ]);
  });

  test("a row resolved before it opened is rejected naming its line and columns, and the incident stored before is kept", async () => {
    const header = "ID,Title,Created At,Resolved At";
    const good = file("pd-good.csv", `${header}\nPZ1,Outage,2026-03-01T10:00:00Z,2026-03-01T12:30:00Z\n`);
    expect(
      altimeter(["import-incidents", good, "--format", "pagerduty", "--workspace", "order"], { db: store.file }).status,
    ).toBe(0);
    const bad = file(
      "pd-bad.csv",
      `${header}\nPZ2,Fine,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\nPZ1,Outage,2026-03-01T10:00:00Z,2026-03-01T09:15:00Z\n`,
    );
    const r = altimeter(["import-incidents", bad, "--format", "pagerduty", "--workspace", "order", "--json"], {
      db: store.file,
    });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).rejected).toEqual([
      {
        file: bad,
        line: 3,
        reason:
          'column "Resolved At" 2026-03-01T09:15:00Z is before column "Created At" 2026-03-01T10:00:00Z: an incident cannot end before it starts',
      },
    ]);
    expect(
      await incidents(
        "SELECT id, opened_at, resolved_at FROM incidents WHERE id IN ('pagerduty:PZ1', 'pagerduty:PZ2') ORDER BY id",
      ),
    ).toEqual([
      {
        id: "pagerduty:PZ1",
        opened_at: Date.parse("2026-03-01T10:00:00Z"),
        resolved_at: Date.parse("2026-03-01T12:30:00Z"),
      },
      {
        id: "pagerduty:PZ2",
        opened_at: Date.parse("2026-03-02T10:00:00Z"),
        resolved_at: Date.parse("2026-03-02T11:00:00Z"),
      },
    ]);
  });

  test("a bad --map or --format is refused with the reason", () => {
    const csv = file("x.csv", "id,created at\n1,2026-01-01T00:00:00Z\n");
    const badMap = altimeter(
      ["import-incidents", csv, "--format", "pagerduty", "--workspace", "acme", "--map", "Checkout"],
      { db: store.file },
    );
    expect(badMap.status).toBe(1);
    expect(badMap.stderr).toContain('--map "Checkout": expected SERVICE=repository:ID or SERVICE=team:ID');
    const badFormat = altimeter(["import-incidents", csv, "--format", "victorops", "--workspace", "acme"], {
      db: store.file,
    });
    expect(badFormat.stderr).toContain('--format must be pagerduty or opsgenie, got "victorops"');
  });
});
