import type { Db } from "@/db/client";
import type { Sql } from "@/db/store";
import type { IdentityInputs } from "@/lib/identities/resolve";
import { bumpDataVersion, lockWorkspaceWithin } from "./workspaces";

/** Ids (or rows) per statement: far under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * Everything identity resolution reads for a workspace: names and links
 * collectors saw, decisions people made, and for each id involved its person
 * record and commit count. Three empty tables cost three index probes, so
 * workspaces without git identities pay nothing.
 */
export async function loadIdentityInputs(db: Db, workspaceId: number): Promise<IdentityInputs> {
  // Asked together: on PostgreSQL they run on several connections at once instead of one round trip after another.
  const rows = await Promise.all(
    IDENTITY_READS.map((r) => db.tuples(`SELECT ${r.columns} FROM ${r.from} ORDER BY ${r.order}`, [workspaceId])),
  );
  return identityInputsFrom(db, workspaceId, rows as [unknown[][], unknown[][], unknown[][]]);
}

/** The three reads identity resolution starts from (columns, table and filter on one workspace, order), for callers that read them with others. */
export const IDENTITY_READS = [
  { columns: "person_id, name", from: "person_names WHERE workspace_id = ?", order: "person_id, name" },
  { columns: "person_id, other_id, reason", from: "person_links WHERE workspace_id = ?", order: "person_id, other_id" },
  { columns: "person_id, into_id", from: "identity_decisions WHERE workspace_id = ?", order: "person_id" },
] as const;

/** Identity inputs from the rows of IDENTITY_READS: reads each id's record and commit count. */
export async function identityInputsFrom(
  db: Sql,
  workspaceId: number,
  [nameRows, linkRows, decisionRows]: [unknown[][], unknown[][], unknown[][]],
): Promise<IdentityInputs> {
  const names = nameRows.map(([personId, name]) => ({ personId: personId as string, name: name as string }));
  const links = linkRows.map(([personId, otherId, reason]) => ({
    personId: personId as string,
    otherId: otherId as string,
    reason: reason as string,
  }));
  const decisions = decisionRows.map(([personId, intoId]) => ({
    personId: personId as string,
    intoId: intoId as string | null,
  }));
  if (names.length === 0 && links.length === 0 && decisions.length === 0)
    return { candidates: [], names, links, decisions };
  const ids = new Set<string>();
  for (const n of names) ids.add(n.personId);
  for (const l of links) ids.add(l.personId).add(l.otherId);
  for (const d of decisions) {
    ids.add(d.personId);
    if (d.intoId) ids.add(d.intoId);
  }
  // A few statements per 500 ids instead of two per id: one round trip each on PostgreSQL.
  const records = new Map<string, { name: string | null; isBot: boolean }>();
  const commits = new Map<string, number>();
  for (const chunk of chunks([...ids])) {
    for (const [id, name, isBot] of await db.tuples(
      `SELECT id, name, is_bot FROM people WHERE workspace_id = ? AND id IN (${marks(chunk.length)})`,
      [workspaceId, ...chunk],
    ))
      records.set(id as string, { name: name as string | null, isBot: isBot === 1 });
    for (const [id, n] of await db.tuples(
      `SELECT author_id, count(*) FROM commits WHERE workspace_id = ? AND author_id IN (${marks(chunk.length)}) GROUP BY author_id`,
      [workspaceId, ...chunk],
    ))
      commits.set(id as string, n as number);
  }
  const candidates = [...ids].map((id) => {
    const record = records.get(id);
    return {
      id,
      name: record?.name ?? null,
      isBot: record?.isBot ?? false,
      commits: commits.get(id) ?? 0,
      hasRecord: record !== undefined,
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
  await db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    let n = 0;
    for (const chunk of chunks(seen))
      n += await tx.exec(
        `INSERT INTO person_names (workspace_id, person_id, name) VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")} ON CONFLICT DO NOTHING`,
        chunk.flatMap((s) => [workspaceId, s.personId, s.name]),
      );
    // Names decide merges, and merges what the metrics count: cached facts must go.
    if (n > 0) await bumpDataVersion(tx, workspaceId);
    return n;
  });
}

/** Remembers evidence that two ids are one person (idempotent; the first reason stays). */
export async function recordPersonLinks(
  db: Db,
  workspaceId: number,
  links: readonly { personId: string; otherId: string; reason: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    for (const chunk of chunks(links))
      await tx.exec(
        `INSERT INTO person_links (workspace_id, person_id, other_id, reason) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")} ON CONFLICT DO NOTHING`,
        chunk.flatMap((l) => [workspaceId, l.personId, l.otherId, l.reason]),
      );
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
  await db.atomic(async (tx) => {
    await tx.exec(
      `INSERT INTO identity_decisions (workspace_id, person_id, into_id, decided_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id, person_id) DO UPDATE SET into_id = excluded.into_id, decided_at = excluded.decided_at`,
      [workspaceId, personId, intoId, at],
    );
    await bumpDataVersion(tx, workspaceId);
  });
}

/** Forgets a decision about an id (automatic merges apply to it again). Returns whether there was one. */
export async function forgetIdentityDecision(db: Db, workspaceId: number, personId: string): Promise<boolean> {
  const removed = await db.atomic(async (tx) => {
    const n = await tx.exec("DELETE FROM identity_decisions WHERE workspace_id = ? AND person_id = ?", [
      workspaceId,
      personId,
    ]);
    if (n > 0) await bumpDataVersion(tx, workspaceId);
    return n;
  });
  return removed > 0;
}

/** Which of these ids the workspace knows neither as a person nor as a name a collector saw. */
export async function unknownPersonIds(db: Db, workspaceId: number, ids: readonly string[]): Promise<string[]> {
  const known = new Set<string>();
  for (const chunk of chunks([...new Set(ids)]))
    for (const [id] of await db.tuples(
      `SELECT id FROM people WHERE workspace_id = ? AND id IN (${marks(chunk.length)})
       UNION SELECT person_id FROM person_names WHERE workspace_id = ? AND person_id IN (${marks(chunk.length)})`,
      [workspaceId, ...chunk, workspaceId, ...chunk],
    ))
      known.add(id as string);
  return ids.filter((id) => !known.has(id));
}

/** How many person records the workspace holds. */
export async function countPeople(db: Db, workspaceId: number): Promise<number> {
  return (await db.value<number>("SELECT count(*) FROM people WHERE workspace_id = ?", [workspaceId])) ?? 0;
}
