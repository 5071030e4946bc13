import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { identityDecisions, personLinks, personNames } from "@/db/schema";
import type { IdentityInputs } from "@/lib/identities/resolve";
import { bumpDataVersion } from "./workspaces";

/**
 * Everything identity resolution reads for a workspace: names and links
 * collectors saw, decisions people made, and for each id involved its person
 * record and commit count. Three empty tables cost three index probes, so
 * workspaces without git identities pay nothing.
 */
export async function loadIdentityInputs(db: Db, workspaceId: number): Promise<IdentityInputs> {
  const c = db.$client;
  const names = c
    .prepare("SELECT person_id AS personId, name FROM person_names WHERE workspace_id = ? ORDER BY person_id, name")
    .all(workspaceId) as IdentityInputs["names"];
  const links = c
    .prepare(
      "SELECT person_id AS personId, other_id AS otherId, reason FROM person_links WHERE workspace_id = ? ORDER BY person_id, other_id",
    )
    .all(workspaceId) as IdentityInputs["links"];
  const decisions = c
    .prepare(
      "SELECT person_id AS personId, into_id AS intoId FROM identity_decisions WHERE workspace_id = ? ORDER BY person_id",
    )
    .all(workspaceId) as IdentityInputs["decisions"];
  if (names.length === 0 && links.length === 0 && decisions.length === 0)
    return { candidates: [], names, links, decisions };
  const ids = new Set<string>();
  for (const n of names) ids.add(n.personId);
  for (const l of links) ids.add(l.personId).add(l.otherId);
  for (const d of decisions) {
    ids.add(d.personId);
    if (d.intoId) ids.add(d.intoId);
  }
  const record = c.prepare("SELECT name, is_bot FROM people WHERE workspace_id = ? AND id = ?");
  const commits = c.prepare("SELECT count(*) FROM commits WHERE workspace_id = ? AND author_id = ?").pluck();
  const candidates = [...ids].map((id) => {
    const row = record.get(workspaceId, id) as { name: string | null; is_bot: number | null } | undefined;
    return {
      id,
      name: row?.name ?? null,
      isBot: row?.is_bot === 1,
      commits: commits.get(workspaceId, id) as number,
      hasRecord: row !== undefined,
    };
  });
  return { candidates, names, links, decisions };
}

/** Remembers the names each id was seen with (idempotent; the workspace's data version moves when one is new). */
export async function recordPersonNames(
  db: Db,
  workspaceId: number,
  seen: readonly { personId: string; name: string }[],
): Promise<void> {
  if (seen.length === 0) return;
  let added = 0;
  db.transaction((tx) => {
    for (const s of seen)
      added += tx
        .insert(personNames)
        .values({ workspaceId, personId: s.personId, name: s.name })
        .onConflictDoNothing()
        .run().changes;
  });
  // Names decide merges, and merges what the metrics count: cached facts must go.
  if (added > 0) await bumpDataVersion(db, workspaceId);
}

/** Remembers evidence that two ids are one person (idempotent; the first reason stays). */
export async function recordPersonLinks(
  db: Db,
  workspaceId: number,
  links: readonly { personId: string; otherId: string; reason: string }[],
): Promise<void> {
  if (links.length === 0) return;
  db.transaction((tx) => {
    for (const l of links)
      tx.insert(personLinks)
        .values({ workspaceId, ...l })
        .onConflictDoNothing()
        .run();
  });
}

/**
 * Records a person's decision about an id: merged into `intoId`, or, with
 * null, kept apart from automatic merges. Replaces any earlier decision about
 * that id; the metrics' cached facts are invalidated.
 */
export async function decideIdentity(
  db: Db,
  workspaceId: number,
  personId: string,
  intoId: string | null,
  at: number,
): Promise<void> {
  db.insert(identityDecisions)
    .values({ workspaceId, personId, intoId, decidedAt: at })
    .onConflictDoUpdate({
      target: [identityDecisions.workspaceId, identityDecisions.personId],
      set: { intoId, decidedAt: at },
    })
    .run();
  await bumpDataVersion(db, workspaceId);
}

/** Forgets a decision about an id (automatic merges apply to it again). Returns whether there was one. */
export async function forgetIdentityDecision(db: Db, workspaceId: number, personId: string): Promise<boolean> {
  const removed = db
    .delete(identityDecisions)
    .where(and(eq(identityDecisions.workspaceId, workspaceId), eq(identityDecisions.personId, personId)))
    .run().changes;
  if (removed > 0) await bumpDataVersion(db, workspaceId);
  return removed > 0;
}

/** Which of these ids the workspace knows neither as a person nor as a name a collector saw. */
export async function unknownPersonIds(db: Db, workspaceId: number, ids: readonly string[]): Promise<string[]> {
  const known = db.$client
    .prepare(
      "SELECT EXISTS(SELECT 1 FROM people WHERE workspace_id = @ws AND id = @id) OR EXISTS(SELECT 1 FROM person_names WHERE workspace_id = @ws AND person_id = @id)",
    )
    .pluck();
  return ids.filter((id) => known.get({ ws: workspaceId, id }) !== 1);
}

/** How many person records the workspace holds. */
export async function countPeople(db: Db, workspaceId: number): Promise<number> {
  return db.$client.prepare("SELECT count(*) FROM people WHERE workspace_id = ?").pluck().get(workspaceId) as number;
}
