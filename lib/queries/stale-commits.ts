import { and, eq, inArray, isNull, notExists, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { collectedRecords, commits, people, personLinks, personNames, pullRequests } from "@/db/schema";
import { bumpDataVersion } from "./workspaces";

const BATCH = 500;

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

/** Records that a collector wrote these people from one repository, so a re-collect may remove them once idle. */
export async function recordOwnedPeople(
  db: Db,
  workspaceId: number,
  source: string,
  repositoryId: string,
  ids: readonly string[],
): Promise<void> {
  db.transaction((tx) => {
    for (const batch of batches(ids))
      tx.insert(collectedRecords)
        .values(batch.map((key) => ({ workspaceId, source, repositoryId, type: "person", key })))
        .onConflictDoNothing()
        .run();
  });
}

/**
 * Removes commits of one repository that a collector read before and its
 * source no longer holds (a branch read earlier and no longer read), and then
 * the people left idle: the authors of those commits and the people the
 * collector wrote from this repository (`recordOwnedPeople`), when they have
 * no commit and no pull request left in the workspace and no other source
 * describes them (no `joinedAt`, no team but the collector's own `teamId`).
 * Their name evidence and links go with them. Returns how many of each were removed.
 */
export async function removeStaleHistory(
  db: Db,
  workspaceId: number,
  source: string,
  repositoryId: string,
  shas: readonly string[],
  teamId: string | null,
): Promise<{ commits: number; people: number }> {
  let removedCommits = 0;
  let removedPeople = 0;
  const owned = and(
    eq(collectedRecords.workspaceId, workspaceId),
    eq(collectedRecords.source, source),
    eq(collectedRecords.repositoryId, repositoryId),
    eq(collectedRecords.type, "person"),
  );
  db.transaction((tx) => {
    const authors = new Set<string>(
      tx
        .select({ key: collectedRecords.key })
        .from(collectedRecords)
        .where(owned)
        .all()
        .map((r) => r.key),
    );
    for (const batch of batches(shas)) {
      const inRepository = and(
        eq(commits.workspaceId, workspaceId),
        eq(commits.repositoryId, repositoryId),
        inArray(commits.sha, batch),
      );
      for (const { authorId } of tx
        .selectDistinct({ authorId: commits.authorId })
        .from(commits)
        .where(inRepository)
        .all())
        if (authorId !== null) authors.add(authorId);
      removedCommits += tx.delete(commits).where(inRepository).run().changes;
    }
    for (const batch of batches([...authors])) {
      const gone = tx
        .select({ id: people.id })
        .from(people)
        .where(
          and(
            eq(people.workspaceId, workspaceId),
            inArray(people.id, batch),
            isNull(people.joinedAt),
            teamId === null ? isNull(people.teamId) : or(isNull(people.teamId), eq(people.teamId, teamId)),
            notExists(
              tx
                .select({ one: commits.sha })
                .from(commits)
                .where(and(eq(commits.workspaceId, workspaceId), eq(commits.authorId, people.id))),
            ),
            notExists(
              tx
                .select({ one: pullRequests.number })
                .from(pullRequests)
                .where(and(eq(pullRequests.workspaceId, workspaceId), eq(pullRequests.authorId, people.id))),
            ),
          ),
        )
        .all()
        .map((p) => p.id);
      if (gone.length === 0) continue;
      removedPeople += tx
        .delete(people)
        .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, gone)))
        .run().changes;
      tx.delete(personNames)
        .where(and(eq(personNames.workspaceId, workspaceId), inArray(personNames.personId, gone)))
        .run();
      tx.delete(collectedRecords)
        .where(and(owned, inArray(collectedRecords.key, gone)))
        .run();
      tx.delete(personLinks)
        .where(
          and(
            eq(personLinks.workspaceId, workspaceId),
            or(inArray(personLinks.personId, gone), inArray(personLinks.otherId, gone)),
          ),
        )
        .run();
    }
  });
  if (removedCommits > 0 || removedPeople > 0) await bumpDataVersion(db, workspaceId);
  return { commits: removedCommits, people: removedPeople };
}
