import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { team } from "../../factories";
import { freshDatabase, importObjects } from "../../support/db";
import { runCli } from "../digest/cli";

describe("altimeter report refuses bad input before starting anything", async () => {
  const store = await freshDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-report-cli-"));
  const out = path.join(dir, "report.pdf");
  const report = (args: string[]) => runCli(["report", ...args], { db: store.file });

  beforeAll(async () => {
    await importObjects(store.db, "acme", [team({ id: "core", name: "Core" })]);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await store.dispose();
  });

  test("an unknown workspace or team, or a bad window, is an error naming it", async () => {
    const unknown = await report(["--workspace", "nope", "--from", "2026-01-05", "--to", "2026-04-06", "--out", out]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('altimeter report: unknown workspace "nope" (known: acme)\n');
    const badTeam = await report([
      "--workspace",
      "acme",
      "--team",
      "ghosts",
      "--from",
      "2026-01-05",
      "--to",
      "2026-04-06",
      "--out",
      out,
    ]);
    expect(badTeam.stderr).toBe('altimeter report: unknown team "ghosts" in workspace "acme"\n');
    const backwards = await report(["--workspace", "acme", "--from", "2026-04-06", "--to", "2026-01-05", "--out", out]);
    expect(backwards.stderr).toBe(
      'altimeter report: --to (2026-01-05) must be after --from (2026-04-06): the window runs from "--from" up to, not including, "--to"\n',
    );
    const missing = await report(["--workspace", "acme", "--to", "2026-01-05", "--out", out]);
    expect(missing.stderr).toBe("altimeter report: --from is required\n");
    expect(existsSync(out)).toBe(false);
  });

  test("--out must name a PDF", async () => {
    const run = await report([
      "--workspace",
      "acme",
      "--from",
      "2026-01-05",
      "--to",
      "2026-04-06",
      "--out",
      path.join(dir, "report.txt"),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("--out must name a .pdf file");
  });

  test("without a browser the error says how to install one, and no file is written", async () => {
    const run = await report([
      "--workspace",
      "acme",
      "--from",
      "2026-01-05",
      "--to",
      "2026-04-06",
      "--out",
      out,
      "--chromium",
      path.join(dir, "no-such-chrome"),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is not an executable file: install one \(Debian\/Ubuntu: apt-get install chromium/);
    expect(existsSync(out)).toBe(false);
  });

  test("--help explains the options", async () => {
    const run = await report(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "Usage: altimeter report --workspace SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--team ID] --out FILE.pdf",
    );
    expect(run.stdout).toContain("--prepared-by NAME");
  });
});
