import { describe, expect, test } from "vitest";
import { generateDemoRecords } from "@/lib/demo/generate";
import type {
  DeploymentRecord,
  EventRecord,
  IncidentRecord,
  PersonRecord,
  PullRequestRecord,
  RepositoryFilesRecord,
  RepositoryRecord,
  TeamRecord,
} from "@/lib/events/types";
import { validateRecord } from "@/lib/events/validate";
import { DAY_MS, HOUR_MS } from "@/lib/time";

const NOW = Date.UTC(2026, 3, 14, 15, 30, 0);
const PRODUCTION = /^prod(uction)?([-_.: ].*)?$/i;

const raw = generateDemoRecords({ now: NOW, seed: 7 });
const records: EventRecord[] = raw.map((r) => {
  const result = validateRecord(r);
  if (!result.ok) throw new Error(`${result.reason}: ${JSON.stringify(r).slice(0, 200)}`);
  return result.record;
});
const ofType = <T extends EventRecord>(type: T["type"]): T[] => records.filter((r): r is T => r.type === type);
const teams = ofType<TeamRecord>("team");
const repositories = ofType<RepositoryRecord>("repository");
const people = ofType<PersonRecord>("person");
const pullRequests = ofType<PullRequestRecord>("pull_request");
const deployments = ofType<DeploymentRecord>("deployment");
const incidents = ofType<IncidentRecord>("incident");
const snapshots = ofType<RepositoryFilesRecord>("repository_files");

/** Every timestamp a record holds, in UTC ms. */
function timestampsOf(record: EventRecord): number[] {
  const fields = [
    "createdAt",
    "joinedAt",
    "authoredAt",
    "committedAt",
    "firstCommitAt",
    "mergedAt",
    "closedAt",
    "finishedAt",
    "startedAt",
    "openedAt",
    "resolvedAt",
    "observedAt",
  ];
  const values = record as unknown as Record<string, unknown>;
  return fields.map((f) => values[f]).filter((v): v is number => typeof v === "number");
}

function successfulProductionDeploys(repositoryId: string): DeploymentRecord[] {
  return deployments
    .filter((d) => d.repositoryId === repositoryId && PRODUCTION.test(d.environment) && d.status === "success")
    .sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
}

describe("generateDemoRecords", () => {
  test("every record passes the event-format validator with no unknown fields, as raw JSON would", () => {
    for (const record of raw) {
      const result = validateRecord(JSON.parse(JSON.stringify(record)));
      expect(result.ok ? result.unknownFields : result.reason).toEqual([]);
    }
  });

  test("timestamps are RFC 3339 strings in UTC", () => {
    const commit = raw.find((r) => r.type === "commit");
    expect(commit?.authoredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  test("the same now and seed give identical records, another seed a different organisation", () => {
    expect(generateDemoRecords({ now: NOW, seed: 7 })).toEqual(raw);
    expect(generateDemoRecords({ now: NOW, seed: 8 })).not.toEqual(raw);
  });

  test("the organisation is big enough to feel real and small enough to import in seconds", () => {
    expect(raw.length).toBeGreaterThanOrEqual(15_000);
    expect(raw.length).toBeLessThanOrEqual(32_000);
    expect(people.length).toBeGreaterThanOrEqual(40);
    expect(people.length).toBeLessThanOrEqual(60);
  });

  test("the history spans about twelve months and nothing happens after now", () => {
    const all = records.flatMap(timestampsOf);
    expect(Math.max(...all)).toBeLessThanOrEqual(NOW);
    const activity = records
      .filter((r) => ["commit", "pull_request", "deployment", "ci_run", "incident"].includes(r.type))
      .flatMap(timestampsOf);
    expect(Math.min(...activity)).toBeGreaterThanOrEqual(NOW - 366 * DAY_MS);
    expect(Math.min(...activity)).toBeLessThan(NOW - 360 * DAY_MS);
    expect(Math.max(...activity)).toBeGreaterThan(NOW - DAY_MS);
  });

  test("six teams with their own repositories sit under one parent team", () => {
    const parent = teams.find((t) => t.parentId === null);
    const children = teams.filter((t) => t.parentId === parent?.id);
    expect(children).toHaveLength(6);
    for (const team of children) {
      const owned = repositories.filter((r) => r.teamId === team.id);
      expect(owned.length, team.id).toBeGreaterThanOrEqual(3);
      expect(owned.length, team.id).toBeLessThanOrEqual(5);
    }
  });

  test("a template repository exists and a repository generated from it last month was deployed within hours", () => {
    const template = repositories.find((r) => r.isTemplate);
    expect(template).toBeDefined();
    const generated = repositories.filter((r) => r.templateId === template?.id);
    expect(generated.length).toBeGreaterThanOrEqual(2);
    const fresh = generated.find((r) => r.createdAt > NOW - 60 * DAY_MS);
    if (!fresh) throw new Error("no repository generated from the template in the last two months");
    const firstDeployedAt = successfulProductionDeploys(fresh.id)[0]?.finishedAt ?? Infinity;
    expect(firstDeployedAt - fresh.createdAt).toBeLessThan(6 * HOUR_MS);
  });

  test("bots exist and open pull requests", () => {
    const bots = ["dependabot[bot]", "renovate[bot]", "github-actions[bot]"];
    for (const id of bots)
      expect(
        people.some((p) => p.id === id),
        id,
      ).toBe(true);
    expect(people.find((p) => p.id === "renovate[bot]")?.isBot).toBe(true);
    for (const id of bots)
      expect(
        pullRequests.some((pr) => pr.authorId === id),
        id,
      ).toBe(true);
  });

  test("newcomers joined in the last months and most merged a first pull request some days later", () => {
    const newcomers = people.filter((p) => p.joinedAt !== null && p.joinedAt > NOW - 200 * DAY_MS);
    expect(newcomers.length).toBeGreaterThanOrEqual(4);
    const onboarded = newcomers.filter((p) => {
      const firstMerge = Math.min(
        ...pullRequests.filter((pr) => pr.authorId === p.id && pr.mergedAt !== null).map((pr) => pr.mergedAt!),
      );
      return firstMerge > p.joinedAt! && firstMerge - p.joinedAt! < 60 * DAY_MS;
    });
    expect(onboarded.length).toBeGreaterThanOrEqual(newcomers.length - 2);
    expect(people.some((p) => p.teamId === null && !p.id.endsWith("[bot]"))).toBe(true);
  });

  test("pull requests are mostly merged into the default branch, some into a release branch, some closed unmerged", () => {
    const defaults = new Map(repositories.map((r) => [r.id, r.defaultBranch]));
    const merged = pullRequests.filter((pr) => pr.mergedAt !== null);
    expect(
      merged.filter((pr) => pr.baseBranch === defaults.get(pr.repositoryId)).length / merged.length,
    ).toBeGreaterThan(0.9);
    expect(pullRequests.some((pr) => pr.baseBranch === "release/1.x")).toBe(true);
    expect(pullRequests.some((pr) => pr.mergedAt === null && pr.closedAt !== null)).toBe(true);
    for (const pr of pullRequests) expect(pr.firstCommitAt!).toBeLessThan(pr.createdAt);
  });

  test("incidents come with every kind of attribution, unattributed and still open ones included", () => {
    const shas = new Set(deployments.map((d) => d.sha));
    const ids = new Set(deployments.map((d) => d.id));
    expect(incidents.some((i) => i.deploymentId !== null && ids.has(i.deploymentId))).toBe(true);
    expect(incidents.some((i) => i.deploymentId === null && i.causeSha !== null && shas.has(i.causeSha))).toBe(true);
    expect(incidents.some((i) => i.deploymentId === null && i.causeSha === null && i.repositoryId !== null)).toBe(true);
    expect(
      incidents.some(
        (i) => i.deploymentId === null && i.causeSha === null && i.repositoryId === null && i.teamId !== null,
      ),
    ).toBe(true);
    expect(
      incidents.some(
        (i) => i.deploymentId === null && i.causeSha === null && i.repositoryId === null && i.teamId === null,
      ),
    ).toBe(true);
    expect(incidents.filter((i) => i.resolvedAt === null).length).toBeGreaterThanOrEqual(2);
  });

  test("deployments have every status and several environments", () => {
    const statuses = new Set(deployments.map((d) => d.status));
    for (const status of ["success", "failure", "cancelled"])
      expect(statuses.has(status as DeploymentRecord["status"]), status).toBe(true);
    const environments = new Set(deployments.map((d) => d.environment));
    for (const environment of ["production", "staging", "prod-eu"])
      expect(environments.has(environment), environment).toBe(true);
  });

  test("production deployment counts fall from the elite team to the low one, and the elite team deploys most", () => {
    const teamOf = new Map(repositories.map((r) => [r.id, r.teamId]));
    const count = (teamId: string): number =>
      deployments.filter(
        (d) => teamOf.get(d.repositoryId) === teamId && PRODUCTION.test(d.environment) && d.status === "success",
      ).length;
    const order = ["checkout", "catalog", "fulfilment", "billing"].map(count);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(new Set(order).size).toBe(order.length);
    for (const other of ["storefront", "platform"]) expect(count("checkout")).toBeGreaterThan(count(other));
  });

  test("every repository has a file snapshot whose files show its team's platform", () => {
    expect(new Set(snapshots.map((s) => s.repositoryId))).toEqual(new Set(repositories.map((r) => r.id)));
    const filesOf = (teamId: string) =>
      snapshots
        .filter((s) => repositories.find((r) => r.id === s.repositoryId)?.teamId === teamId)
        .flatMap((s) => s.files);
    const elite = filesOf("checkout");
    expect(elite.some((f) => f.path.endsWith(".tf"))).toBe(true);
    expect(elite.some((f) => f.content?.includes("kind: HorizontalPodAutoscaler"))).toBe(true);
    expect(elite.some((f) => f.content?.includes("kind: Application"))).toBe(true);
    expect(elite.some((f) => f.content?.includes("readinessProbe"))).toBe(true);
    expect(filesOf("catalog").some((f) => f.content?.includes("kind: Template"))).toBe(true);
    expect(filesOf("platform").some((f) => f.content?.includes("workflow_call"))).toBe(true);
    expect(filesOf("fulfilment").some((f) => f.path === "cookiecutter.json")).toBe(true);
    expect(filesOf("billing").some((f) => f.path === "scripts/deploy.sh")).toBe(true);
    expect(filesOf("storefront").some((f) => f.path === "package.json" && f.content?.includes('"next"'))).toBe(true);
    for (const s of snapshots) expect(s.observedAt).toBeLessThan(NOW);
  });
});
