import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadConfig, sourceName } from "@/collectors/config";

const dir = mkdtempSync(path.join(tmpdir(), "altimeter-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The message loadConfig fails with for this JSON config. */
function errorOf(config: unknown): string {
  const file = write("bad.json", JSON.stringify(config));
  try {
    loadConfig(file);
  } catch (error) {
    return (error as Error).message.replace(file, "CONFIG");
  }
  throw new Error("expected the config to be refused");
}

describe("the config file", () => {
  test("a YAML config declares workspaces, sources of every kind with defaults, and schedules; git paths are relative to the file", () => {
    const file = write(
      "altimeter.config.yaml",
      `
workspaces:
  - slug: acme
    name: Acme Corp
    schedule: { cron: "0 */6 * * *", timeZone: Europe/Berlin }
    digest: { channels: [file] }
    sources:
      - kind: github
        org: acme
      - kind: git
        repositories: [clones/checkout, { path: /srv/git/billing.git, id: acme/billing, team: payments }]
      - kind: pagerduty
        services: { PSVC1: { repository: acme/checkout } }
      - kind: opsgenie
        name: opsgenie-eu
        baseUrl: https://api.eu.opsgenie.com/
        api: alerts
`,
    );
    const { config, path: found } = loadConfig(file);
    expect(found).toBe(file);
    const w = config.workspaces[0]!;
    expect(w.schedule).toEqual({ cron: "0 */6 * * *", timeZone: "Europe/Berlin" });
    expect(w.sources.map((_, i) => sourceName(w, i))).toEqual(["github", "git", "pagerduty", "opsgenie-eu"]);
    expect(w.sources[0]).toMatchObject({
      kind: "github",
      org: "acme",
      tokenEnv: "GITHUB_TOKEN",
      incidentLabels: ["incident"],
    });
    expect(w.sources[1]).toEqual({
      kind: "git",
      tagPattern: "^v?\\d+\\.\\d+(\\.\\d+)?$",
      repositories: [
        { path: path.join(dir, "clones/checkout") },
        { path: "/srv/git/billing.git", id: "acme/billing", team: "payments" },
      ],
    });
    expect(w.sources[2]).toMatchObject({
      kind: "pagerduty",
      tokenEnv: "PAGERDUTY_TOKEN",
      baseUrl: "https://api.pagerduty.com",
      resolvedFrom: "status",
    });
    expect(w.sources[3]).toMatchObject({
      kind: "opsgenie",
      apiKeyEnv: "OPSGENIE_API_KEY",
      baseUrl: "https://api.eu.opsgenie.com",
      api: "alerts",
    });
  });

  test("a missing required key is named by its path", () => {
    expect(
      errorOf({ workspaces: [{ slug: "acme", sources: [{ kind: "git", repositories: ["."] }, { kind: "github" }] }] }),
    ).toBe("CONFIG is not a valid config (see collectors/CONFIG.md):\n  workspaces[0].sources[1].org: Required");
  });

  test("an unknown kind, a secret written into the config, a bad cron, time zone or regex are each refused with the key that holds them", () => {
    const message = errorOf({
      workspaces: [
        {
          slug: "acme",
          schedule: { cron: "every hour", timeZone: "Mars/Olympus" },
          sources: [
            { kind: "bitbucket" },
            { kind: "pagerduty", token: "u+abc" },
            { kind: "git", repositories: ["."], tagPattern: "v(" },
            { kind: "github", org: "acme", tokenEnv: "ghp_abc123" },
          ],
        },
      ],
    });
    expect(message.split("\n").slice(1)).toEqual([
      '  workspaces[0].schedule.cron: not a valid cron expression (5 or 6 fields, e.g. "0 * * * *" for hourly)',
      "  workspaces[0].schedule.timeZone: not a known IANA time zone (e.g. Europe/Berlin, UTC)",
      "  workspaces[0].sources[0].kind: must be one of github, git, pagerduty, opsgenie, gitlab, jira",
      '  workspaces[0].sources[1]: Unrecognized key: "token" (secrets never go in the config: name the environment variable that holds them, e.g. tokenEnv)',
      "  workspaces[0].sources[2].tagPattern: not a valid regular expression",
      "  workspaces[0].sources[3].tokenEnv: looks like a token itself: put the token in an environment variable and give its name here",
    ]);
  });

  test("duplicate workspaces and same-named sources are refused", () => {
    const message = errorOf({
      workspaces: [
        {
          slug: "acme",
          sources: [
            { kind: "git", repositories: ["a"], name: "code" },
            { kind: "git", repositories: ["b"], name: "code" },
          ],
        },
        { slug: "acme" },
      ],
    });
    expect(message).toContain('workspaces[0].sources[1].name: two sources are named "code"; give each a distinct name');
    expect(message).toContain('workspaces[1].slug: "acme" is declared twice');
  });

  test("a missing file and a file that is not JSON say so", () => {
    expect(() => loadConfig(path.join(dir, "nope.json"))).toThrow(
      `cannot read the config file ${path.join(dir, "nope.json")}`,
    );
    const broken = write("broken.json", '{ "workspaces": [ }');
    expect(() => loadConfig(broken)).toThrow(new RegExp(`^${broken.replace(/[.]/g, "\\.")} is not valid JSON: `));
    const empty = mkdtempSync(path.join(dir, "empty-"));
    expect(() => loadConfig(null, empty)).toThrow(/^no config file: create altimeter\.config\.json/);
  });
});
