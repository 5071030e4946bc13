import type { Db } from "@/db/client";
import type { Param, Sql } from "@/db/store";
import { bumpDataVersion, lockWorkspaceWithin } from "./workspaces";

const BATCH = 500;

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** Records that a collector wrote these people from one repository, so a re-collect may remove them once idle. */
export async function recordOwnedPeople(
  db: Db,
  workspaceId: number,
  source: string,
  repositoryId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    for (const batch of batches(ids))
      await tx.exec(
        `INSERT INTO collected_records (workspace_id, source, repository_id, type, key) VALUES ${batch.map(() => "(?, ?, ?, 'person', ?)").join(", ")} ON CONFLICT DO NOTHING`,
        batch.flatMap((key) => [workspaceId, source, repositoryId, key]),
      );
  });
}

/**
 * Removes commits of one repository that a collector read before and its
 * source no longer holds (a branch read earlier and no longer read), and then
 * the people left idle: the authors of those commits and the people the
 * collector wrote from this repository (`recordOwnedPeople`), when they have
 * no commit and no pull request left in the workspace and no other source
 * describes them (no `joinedAt`, no team but the collector's own `teamId`).
 * Their name evidence, links and ownership go with them. Returns how many of
 * each were removed.
 */
export async function removeStaleHistory(
  db: Db,
  workspaceId: number,
  source: string,
  repositoryId: string,
  shas: readonly string[],
  teamId: string | null,
): Promise<{ commits: number; people: number }> {
  const result = await db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    let commits = 0;
    const candidates = new Set(
      (
        await tx.rows<{ key: string }>(
          "SELECT key FROM collected_records WHERE workspace_id = ? AND source = ? AND repository_id = ? AND type = 'person'",
          [workspaceId, source, repositoryId],
        )
      ).map((r) => r.key),
    );
    for (const batch of batches(shas)) {
      const where = `workspace_id = ? AND repository_id = ? AND sha IN (${marks(batch.length)})`;
      const params: Param[] = [workspaceId, repositoryId, ...batch];
      for (const { author_id } of await tx.rows<{ author_id: string | null }>(
        `SELECT DISTINCT author_id FROM commits WHERE ${where}`,
        params,
      ))
        if (author_id !== null) candidates.add(author_id);
      commits += await tx.exec(`DELETE FROM commits WHERE ${where}`, params);
    }
    let people = 0;
    for (const batch of batches([...candidates]))
      people += await removeIdlePeople(tx, workspaceId, source, repositoryId, batch, teamId);
    if (commits > 0 || people > 0) await bumpDataVersion(tx, workspaceId);
    return { commits, people };
  });
  return result;
}

/** Removes those of `ids` left without activity and described by no other source; how many. */
async function removeIdlePeople(
  tx: Sql,
  workspaceId: number,
  source: string,
  repositoryId: string,
  ids: readonly string[],
  teamId: string | null,
): Promise<number> {
  const idle = (
    await tx.rows<{ id: string }>(
      `SELECT p.id FROM people p WHERE p.workspace_id = ? AND p.id IN (${marks(ids.length)})
        AND p.joined_at IS NULL AND (p.team_id IS NULL OR p.team_id = ?)
        AND NOT EXISTS (SELECT 1 FROM commits c WHERE c.workspace_id = p.workspace_id AND c.author_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM pull_requests r WHERE r.workspace_id = p.workspace_id AND r.author_id = p.id)`,
      [workspaceId, ...ids, teamId],
    )
  ).map((p) => p.id);
  if (idle.length === 0) return 0;
  const list = marks(idle.length);
  const removed = await tx.exec(`DELETE FROM people WHERE workspace_id = ? AND id IN (${list})`, [
    workspaceId,
    ...idle,
  ]);
  await tx.exec(`DELETE FROM person_names WHERE workspace_id = ? AND person_id IN (${list})`, [workspaceId, ...idle]);
  await tx.exec(
    `DELETE FROM person_links WHERE workspace_id = ? AND (person_id IN (${list}) OR other_id IN (${list}))`,
    [workspaceId, ...idle, ...idle],
  );
  await tx.exec(
    `DELETE FROM collected_records WHERE workspace_id = ? AND source = ? AND repository_id = ? AND type = 'person' AND key IN (${list})`,
    [workspaceId, source, repositoryId, ...idle],
  );
  return removed;
}
