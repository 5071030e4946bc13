/**
 * The standing parts of the demo organisation: its repositories and its
 * people, newcomers and bots included.
 */
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { startOfDay, weekdayOf } from "./clock";
import type { DemoPerson, DemoRepository } from "./model";
import type { Random } from "./random";
import { DEMO_ORG, TEAMS, TEMPLATE_SLUG } from "./teams";

const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Carla",
  "Diego",
  "Elif",
  "Farah",
  "Gustav",
  "Hana",
  "Ivan",
  "Jonas",
  "Kemi",
  "Liam",
  "Mei",
  "Nadia",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Umar",
  "Vera",
  "Wen",
  "Yusuf",
  "Zoe",
  "Aiko",
  "Bruno",
  "Chloe",
  "Dmitri",
  "Esther",
  "Felix",
  "Greta",
  "Hugo",
  "Ines",
  "Jakob",
  "Lena",
];
const LAST_NAMES = [
  "Rao",
  "Berg",
  "Garcia",
  "Silva",
  "Tanaka",
  "Keller",
  "Nair",
  "Haddad",
  "Moretti",
  "Lindqvist",
  "Dupont",
  "Yilmaz",
  "Becker",
  "Farouk",
  "Okafor",
  "Novak",
  "Kowalski",
  "Santos",
  "Ahmed",
  "Jensen",
  "Costa",
  "Fischer",
  "Ito",
  "Mensah",
  "Petrov",
  "Larsen",
  "Oliveira",
  "Schmidt",
  "Murphy",
  "Chen",
];

/** Bots that open pull requests and push commits; `github-actions[bot]` is a bot only by its `[bot]` suffix. */
export const BOTS: readonly DemoPerson[] = [
  { id: "dependabot[bot]", name: "Dependabot", isBot: true, newcomer: false },
  { id: "renovate[bot]", name: "Renovate", isBot: true, newcomer: false },
  { id: "github-actions[bot]", name: "GitHub Actions", newcomer: false },
];

function uniqueId(taken: Set<string>, make: () => string): string {
  for (;;) {
    const id = make();
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Every team's repositories, with GitHub-like numeric ids; repositories born from the template name it. */
export function buildRepositories(rng: Random, now: number): DemoRepository[] {
  const ids = new Set<string>();
  const repositories: DemoRepository[] = [];
  for (const team of TEAMS) {
    for (const spec of team.repositories) {
      const day = startOfDay(now - spec.createdDaysAgo * DAY_MS);
      const createdAt = Math.min(now - HOUR_MS, day + (team.workStartHourUtc + rng.between(0.5, 7)) * HOUR_MS);
      repositories.push({
        id: uniqueId(ids, () => String(rng.int(100_000_000, 999_999_999))),
        slug: spec.slug,
        name: `${DEMO_ORG}/${spec.slug}`,
        url: `https://github.com/${DEMO_ORG}/${spec.slug}`,
        team,
        spec,
        createdAt,
        defaultBranch: spec.defaultBranch ?? "main",
      });
    }
  }
  const template = repositories.find((r) => r.slug === TEMPLATE_SLUG);
  if (!template) throw new Error("the demo needs its template repository");
  for (const repository of repositories) {
    if (repository.spec.fromTemplate) repository.templateId = template.id;
  }
  return repositories;
}

/** The Monday morning on or before `ms`, when newcomers start. */
function mondayMorning(ms: number, hourUtc: number): number {
  let day = startOfDay(ms);
  while (weekdayOf(day) !== 1) day -= DAY_MS;
  return day + hourUtc * HOUR_MS;
}

/** The people of every team (some old hands with a `joinedAt`, newcomers of the last months), a few without a team, and the bots. */
export function buildPeople(rng: Random, now: number): DemoPerson[] {
  const ids = new Set<string>();
  const people: DemoPerson[] = [];
  const newPerson = (): { id: string; name: string } => {
    let name = "";
    const id = uniqueId(ids, () => {
      name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      return name.toLowerCase().replace(/ /g, "-");
    });
    return { id, name };
  };
  for (const team of TEAMS) {
    for (let i = 0; i < team.members; i++) {
      const joinedAt = rng.chance(0.25) ? now - rng.between(1.3, 9) * 365 * DAY_MS : undefined;
      people.push({ ...newPerson(), teamId: team.id, joinedAt, newcomer: false });
    }
    for (let i = 0; i < team.newcomers; i++) {
      const joinedAt = mondayMorning(now - rng.between(12, 175) * DAY_MS, team.workStartHourUtc + 1);
      people.push({ ...newPerson(), teamId: team.id, joinedAt, newcomer: true });
    }
  }
  // People who work across teams: nobody put them on one.
  for (let i = 0; i < 3; i++) {
    people.push({ ...newPerson(), joinedAt: now - rng.between(2, 6) * 365 * DAY_MS, newcomer: false });
  }
  return [...people, ...BOTS];
}
