/**
 * The organisation of the benchmark workspace: teams, people (with bots) and
 * repositories. Small enough to hold in memory; the activity that dominates
 * the file is streamed per repository by activity.ts.
 */
import type { Rng } from "./random";
import type { RecordSink } from "./records";
import { DAY_MS, lastAtOrBefore, wholeSeconds, YEAR_MS } from "./time";

/** How big the workspace is (spec of the benchmark at scale 1). */
export interface WorkspaceShape {
  teams: number;
  repositories: number;
  people: number;
  commits: number;
  pullRequests: number;
  deployments: number;
  ciRuns: number;
  incidents: number;
  /** Days of history, ending at the generator's end time. */
  days: number;
}

/** The benchmark's workspace at a scale (1 = the full benchmark). */
export function shapeAt(scale: number): WorkspaceShape {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  return {
    teams: n(50, 3),
    repositories: n(500, 10),
    people: n(5_000, 50),
    commits: n(1_000_000, 1_000),
    pullRequests: n(200_000, 200),
    deployments: n(100_000, 100),
    ciRuns: n(300_000, 300),
    incidents: n(5_000, 10),
    days: 730,
  };
}

/** A person as the generator needs them: when they start being picked as an author. */
export interface PersonInfo {
  id: string;
  start: number;
}

/** People ordered by start, so "who was here at t" is one binary search. */
export interface PersonPool {
  people: PersonInfo[];
  starts: Float64Array;
}

export interface RepositoryInfo {
  id: string;
  name: string;
  teamId: string | null;
  teamIndex: number | null;
  createdAt: number;
  defaultBranch: string | null;
  isTemplate: boolean;
  /** Relative amount of activity (log-normal across repositories, less for young ones). */
  weight: number;
  productionEnvironments: string[];
  stagingEnvironment: string;
}

export interface Org {
  dataStart: number;
  end: number;
  repositories: RepositoryInfo[];
  teamPools: PersonPool[];
  everyone: PersonPool;
  dependencyBots: PersonInfo[];
  automationBots: PersonInfo[];
}

const TEAM_NAMES = (
  "payments checkout search identity platform billing notifications catalog pricing shipping inventory growth onboarding " +
  "analytics data-platform mobile web messaging fraud risk ledger accounts reporting integrations partners marketplace " +
  "recommendations media content localization compliance security observability developer-experience infra networking " +
  "storage ml-platform experimentation support-tools admin subscriptions loyalty ads maps logistics returns tax auth gateway"
).split(" ");
const COMPONENTS =
  "api web worker service gateway jobs sdk ui mobile-app infra config cli events scheduler proxy migrations docs e2e lambda etl".split(
    " ",
  );
const FIRST =
  "ana ben chloe dev eli fatima gabriel hana ivan jun kofi lena mateo nora omar priya quinn rosa sam tariq uma victor wen xavier yara zoe".split(
    " ",
  );
const LAST =
  "abe berg chen diaz eriksen fischer garcia hoang ito jensen kim lopez muller nakamura okafor patel quist rossi silva tanaka ueda vargas weber young zhou".split(
    " ",
  );

const title = (slug: string) =>
  slug
    .split("-")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");

function pool(people: PersonInfo[]): PersonPool {
  const sorted = [...people].sort((a, b) => a.start - b.start);
  return { people: sorted, starts: Float64Array.from(sorted, (p) => p.start) };
}

/** Someone in the pool who had started by `t`, or null when nobody had. */
export function pickPresent(rng: Rng, p: PersonPool, t: number): PersonInfo | null {
  const present = lastAtOrBefore(p.starts, t) + 1;
  return present > 0 ? p.people[Math.floor(rng.next() * present)]! : null;
}

/** Builds and emits the teams, people and repositories; returns what activity generation needs. */
export function buildOrg(rng: Rng, shape: WorkspaceShape, end: number, sink: RecordSink): Org {
  const dataStart = end - shape.days * DAY_MS;
  const teamSlugs = Array.from({ length: shape.teams }, (_, i) =>
    i < TEAM_NAMES.length
      ? TEAM_NAMES[i]!
      : `${TEAM_NAMES[i % TEAM_NAMES.length]}-${Math.floor(i / TEAM_NAMES.length) + 1}`,
  );
  for (const [i, slug] of teamSlugs.entries())
    sink.write("team", [`team-${slug}`, title(slug), i < 5 ? null : `team-${teamSlugs[i % 5]}`]);
  const teamWeights = teamSlugs.map(() => rng.logNormal(1, 0.4));
  const teamWeightSum = teamWeights.reduce((a, b) => a + b, 0);
  const pickTeam = () => {
    let u = rng.next() * teamWeightSum;
    for (let i = 0; i < teamWeights.length; i++) {
      u -= teamWeights[i]!;
      if (u < 0) return i;
    }
    return teamWeights.length - 1;
  };

  const botCount = Math.max(3, Math.round(shape.people * 0.01));
  const botStart = wholeSeconds(dataStart - YEAR_MS);
  const dependencyBots: PersonInfo[] = [
    { id: "dependabot[bot]", start: botStart },
    { id: "renovate[bot]", start: botStart },
  ];
  const automationBots: PersonInfo[] = [{ id: "github-actions[bot]", start: botStart }];
  for (const b of [...dependencyBots, ...automationBots]) sink.write("person", [b.id, null, null, null, null]);
  for (let i = 3; i < botCount; i++) {
    const bot = { id: `svc-release-${i}`, start: botStart };
    automationBots.push(bot);
    sink.write("person", [bot.id, `Release automation ${i}`, null, null, true]);
  }

  const members: PersonInfo[][] = teamSlugs.map(() => []);
  const humans: PersonInfo[] = [];
  for (let i = 0; humans.length < shape.people - botCount; i++) {
    const first = rng.pick(FIRST),
      last = rng.pick(LAST);
    // Most people predate the data; about a quarter join during it (the newcomers).
    const start = wholeSeconds(
      rng.chance(0.72) ? dataStart - rng.between(0, 4 * YEAR_MS) : rng.between(dataStart, end - 7 * DAY_MS),
    );
    const teamIndex = rng.chance(0.93) ? pickTeam() : null;
    const person = { id: `${first}-${last}-${i.toString(36)}`, start };
    humans.push(person);
    if (teamIndex !== null) members[teamIndex]!.push(person);
    // HR data gives a join date for some; for the rest Altimeter infers it from their first activity.
    const joinedAt = rng.chance(0.6) ? start : null;
    sink.write("person", [
      person.id,
      `${title(first)} ${title(last)}`,
      teamIndex === null ? null : `team-${teamSlugs[teamIndex]}`,
      joinedAt,
      rng.chance(0.5) ? false : null,
    ]);
  }

  const repositories = buildRepositories(rng, shape, teamSlugs, dataStart, end, sink);
  return {
    dataStart,
    end,
    repositories,
    teamPools: members.map(pool),
    everyone: pool(humans),
    dependencyBots,
    automationBots,
  };
}

function buildRepositories(
  rng: Rng,
  shape: WorkspaceShape,
  teamSlugs: string[],
  dataStart: number,
  end: number,
  sink: RecordSink,
): RepositoryInfo[] {
  const templates = Math.max(1, Math.round(shape.repositories * 0.01));
  const names = new Set<string>();
  const repositories: RepositoryInfo[] = [];
  for (let i = 0; i < shape.repositories; i++) {
    const isTemplate = i < templates;
    const teamIndex = isTemplate ? Math.min(4, teamSlugs.length - 1) : rng.chance(0.95) ? i % teamSlugs.length : null;
    const base = `acme/${isTemplate ? "template" : teamIndex === null ? "shared" : teamSlugs[teamIndex]}-${rng.pick(COMPONENTS)}`;
    let name = base;
    for (let k = 2; names.has(name); k++) name = `${base}-${k}`;
    names.add(name);
    // A fifth of the services are born during the data (time to first deploy counts them).
    const isNew = !isTemplate && rng.chance(0.2);
    const createdAt = wholeSeconds(
      isNew
        ? rng.between(dataStart + 7 * DAY_MS, end - 60 * DAY_MS)
        : dataStart - rng.between(30 * DAY_MS, 5 * YEAR_MS),
    );
    const templateId = isNew && rng.chance(0.35) ? repositories[rng.int(0, templates - 1)]!.id : null;
    const u = rng.next();
    const defaultBranch = u < 0.85 ? "main" : u < 0.97 ? "master" : null;
    const active = (end - Math.max(createdAt, dataStart)) / (end - dataStart);
    const style = rng.next();
    const productionEnvironments =
      style < 0.6 ? ["production"] : style < 0.8 ? ["prod"] : style < 0.92 ? ["prod-eu", "prod-us"] : ["Production"];
    repositories.push({
      id: name,
      name,
      teamId: teamIndex === null ? null : `team-${teamSlugs[teamIndex]}`,
      teamIndex,
      createdAt,
      defaultBranch,
      isTemplate,
      weight: (isTemplate ? 0.05 : rng.logNormal(1, 0.8)) * active,
      productionEnvironments,
      stagingEnvironment: rng.chance(0.8) ? "staging" : "stage",
    });
    sink.write("repository", [
      name,
      name,
      createdAt,
      repositories[i]!.teamId,
      defaultBranch,
      `https://github.com/${name}`,
      isTemplate ? true : rng.chance(0.3) ? false : null,
      templateId,
    ]);
  }
  return repositories;
}
