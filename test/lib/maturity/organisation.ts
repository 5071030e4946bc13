/**
 * Builds a client organisation in a real store, through the real importer:
 * teams, repositories with their files, and developers whose commits make the
 * contributor count.
 */
import type { Db } from "@/db/client";
import type { RepositoryFile } from "@/lib/events/types";
import { commit, person, repository, repositoryFiles, team } from "../../factories";
import { importObjects } from "../../support/db";

/** The window every scenario is assessed over: the 90 days before 2026-04-06. */
export const TO = "2026-04-06";
export const NOW = Date.UTC(2026, 3, 6, 9);

/** One repository of a scenario. */
export interface ScenarioRepository {
  id: string;
  team?: string;
  files: RepositoryFile[];
  isTemplate?: boolean;
  templateId?: string;
}

/**
 * Imports an organisation: `developers` people commit in the window (plus a
 * bot, which never counts), each repository with its snapshot.
 */
export async function seedOrganisation(
  db: Db,
  slug: string,
  o: {
    developers: number;
    repositories: ScenarioRepository[];
    teams?: string[] /** When the developers commit (default 2026-03-03). */;
    activeAt?: string;
  },
): Promise<void> {
  const teams = o.teams ?? ["app"];
  const first = o.repositories[0]!.id;
  const summary = await importObjects(db, slug, [
    ...teams.map((id) => team({ id, name: id[0]!.toUpperCase() + id.slice(1) })),
    ...o.repositories.map((r) =>
      repository({
        id: r.id,
        name: `${slug}/${r.id}`,
        teamId: r.team ?? teams[0],
        isTemplate: r.isTemplate,
        templateId: r.templateId,
      }),
    ),
    ...o.repositories.map((r) =>
      repositoryFiles({ repositoryId: r.id, observedAt: "2026-04-01T00:00:00Z", files: r.files }),
    ),
    person({ id: "dependabot[bot]", isBot: true }),
    commit({ repositoryId: first, authorId: "dependabot[bot]", authoredAt: o.activeAt ?? "2026-03-02T08:00:00Z" }),
    ...Array.from({ length: o.developers }, (_, i) =>
      commit({
        repositoryId: o.repositories[i % o.repositories.length]!.id,
        authorId: `dev-${i + 1}`,
        authoredAt: o.activeAt ?? "2026-03-03T10:00:00Z",
      }),
    ),
    // Outside the window: does not count.
    commit({ repositoryId: first, authorId: "left-last-year", authoredAt: "2025-06-01T10:00:00Z" }),
  ]);
  if (summary.rejectedTotal > 0) throw new Error(`scenario records rejected: ${JSON.stringify(summary.rejected)}`);
}
